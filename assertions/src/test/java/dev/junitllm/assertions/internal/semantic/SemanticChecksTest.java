package dev.junitllm.assertions.internal.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junitllm.assertions.internal.Check;
import dev.junitllm.assertions.spi.EmbeddingModel;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SemanticChecksTest {

    /** Maps "q1" and "q2" to vectors of cosine 24/25 = 0.96. */
    static final EmbeddingModel FIXED = new EmbeddingModel() {
        final Map<String, float[]> vectors = Map.of("q1", new float[] {3, 4}, "q2", new float[] {4, 3});

        @Override
        public String id() {
            return "test:fixed";
        }

        @Override
        public float[] embed(String text) {
            return vectors.get(text);
        }
    };

    @Test
    void theVerdictNamesTheModel() {
        Check check = SemanticChecks.similar("q1", "q2", 0.97, FIXED);
        assertThat(check.passed()).isFalse();
        assertThat(check.verdict().reason()).isEqualTo("cosine 0.960 < 0.970 (test:fixed)");
        assertThat(check.failureMessage()).contains("with similarity >= 0.970 but was 0.960");
    }

    @Test
    void anInstalledModelIsUsedWhenNoProviderModelIsNamed() {
        assertThat(SemanticChecks.embeddingModel(null, Optional.of(FIXED))).isSameAs(FIXED);
        assertThatThrownBy(() -> SemanticChecks.embeddingModel(null, Optional.empty()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(SemanticChecks.NO_MODEL)
                .hasMessageContaining("dev.junitllm:junit-llm-semantic")
                .hasMessageContaining("llm.embedding.model");
    }

    @Test
    void argumentsAreCheckedBeforeAnyModelIsLookedFor() {
        assertThatThrownBy(() -> SemanticChecks.similar("a", "b", 1.5, (dev.junitllm.LlmClient) null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("minSimilarity must be within -1..1 but was 1.5");
        assertThat(SemanticChecks.defaultThreshold()).isEqualTo(0.75); // outside a test: the calibrated default
    }
}
