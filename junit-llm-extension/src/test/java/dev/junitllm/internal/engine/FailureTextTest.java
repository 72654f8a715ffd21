package dev.junitllm.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.junitllm.Verdict;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/** How one failed sample reads, on real AssertJ messages. */
class FailureTextTest {

    private static final String ANSWER =
            "Refunds are accepted within 14 days of purchase, provided the item is unused and in its box.";

    @Test
    void aSoftAssertionDumpLosesItsFramesAndBoilerplateAndKeepsEachFailure() {
        AssertionError soft = catchThrowableOfType(AssertionError.class, () -> {
            SoftAssertions softly = new SoftAssertions();
            softly.assertThat(ANSWER).containsIgnoringCase("30 days");
            softly.assertThat(0.62).as("rubric score").isGreaterThanOrEqualTo(0.75);
            softly.assertAll();
        });
        assertThat(soft.getMessage()).contains("Multiple Failures", "-- failure 1 --", "at ");

        String text = FailureText.of(soft);

        assertThat(text)
                .isEqualTo(
                        "2 failures: (1) Expecting actual: \"" + ANSWER + "\" to contain: \"30 days\" (ignoring case);"
                                + " (2) [rubric score] Expecting actual: 0.62 to be greater than or equal to: 0.75")
                .doesNotContain("at ", "FailureTextTest.java", "Multiple Failures");
    }

    @Test
    void theTextOfASoftAssertionMessageAloneIsCleanedToo() {
        AssertionError soft = catchThrowableOfType(AssertionError.class, () -> {
            SoftAssertions softly = new SoftAssertions();
            softly.assertThat(ANSWER).containsIgnoringCase("30 days");
            softly.assertThat(ANSWER).doesNotContain("14 days");
            softly.assertAll();
        });

        String text = FailureText.message(soft.getMessage());

        assertThat(text)
                .startsWith("(1) Expecting actual: \"" + ANSWER + "\" to contain: \"30 days\" (ignoring case); (2) ")
                .endsWith("not to contain: \"14 days\"")
                .doesNotContain("FailureTextTest", "-- failure");
    }

    @Test
    void aLongQuotedAnswerIsShortenedButTheCheckAfterItIsKept() {
        String longAnswer = "word ".repeat(200).strip();
        AssertionError error = catchThrowableOfType(
                AssertionError.class, () -> Assertions.assertThat(longAnswer).contains("30 days"));

        String text = FailureText.of(error);

        assertThat(text).startsWith("Expecting actual: \"word word").endsWith("to contain: \"30 days\"");
        assertThat(text.length()).isLessThan(300);
    }

    @Test
    void recordedVerdictsNameTheCheckScoreThresholdAndTheJudgesCritique() {
        String critique = "The answer gives a 14-day window; the policy says 30 days. "
                + "It also invents a restocking fee. ".repeat(8);
        List<Verdict> verdicts = List.of(
                Verdict.binary("containsIgnoringCase", true, "contains \"refund\""),
                new Verdict("rubric", 0.4, 0.7, false, critique),
                Verdict.binary("containsIgnoringCase", false, "does not contain \"30 days\""));

        String text = FailureText.of(verdicts, new AssertionError("ignored when verdicts say why"));

        assertThat(text)
                .isEqualTo("rubric: score 0.40 vs threshold 0.70: " + critique.strip()
                        + "; containsIgnoringCase: score 0.00 vs threshold 1.00: does not contain \"30 days\"");
    }

    @Test
    void withoutFailedVerdictsTheAssertionsOwnMessageIsUsed() {
        AssertionError error = catchThrowableOfType(
                AssertionError.class, () -> Assertions.assertThat("abc").isEqualTo("abd"));

        assertThat(FailureText.of(List.of(), error)).isEqualTo("expected: \"abd\" but was: \"abc\"");
    }
}
