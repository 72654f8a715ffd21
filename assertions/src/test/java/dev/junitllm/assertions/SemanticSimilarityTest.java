package dev.junitllm.assertions;

import static dev.junitllm.assertions.Fakes.response;
import static dev.junitllm.assertions.LlmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.junitllm.assertions.Fakes.FakeContext;
import dev.junitllm.assertions.Fakes.FakeEmbeddings;
import dev.junitllm.assertions.internal.semantic.Embeddings;
import dev.junitllm.internal.engine.CurrentContext;
import org.junit.jupiter.api.Test;

class SemanticSimilarityTest {

    @Test
    void providerEmbeddingsAreCachedPerText() {
        FakeEmbeddings model = new FakeEmbeddings();
        model.vectors.put("expected-a", new float[] {1, 0});
        model.vectors.put("answer-1", new float[] {1, 1});
        model.vectors.put("answer-2", new float[] {0, 1});
        assertThat(response("answer-1")).usingEmbeddingModel(model).isSemanticallySimilarTo("expected-a", 0.7);
        int afterFirst = model.calls;
        assertThat(response("answer-1")).usingEmbeddingModel(model).isSemanticallySimilarTo("expected-a", 0.7);
        org.assertj.core.api.Assertions.assertThat(model.calls).isEqualTo(afterFirst); // both sides cached
        assertThatThrownBy(() -> assertThat(response("answer-2"))
                        .usingEmbeddingModel(model)
                        .isSemanticallySimilarTo("expected-a", 0.5))
                .hasMessageEndingWith(String.format("with similarity >= 0.500 but was 0.000%n"));
        org.assertj.core.api.Assertions.assertThat(model.calls).isEqualTo(afterFirst + 1); // only the new answer
    }

    @Test
    void theContextsEmbeddingModelIsUsedAndTheVerdictNamesIt() {
        FakeContext ctx = contextEmbeddingQ1AndQ2();
        try (CurrentContext.Binding ignored = CurrentContext.bind(ctx)) {
            assertThat(response("q1")).isSemanticallySimilarTo("q2", 0.9);
        }
        org.assertj.core.api.Assertions.assertThat(ctx.last().metric()).isEqualTo("semanticSimilarity");
        org.assertj.core.api.Assertions.assertThat(ctx.last().score()).isCloseTo(24.0 / 25, within(1e-6));
        org.assertj.core.api.Assertions.assertThat(ctx.last().reason())
                .isEqualTo("cosine 0.960 >= 0.900 (fake:embeddings)");
    }

    @Test
    void theDefaultThresholdCanBeConfigured() {
        FakeContext ctx = contextEmbeddingQ1AndQ2();
        try (CurrentContext.Binding ignored = CurrentContext.bind(ctx)) {
            assertThat(response("q1")).isSemanticallySimilarTo("q2"); // 0.96 >= 0.75
            ctx.configuration.put(LlmAssertions.SEMANTIC_SIMILARITY_THRESHOLD_KEY, "0.97");
            assertThatThrownBy(() -> assertThat(response("q1")).isSemanticallySimilarTo("q2"))
                    .hasMessageContaining("with similarity >= 0.970 but was 0.960");
            ctx.configuration.put(LlmAssertions.SEMANTIC_SIMILARITY_THRESHOLD_KEY, "high");
            assertThatThrownBy(() -> assertThat(response("q1")).isSemanticallySimilarTo("q2"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(
                            "Invalid llm.semantic-similarity.threshold [high]: expected a number within -1..1, e.g. 0.75");
        }
    }

    /** A context whose embedding model maps "q1" and "q2" to vectors of cosine 24/25 = 0.96. */
    private static FakeContext contextEmbeddingQ1AndQ2() {
        FakeEmbeddings model = new FakeEmbeddings();
        model.vectors.put("q1", new float[] {3, 4});
        model.vectors.put("q2", new float[] {4, 3});
        FakeContext ctx = new FakeContext();
        ctx.embeddingModel = model;
        return ctx;
    }

    @Test
    void withoutJunitLlmSemanticOrAProviderModelTheCheckNamesTheArtifactAndTheKey() {
        // junit-llm-semantic is deliberately not a test dependency of this module
        org.assertj.core.api.Assertions.assertThat(Embeddings.installed()).isEmpty();
        assertThatThrownBy(() -> assertThat(response("Refunds within 30 days."))
                        .isSemanticallySimilarTo("You have 30 days to return it.", 0.75))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dev.junitllm:junit-llm-semantic, test scope")
                .hasMessageContaining("llm.embedding.model")
                .hasMessageContaining("usingEmbeddingModel(LlmClient)");
        try (CurrentContext.Binding ignored = CurrentContext.bind(new FakeContext())) {
            assertThatThrownBy(() -> assertThat(response("a")).isSemanticallySimilarTo("b"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("No embedding model for isSemanticallySimilarTo");
        }
    }

    @Test
    void cosineAndEdgeCases() {
        org.assertj.core.api.Assertions.assertThat(Embeddings.cosine(new float[] {1, 0}, new float[] {-1, 0}))
                .isEqualTo(-1.0);
        org.assertj.core.api.Assertions.assertThat(Embeddings.cosine(new float[] {0, 0}, new float[] {1, 0}))
                .isZero();
        assertThatThrownBy(() -> Embeddings.cosine(new float[] {1}, new float[] {1, 0}))
                .hasMessage("vectors differ in length: 1 vs 2");
        assertThatThrownBy(() -> assertThat(response("x")).isSemanticallySimilarTo("y", 1.5))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
