package dev.junitllm.assertions.internal.error;

import dev.junitllm.assertions.internal.Format;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** An LLM judge did not accept the answer. */
public final class ShouldSatisfyJudge extends BasicErrorMessageFactory {

    private ShouldSatisfyJudge(String format, Object... arguments) {
        super(format, arguments);
    }

    /**
     * The judge found that the answer fails a binary criterion.
     *
     * <pre>{@code
     * shouldSatisfyRubric("Refunds take 14 days.", "States the 30-day refund window", 0.0, 1.0,
     *         "1/1 votes fail: The answer says 14 days, not 30.").create();
     * // Expecting actual:
     * //   "Refunds take 14 days."
     * // to satisfy the criterion:
     * //   "States the 30-day refund window"
     * // but the judge's score was 0.000 (threshold 1.000)
     * // reason: 1/1 votes fail: The answer says 14 days, not 30.
     * }</pre>
     */
    public static ErrorMessageFactory shouldSatisfyRubric(
            String actual, String criterion, double score, double threshold, String reason) {
        return new ShouldSatisfyJudge(
                "%nExpecting actual:%n  %s%nto satisfy the criterion:%n  %s%nbut the judge's score was %s (threshold %s)%s%n",
                actual,
                criterion,
                unquotedString(Format.fmt(score)),
                unquotedString(Format.fmt(threshold)),
                unquotedString(ShouldHaveScore.reasonLine(reason)));
    }

    /**
     * The judge's graded score (1..5 normalised to 0..1) is below {@code threshold}.
     *
     * <pre>{@code
     * shouldScoreAtLeast("Maybe.", "Answers the question clearly", 0.75, 0.25, "Vague.").create();
     * }</pre>
     */
    public static ErrorMessageFactory shouldScoreAtLeast(
            String actual, String rubric, double threshold, double score, String reason) {
        return new ShouldSatisfyJudge(
                "%nExpecting actual:%n  %s%nto score at least %s on the rubric:%n  %s%nbut the judge's score was %s%s%n",
                actual,
                unquotedString(Format.fmt(threshold)),
                rubric,
                unquotedString(Format.fmt(score)),
                unquotedString(ShouldHaveScore.reasonLine(reason)));
    }

    /**
     * A pairwise comparison did not end in a win for the answer (lost, tie or inconsistent).
     *
     * <pre>{@code
     * shouldBePreferred("A", "B", "More helpful", "inconsistent", "order AB: A wins; order BA: A wins").create();
     * // Expecting actual:
     * //   "A"
     * // to be preferred over:
     * //   "B"
     * // on the criterion "More helpful" but the outcome was inconsistent
     * // reason: order AB: A wins; order BA: A wins
     * }</pre>
     */
    public static ErrorMessageFactory shouldBePreferred(
            String actual, String other, String criterion, String outcome, String reason) {
        return new ShouldSatisfyJudge(
                "%nExpecting actual:%n  %s%nto be preferred over:%n  %s%non the criterion %s but the outcome was %s%s%n",
                actual, other, criterion, unquotedString(outcome), unquotedString(ShouldHaveScore.reasonLine(reason)));
    }

    /**
     * A person labelled exactly this answer as failing the criterion; the label overrules the judge.
     *
     * <pre>{@code
     * shouldSatisfyHumanReviewer("Refunds take 14 days.", "States the 30-day refund window",
     *         "human label: fail by ana on 2026-12-01: Says 14 days (overrules the judge, which said pass: …)").create();
     * // Expecting actual:
     * //   "Refunds take 14 days."
     * // to satisfy the criterion:
     * //   "States the 30-day refund window"
     * // but a human reviewer labelled this exact answer fail
     * // reason: human label: fail by ana on 2026-12-01: Says 14 days (overrules the judge, which said pass: …)
     * }</pre>
     */
    public static ErrorMessageFactory shouldSatisfyHumanReviewer(String actual, String criterion, String reason) {
        return new ShouldSatisfyJudge(
                "%nExpecting actual:%n  %s%nto satisfy the criterion:%n  %s%nbut a human reviewer labelled this exact answer fail%s%n",
                actual, criterion, unquotedString(ShouldHaveScore.reasonLine(reason)));
    }
}
