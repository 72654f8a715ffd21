package dev.junitllm.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The concise table printed at the end of {@code mvn test}.
 *
 * <pre>{@code
 * ConsoleSummary.print(document, file, System.out);
 * // junit-llm ── mode replay ── 8/8 cases passed, 15 calls, 2454 tokens, cost $0.0005 (model $0.0002, judge $0.0002)
 * ConsoleSummary.money(0.00002);   // "<$0.0001"
 * }</pre>
 */
public final class ConsoleSummary {
    private static final int MAX_LISTED_CASES = 20;

    private ConsoleSummary() {}

    /** Cases a {@code @RecordingMode} ran in another mode than the run's, e.g. {@code " (2 cases live)"}. */
    private static String otherModes(JsonNode results, String runMode) {
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        for (JsonNode t : results.path("tests")) {
            for (JsonNode c : t.path("cases")) {
                String mode = c.path("mode").asText(runMode);
                if (!mode.equals(runMode)) {
                    counts.merge(mode, 1, Integer::sum);
                }
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

    public static void print(JsonNode results, java.nio.file.Path file, PrintStream out) {
        StringBuilder b = new StringBuilder();
        JsonNode run = results.path("run");
        JsonNode totals = results.path("totals");
        b.append(System.lineSeparator())
                .append("junit-llm ── mode ")
                .append(run.path("mode").asText())
                .append(otherModes(results, run.path("mode").asText()))
                .append(" ── ")
                .append(totals.path("passedCases").asInt())
                .append('/')
                .append(totals.path("cases").asInt())
                .append(" cases passed, ")
                .append(totals.path("calls").asInt())
                .append(" calls, ")
                .append(totals.path("tokens").path("input").asLong()
                        + totals.path("tokens").path("output").asLong())
                .append(" tokens, cost ")
                .append(money(totals.path("costUsd").path("total").asDouble()))
                .append(" (model ")
                .append(money(totals.path("costUsd").path("model").asDouble()))
                .append(", judge ")
                .append(money(totals.path("costUsd").path("judge").asDouble()))
                .append(')');
        int unknown = totals.path("costUsd").path("unknownPriceCalls").asInt();
        if (unknown > 0) {
            b.append(" + ").append(unknown).append(" calls of unknown price");
        }
        b.append(System.lineSeparator());
        for (JsonNode d : results.path("datasets")) {
            b.append(String.format(
                    Locale.ROOT,
                    "  %s %-40s %-28s %4d/%-4d %5.1f%% [%4.1f%%, %5.1f%%] needs %.0f%%%n",
                    d.path("passed").asBoolean() ? "PASS" : "FAIL",
                    shorten(d.path("testId").asText() + " " + d.path("dataset").asText(), 40),
                    shorten(d.path("model").asText(), 28),
                    d.path("passedCases").asInt(),
                    d.path("cases").asInt(),
                    100 * d.path("passRate").asDouble(),
                    100 * d.path("interval").path("low").asDouble(),
                    100 * d.path("interval").path("high").asDouble(),
                    100 * d.path("minPassRate").asDouble()));
        }
        int listed = 0;
        int notListed = 0;
        for (JsonNode t : results.path("tests")) {
            for (JsonNode c : t.path("cases")) {
                if (!c.path("status").asText().equals("passed") && listed++ >= MAX_LISTED_CASES) {
                    notListed++;
                } else if (!c.path("status").asText().equals("passed")) {
                    b.append("  ")
                            .append(c.path("status").asText().toUpperCase(Locale.ROOT))
                            .append(' ')
                            .append(c.path("displayName").asText())
                            .append(": ")
                            .append(shorten(c.path("failureReason").asText(""), 160))
                            .append(System.lineSeparator());
                }
            }
        }
        if (notListed > 0) {
            b.append("  … and ")
                    .append(notListed)
                    .append(" more cases that did not pass (see the results file)")
                    .append(System.lineSeparator());
        }
        for (JsonNode c : results.path("comparisons")) {
            b.append(String.format(
                    Locale.ROOT,
                    "  %s vs %s on %d cases: %.1f%% vs %.1f%%, McNemar p=%.3f%s%n",
                    c.path("candidateModel").asText(),
                    c.path("baselineModel").asText(),
                    c.path("cases").asInt(),
                    100 * c.path("candidatePassRate").asDouble(),
                    100 * c.path("baselinePassRate").asDouble(),
                    c.path("pValue").asDouble(),
                    c.path("significant").asBoolean() ? " (significant)" : ""));
        }
        b.append("  results: ")
                .append(file == null ? "not written (see the error above)" : file.toAbsolutePath())
                .append(System.lineSeparator());
        out.print(b);
        out.flush();
    }

    /** Dollars rounded for people: $0.0123, $12.35, <$0.0001, $0. */
    public static String money(double usd) {
        if (usd == 0) {
            return "$0";
        }
        if (usd < 0.0001) {
            return "<$0.0001";
        }
        if (usd < 1) {
            return String.format(Locale.ROOT, "$%.4f", usd);
        }
        return String.format(Locale.ROOT, "$%.2f", usd);
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
