package dev.junitllm.assertions.internal.error;

import dev.junitllm.assertions.internal.Format;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** A scored check (string similarity, ROUGE, BLEU, RAG metrics, judge scores) fell below its threshold. */
public final class ShouldHaveScore extends BasicErrorMessageFactory {

    private ShouldHaveScore(String format, Object... arguments) {
        super(format, arguments);
    }

    /**
     * {@code metric} of the answer against {@code reference} is below {@code threshold}.
     *
     * <pre>{@code
     * shouldHaveScoreAtLeast("Refunds in 14 days", "rougeL", "Refunds within 30 days", 0.8, 0.5, "").create();
     * // Expecting actual:
     * //   "Refunds in 14 days"
     * // to have rougeL >= 0.800 against:
     * //   "Refunds within 30 days"
     * // but was 0.500
     * }</pre>
     *
     * @param reason appended as {@code reason: ...} when not blank (e.g. a judge's critique)
     */
    public static ErrorMessageFactory shouldHaveScoreAtLeast(
            String actual, String metric, String reference, double threshold, double score, String reason) {
        return new ShouldHaveScore(
                "%nExpecting actual:%n  %s%nto have %s >= %s against:%n  %s%nbut was %s%s%n",
                actual,
                unquotedString(metric),
                unquotedString(Format.fmt(threshold)),
                reference,
                unquotedString(Format.fmt(score)),
                unquotedString(reasonLine(reason)));
    }

    static String reasonLine(String reason) {
        return reason == null || reason.isBlank() ? "" : System.lineSeparator() + "reason: " + reason;
    }
}
