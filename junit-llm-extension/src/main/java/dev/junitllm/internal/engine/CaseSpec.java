package dev.junitllm.internal.engine;

import dev.junitllm.GoldenCase;
import dev.junitllm.LlmTest;
import dev.junitllm.ModelId;

/**
 * What one invocation of an {@link LlmTest} runs: a model, and for dataset tests a row (or, for the
 * trailing gate invocation, none).
 */
record CaseSpec(ModelId model, ModelId fallback, GoldenCase goldenCase, String dataset, boolean gate) {

    static CaseSpec single(ModelId model, ModelId fallback) {
        return new CaseSpec(model, fallback, null, null, false);
    }

    static CaseSpec row(ModelId model, ModelId fallback, String dataset, GoldenCase row) {
        return new CaseSpec(model, fallback, row, dataset, false);
    }

    static CaseSpec gate(ModelId model, String dataset) {
        return new CaseSpec(model, null, null, dataset, true);
    }

    /** Identifies the case's recordings in a cassette: {@code method[model/caseId]}. */
    String ownerSuffix() {
        return "[" + model + (goldenCase == null ? "" : "/" + goldenCase.id()) + "]";
    }
}
