package dev.junitllm.results;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * The concise table the extension prints at the end of {@code mvn test}: the run's mode, cases
 * passed, calls, tokens and cost split into model and judge, one line per dataset gate, the cases that
 * did not pass (at most twenty) and the model comparisons of {@code @Models} matrices. (The Maven
 * plugin's {@code report} goal prints its own lines about baselines and trends, with the same {@link
 * Formats}.)
 *
 * <pre>{@code
 * ConsoleSummary.print(results, file, System.out);
 * // junit-llm ── mode replay ── 8/8 cases passed, 15 calls, 2454 tokens, cost $0.0005 (model $0.0002, judge $0.0002)
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL)
public final class ConsoleSummary {
    private static final int MAX_LISTED_CASES = 20;

    private ConsoleSummary() {}

    /** Cases a {@code @RecordingMode} ran in another mode than the run's, e.g. {@code " (2 cases live)"}. */
    private static String otherModes(LlmResults results, String runMode) {
        Map<String, Integer> counts = new TreeMap<>();
        for (CaseResult c : results.cases()) {
            String mode = c.mode() == null ? runMode : c.mode();
            if (!mode.equals(runMode)) {
                counts.merge(mode, 1, Integer::sum);
            }
        }
        if (counts.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder(" (");
        counts.forEach((mode, n) -> b.append(b.length() > 2 ? ", " : "")
                .append(n)
                .append(n == 1 ? " case " : " cases ")
                .append(mode));
        return b.append(')').toString();
    }

    /**
     * Prints the summary of {@code results}.
     *
     * @param file where the results were written; null when writing failed
     */
    public static void print(LlmResults results, Path file, PrintStream out) {
        StringBuilder b = new StringBuilder();
        String mode = String.valueOf(results.run().mode());
        Totals totals = results.totals();
        Cost cost = totals.costUsd();
        b.append(System.lineSeparator())
                .append("junit-llm ── mode ")
                .append(mode)
                .append(otherModes(results, mode))
                .append(" ── ")
                .append(totals.passedCases())
                .append('/')
                .append(totals.cases())
                .append(" cases passed, ")
                .append(totals.calls())
                .append(" calls, ")
                .append(totals.tokens().input() + totals.tokens().output())
                .append(" tokens, cost ")
                .append(Formats.money(cost.total()))
                .append(" (model ")
                .append(Formats.money(cost.model()))
                .append(", judge ")
                .append(Formats.money(cost.judge()))
                .append(')');
        if (cost.unknownPriceCalls() > 0) {
            b.append(" + ").append(cost.unknownPriceCalls()).append(" calls of unknown price");
        }
        b.append(System.lineSeparator());
        for (DatasetGateResult d : results.datasets()) {
            b.append(String.format(
                    Locale.ROOT,
                    "  %s %-40s %-28s %4d/%-4d %6s [%s] needs %s%n",
                    d.passed() ? "PASS" : "FAIL",
                    shorten(d.testId() + " " + d.dataset(), 40),
                    shorten(String.valueOf(d.model()), 28),
                    d.passedCases(),
                    d.cases(),
                    Formats.percent(d.passRate(), 1),
                    Formats.interval(d.interval(), 1),
                    Formats.percent(d.minPassRate(), 0)));
        }
        int listed = 0;
        int notListed = 0;
        for (CaseResult c : results.cases()) {
            if (c.passed()) {
                continue;
            }
            if (listed++ >= MAX_LISTED_CASES) {
                notListed++;
            } else {
                b.append("  ")
                        .append(c.status().wireName().toUpperCase(Locale.ROOT))
                        .append(' ')
                        .append(c.displayName())
                        .append(": ")
                        .append(shorten(c.failureReason() == null ? "" : c.failureReason(), 160))
                        .append(System.lineSeparator());
            }
        }
        if (notListed > 0) {
            b.append("  … and ")
                    .append(notListed)
                    .append(" more cases that did not pass (see the results file)")
                    .append(System.lineSeparator());
        }
        for (ModelComparison c : results.comparisons()) {
            b.append(String.format(
                    Locale.ROOT,
                    "  %s vs %s on %d cases: %s vs %s, McNemar p=%.3f%s%n",
                    c.candidateModel(),
                    c.baselineModel(),
                    c.cases(),
                    Formats.percent(c.candidatePassRate(), 1),
                    Formats.percent(c.baselinePassRate(), 1),
                    c.pValue(),
                    c.significant() ? " (significant)" : ""));
        }
        b.append("  results: ")
                .append(file == null ? "not written (see the error above)" : file.toAbsolutePath())
                .append(System.lineSeparator());
        out.print(b);
        out.flush();
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
