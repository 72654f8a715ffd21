package dev.junitllm.assertions;

import dev.junitllm.LlmContext;
import dev.junitllm.Verdict;

/** Records verdicts into the running {@code @LlmTest} sample, if there is one. */
final class Verdicts {
    private Verdicts() {}

    static void record(Verdict verdict) {
        LlmContext.current().ifPresent(c -> c.record(verdict));
    }
}
