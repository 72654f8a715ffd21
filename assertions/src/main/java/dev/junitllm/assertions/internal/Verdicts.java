package dev.junitllm.assertions.internal;

import dev.junitllm.LlmContext;
import dev.junitllm.Verdict;

/** Records verdicts into the running {@code @LlmTest} sample, if there is one. */
public final class Verdicts {
    private Verdicts() {}

    public static void record(Verdict verdict) {
        LlmContext.current().ifPresent(c -> c.record(verdict));
    }

    /**
     * Records a judge's verdict on {@code answer} and returns the verdict that counts: a person's label
     * on exactly this answer, when the running case has one, else the judge's.
     */
    public static Verdict recordJudged(Verdict judge, String criterion, String answer) {
        return LlmContext.current()
                .map(c -> c.recordJudged(judge, criterion, answer))
                .orElse(judge);
    }
}
