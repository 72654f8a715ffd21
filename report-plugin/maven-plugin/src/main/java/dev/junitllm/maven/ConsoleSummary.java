package dev.junitllm.maven;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junitllm.results.Formats;
import dev.junitllm.stats.Interval;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The lines the {@code report} goal prints from report-core's summary: totals, one line per dataset ×
 * model, and the comparisons with the baseline and the previous report. (The extension's end-of-run
 * table, {@link dev.junitllm.results.ConsoleSummary}, has no baseline or history to show.) Amounts and
 * rates are formatted by {@link Formats}, as everywhere.
 */
final class ConsoleSummary {

    private ConsoleSummary() {}

    static List<String> lines(JsonNode summary) {
        List<String> lines = new ArrayList<>();
        JsonNode t = summary.path("totals");
        lines.add(String.format(
                Locale.ROOT,
                "junit-llm: %d case%s, %d passed (%s, 95%% CI %s), cost %s (model %s, judge %s), %,d tokens,"
                        + " latency p50 %s / p95 %s",
                t.path("cases").asInt(),
                t.path("cases").asInt() == 1 ? "" : "s",
                t.path("passedCases").asInt(),
                pct(t.path("passRate").asDouble()),
                interval(t.path("interval")),
                t.path("costUsd").path("totalText").asText(),
                t.path("costUsd").path("modelText").asText(),
                t.path("costUsd").path("judgeText").asText(),
                t.path("tokens").path("total").asLong(),
                ms(t.path("latencyMs").path("p50")),
                ms(t.path("latencyMs").path("p95"))));
        int datasetWidth = 8;
        int modelWidth = 5;
        for (JsonNode d : summary.path("datasets")) {
            datasetWidth = Math.max(datasetWidth, d.path("dataset").asText().length());
            modelWidth = Math.max(modelWidth, d.path("model").asText().length());
        }
        for (JsonNode d : summary.path("datasets")) {
            String gate = d.path("minPassRate").isNumber()
                    ? "  gate >= " + pct(d.path("minPassRate").asDouble())
                            + (d.path("gatePassed").asBoolean() ? " ok" : " FAILED")
                    : "";
            lines.add(String.format(
                    Locale.ROOT,
                    "  %-" + datasetWidth + "s  %-" + modelWidth + "s  %3d/%-3d %6s  [%s]  %s%s",
                    d.path("dataset").asText(),
                    d.path("model").asText(),
                    d.path("passedCases").asInt(),
                    d.path("cases").asInt(),
                    pct(d.path("passRate").asDouble()),
                    interval(d.path("interval")),
                    d.path("costUsd").path("totalText").asText(),
                    gate));
        }
        for (JsonNode models : summary.path("models")) {
            lines.add(modelsLine(models));
        }
        comparison(lines, "baseline", summary.path("baseline"));
        comparison(lines, "previous report", summary.path("previous"));
        return lines;
    }

    private static void comparison(List<String> lines, String what, JsonNode cmp) {
        if (cmp.isObject()) {
            lines.add(comparisonLine(what, cmp));
        }
    }

    /** Whether a line is a warning (a comparison that compared nothing): printed at WARN level. */
    static boolean isWarning(String line) {
        return line.contains(": NOT COMPARED");
    }

    /** One {@code @Models} comparison: a later model of the matrix against the first on the same rows. */
    static String modelsLine(JsonNode cmp) {
        return "  models on " + cmp.path("dataset").asText() + ": "
                + cmp.path("baselineModel").asText() + " -> "
                + cmp.path("candidateModel").asText() + ": " + counts(cmp);
    }

    /** A comparison with the baseline or the previous report, or "NOT COMPARED" with the reason. */
    static String comparisonLine(String what, JsonNode cmp) {
        if (cmp.has("compared") && !cmp.path("compared").asBoolean()) {
            return "  vs " + what + ": NOT COMPARED — "
                    + cmp.path("notComparedReason").asText();
        }
        return "  vs " + what
                + (cmp.path("modelChange").isTextual()
                        ? " (" + cmp.path("modelChange").asText() + ")"
                        : "") + ": "
                + counts(cmp);
    }

    private static String counts(JsonNode cmp) {
        return String.format(
                Locale.ROOT,
                "%s -> %s on %d paired cases (McNemar p=%.4f), %d newly failing, %d newly passing, cost %s%s",
                pct(cmp.path("beforePassRate").asDouble()),
                pct(cmp.path("afterPassRate").asDouble()),
                cmp.path("pairedCases").asInt(),
                cmp.path("pValue").asDouble(),
                cmp.path("newlyFailing").size(),
                cmp.path("newlyPassing").size(),
                cmp.path("costDeltaText").asText(),
                cmp.path("significantRegression").asBoolean() ? "  SIGNIFICANT REGRESSION" : "");
    }

    static String pct(double rate) {
        return Formats.percent(rate, 1);
    }

    private static String interval(JsonNode interval) {
        return Formats.interval(
                new Interval(
                        interval.path("low").asDouble(), interval.path("high").asDouble()),
                1);
    }

    private static String ms(JsonNode value) {
        return value.isNumber() ? value.asLong() + " ms" : "n/a";
    }
}
