package dev.junitllm.internal.engine;

import dev.junitllm.stats.Interval;
import java.util.List;
import java.util.Locale;
import org.opentest4j.AssertionFailedError;

/** Words a case's failure: the reason kept in its record and the error JUnit reports. */
final class FailureSummary {

    private FailureSummary() {}

    /**
     * One sample: its failure's message. Several: how many passed, with the confidence interval and
     * the first failure, e.g. {@code 1 of 3 samples passed (33.3%, 95% CI [6.1%, 79.2%]); the case
     * needs 100.0%; first failure: ...}.
     */
    static String reason(String firstFailure, int passed, int run, int samples, double minPassRate) {
        String first = firstFailure == null ? "" : firstFailure;
        if (samples == 1) {
            return first;
        }
        Interval ci = Interval.wilson(passed, run);
        return String.format(
                        Locale.ROOT,
                        "%d of %d samples passed (%s, 95%% CI [%s, %s]); the case needs %s",
                        passed,
                        run,
                        percent((double) passed / run),
                        percent(ci.low()),
                        percent(ci.high()),
                        percent(minPassRate))
                + (first.isEmpty() ? "" : "; first failure: " + first);
    }

    /** One sample: the original error (IDE diff intact). Several: a summary carrying the first diff. */
    static AssertionError failure(List<AssertionError> failures, String reason, int samples) {
        if (samples == 1 && failures.size() == 1) {
            return failures.get(0);
        }
        StringBuilder message = new StringBuilder(reason);
        for (int i = 0; i < failures.size(); i++) {
            message.append(System.lineSeparator())
                    .append("  failure ")
                    .append(i + 1)
                    .append(": ")
                    .append(oneLine(failures.get(i)));
        }
        AssertionError first = failures.isEmpty() ? null : failures.get(0);
        AssertionError summary =
                first instanceof AssertionFailedError afe && afe.isExpectedDefined() && afe.isActualDefined()
                        ? new AssertionFailedError(
                                message.toString(),
                                afe.getExpected().getValue(),
                                afe.getActual().getValue(),
                                first)
                        : new AssertionError(message.toString(), first);
        failures.stream().skip(1).forEach(summary::addSuppressed);
        return summary;
    }

    /** The message on one line (AssertJ messages span several), without stack frames: see {@link FailureText}. */
    static String oneLine(Throwable t) {
        return FailureText.of(t);
    }

    static String percent(double rate) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * rate);
    }
}
