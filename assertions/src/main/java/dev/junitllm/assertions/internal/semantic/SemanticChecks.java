package dev.junitllm.assertions.internal.semantic;

import static dev.junitllm.assertions.internal.Format.fmt;
import static dev.junitllm.assertions.internal.error.ShouldBeSemanticallySimilar.shouldBeSemanticallySimilar;

import dev.junitllm.LlmClient;
import dev.junitllm.LlmContext;
import dev.junitllm.Verdict;
import dev.junitllm.assertions.LlmAssertions;
import dev.junitllm.assertions.internal.Check;
import dev.junitllm.assertions.spi.EmbeddingModel;
import java.util.Objects;
import java.util.Optional;

/** Semantic similarity: which embedding model, which threshold, and the check itself. */
public final class SemanticChecks {
    /** The configuration parameter that names a provider embedding model. */
    public static final String EMBEDDING_MODEL_KEY = "llm.embedding.model";

    static final String NO_MODEL = "No embedding model for isSemanticallySimilarTo: add the in-process model"
            + " (dependency dev.junitllm:junit-llm-semantic, test scope), or name a provider model with the"
            + " configuration parameter " + EMBEDDING_MODEL_KEY + " (e.g. openai:text-embedding-3-small),"
            + " or pass one with usingEmbeddingModel(LlmClient).";

    private SemanticChecks() {}

    /**
     * An explicit client wins; else the running test's {@code llm.embedding.model}; else an installed
     * {@link EmbeddingModel} (junit-llm-semantic).
     *
     * @throws IllegalStateException when there is none, naming the artifact and the key to use
     */
    public static EmbeddingModel embeddingModel(LlmClient explicit) {
        return embeddingModel(explicit, Embeddings.installed());
    }

    static EmbeddingModel embeddingModel(LlmClient explicit, Optional<EmbeddingModel> installed) {
        if (explicit != null) {
            return Embeddings.of(explicit);
        }
        return LlmContext.current()
                .flatMap(LlmContext::embeddingModel)
                .map(Embeddings::of)
                .or(() -> installed)
                .orElseThrow(() -> new IllegalStateException(NO_MODEL));
    }

    /** {@value LlmAssertions#SEMANTIC_SIMILARITY_THRESHOLD_KEY} if set, else the calibrated default. */
    public static double defaultThreshold() {
        Optional<String> configured =
                LlmContext.current().flatMap(c -> c.configuration(LlmAssertions.SEMANTIC_SIMILARITY_THRESHOLD_KEY));
        if (configured.isEmpty()) {
            return LlmAssertions.DEFAULT_SEMANTIC_SIMILARITY;
        }
        try {
            double value = Double.parseDouble(configured.get().strip());
            if (value >= -1 && value <= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("Invalid " + LlmAssertions.SEMANTIC_SIMILARITY_THRESHOLD_KEY + " ["
                + configured.get() + "]: expected a number within -1..1, e.g. 0.75");
    }

    /** Compares with the model {@link #embeddingModel(LlmClient)} picks, once the arguments are valid. */
    public static Check similar(String text, String expected, double minSimilarity, LlmClient explicitModel) {
        requireValid(expected, minSimilarity);
        return similar(text, expected, minSimilarity, embeddingModel(explicitModel));
    }

    public static Check similar(String text, String expected, double minSimilarity, EmbeddingModel model) {
        requireValid(expected, minSimilarity);
        double similarity = Embeddings.similarity(model, text, expected);
        boolean ok = similarity >= minSimilarity;
        String reason =
                "cosine " + fmt(similarity) + (ok ? " >= " : " < ") + fmt(minSimilarity) + " (" + model.id() + ")";
        return new Check(
                new Verdict("semanticSimilarity", Math.max(0, similarity), minSimilarity, ok, reason),
                () -> shouldBeSemanticallySimilar(text, expected, minSimilarity, similarity),
                expected,
                text);
    }

    private static void requireValid(String expected, double minSimilarity) {
        Objects.requireNonNull(expected, "expected");
        if (minSimilarity < -1 || minSimilarity > 1) {
            throw new IllegalArgumentException("minSimilarity must be within -1..1 but was " + minSimilarity);
        }
    }
}
