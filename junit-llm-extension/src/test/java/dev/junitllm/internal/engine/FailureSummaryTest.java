package dev.junitllm.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** How a failed case is worded, without running one. */
class FailureSummaryTest {

    @Test
    void oneSampleReasonIsTheFailuresMessageOnOneLine() {
        String reason = FailureSummary.reason(
                FailureSummary.oneLine(new AssertionError("expected:\n  \"a\"\nbut was \"b\"")), 0, 1, 1, 1.0);

        assertThat(reason).isEqualTo("expected: \"a\" but was \"b\"");
    }

    @Test
    void severalSamplesReasonCountsThemWithTheirIntervalAndTheFirstFailure() {
        String reason = FailureSummary.reason("first", 1, 3, 3, 1.0);

        assertThat(reason)
                .isEqualTo("1 of 3 samples passed (33.3%, 95% CI [6.1%, 79.2%]); the case needs 100.0%;"
                        + " first failure: first");
    }

    @Test
    void severalSamplesReasonWithoutAFailureOmitsIt() {
        // An early stop can decide a case on its passes and errors alone.
        String reason = FailureSummary.reason(null, 0, 2, 5, 0.8);

        assertThat(reason).isEqualTo("0 of 2 samples passed (0.0%, 95% CI [0.0%, 65.8%]); the case needs 80.0%");
    }

    @Test
    void oneSampleFailureIsTheOriginalErrorSoTheIdeDiffStays() {
        AssertionError original = new AssertionFailedError("differs", "expected", "actual");

        assertThat(FailureSummary.failure(List.of(original), "differs", 1)).isSameAs(original);
    }

    @Test
    void severalSamplesFailureListsThemAndCarriesTheFirstDiff() {
        AssertionFailedError first = new AssertionFailedError("first", "expected", "actual");
        AssertionError second = new AssertionError("second\nline");

        AssertionError summary = FailureSummary.failure(List.of(first, second), "0 of 2 samples passed", 2);

        assertThat(summary).isInstanceOf(AssertionFailedError.class).hasCause(first);
        assertThat(summary.getMessage())
                .isEqualTo("0 of 2 samples passed" + System.lineSeparator() + "  failure 1: first"
                        + System.lineSeparator() + "  failure 2: second line");
        AssertionFailedError afe = (AssertionFailedError) summary;
        assertThat(afe.getExpected().getValue()).isEqualTo("expected");
        assertThat(afe.getActual().getValue()).isEqualTo("actual");
        assertThat(summary.getSuppressed()).containsExactly(second);
    }

    @Test
    void severalSamplesFailureWithoutADiffIsAPlainAssertionError() {
        AssertionError first = new AssertionError("first");

        AssertionError summary = FailureSummary.failure(List.of(first), "reason", 3);

        assertThat(summary.getClass()).isEqualTo(AssertionError.class);
        assertThat(summary).hasCause(first).hasMessage("reason" + System.lineSeparator() + "  failure 1: first");
        assertThat(summary.getSuppressed()).isEmpty();
    }

    @Test
    void oneLineNamesTheTypeWhenThereIsNoMessage() {
        assertThat(FailureSummary.oneLine(new IllegalStateException())).isEqualTo("IllegalStateException");
        assertThat(FailureSummary.oneLine(new IllegalStateException("  "))).isEqualTo("IllegalStateException");
    }

    @Test
    void oneLineShortensAnOverlongQuotedValueButNotTheMessage() {
        String line = FailureSummary.oneLine(new AssertionError("x".repeat(400) + "\n  \"" + "y".repeat(400) + "\""));

        assertThat(line)
                .hasSize(400 + 1 + FailureText.MAX_LINE)
                .startsWith("x".repeat(400))
                .endsWith("…");
    }

    @Test
    void percentIgnoresTheDefaultLocale() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            assertThat(FailureSummary.percent(0.8)).isEqualTo("80.0%");
            assertThat(FailureSummary.percent(1.0 / 3)).isEqualTo("33.3%");
        } finally {
            Locale.setDefault(before);
        }
    }
}
