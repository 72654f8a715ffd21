package dev.junitllm.assertions.internal;

import dev.junitllm.LlmContext;
import dev.junitllm.Verdict;
import java.util.List;

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

    /**
     * {@link #recordJudged(Verdict, String, String)} for a verdict that depends on more than the answer:
     * a label counts only when made on exactly this answer with this question, context, expected answer
     * and other answer (null where the verdict does not depend on one).
     */
    public static Verdict recordJudged(
            Verdict judge,
            String criterion,
            String answer,
            String question,
            List<String> context,
            String expected,
            String otherAnswer) {
        if (question == null && context == null && expected == null && otherAnswer == null) {
            return recordJudged(judge, criterion, answer);
        }
        return LlmContext.current()
                .map(c -> c.recordJudged(judge, criterion, answer, question, context, expected, otherAnswer))
                .orElse(judge);
    }
}
