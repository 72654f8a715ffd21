package dev.junitllm.assertions.internal;

import dev.junitllm.LlmContext;
import dev.junitllm.Verdict;

/** Records verdicts into the running {@code @LlmTest} sample, if there is one. */
public final class Verdicts {
    private Verdicts() {}

    public static void record(Verdict verdict) {
        LlmContext.current().ifPresent(c -> c.record(verdict));
    }
}
