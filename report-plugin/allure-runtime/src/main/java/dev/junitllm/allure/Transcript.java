package dev.junitllm.allure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junitllm.results.Formats;
import dev.junitllm.stats.Interval;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders one case of the results as a self-contained, readable HTML page for an Allure attachment. */
final class Transcript {

    private static final String STYLE = "body{font:14px/1.45 -apple-system,Segoe UI,Helvetica,Arial,sans-serif;"
            + "margin:12px;color:#222}h1{font-size:17px}h2{font-size:15px;margin:18px 0 6px}"
            + "h3{font-size:14px;margin:12px 0 4px}table{border-collapse:collapse;margin:4px 0 8px}"
            + "td,th{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}"
            + "th{background:#f4f4f4}.pass{color:#2e7d32;font-weight:600}.fail{color:#c62828;font-weight:600}"
            + "pre{white-space:pre-wrap;background:#f7f7f7;border:1px solid #e4e4e4;padding:8px;margin:4px 0}"
            + ".num{text-align:right;font-variant-numeric:tabular-nums}.muted{color:#777}";

    private Transcript() {}

    static String html(JsonNode c) {
        StringBuilder h = new StringBuilder(4096);
        h.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>LLM transcript</title><style>")
                .append(STYLE)
                .append("</style></head><body>");
        h.append("<h1>").append(esc(c.path("displayName").asText("LLM case"))).append("</h1>");
        String status = c.path("status").asText("unknown");
        h.append("<table>");
        row(
                h,
                "status",
                "<span class=\"" + ("passed".equals(status) ? "pass" : "fail") + "\">" + esc(status) + "</span>");
        row(h, "model", esc(c.path("model").asText("")));
        if (c.hasNonNull("dataset")) {
            row(
                    h,
                    "dataset",
                    esc(c.path("dataset").asText()) + " / "
                            + esc(c.path("caseId").asText("")));
        }
        row(
                h,
                "samples",
                c.path("passedSamples").asInt() + " of " + c.path("samplesRun").asInt() + " passed ("
                        + c.path("samplesPlanned").asInt() + " planned), pass rate " + pct(c.path("passRate"))
                        + interval(c.path("interval")) + ", required " + pct(c.path("minPassRate")));
        JsonNode cost = c.path("costUsd");
        row(
                h,
                "cost",
                esc(money(cost.path("total"))) + " (model " + esc(money(cost.path("model"))) + ", judge "
                        + esc(money(cost.path("judge"))) + ")");
        JsonNode tokens = c.path("tokens");
        row(
                h,
                "tokens",
                tokens.path("input").asLong() + " in / " + tokens.path("output").asLong() + " out");
        row(h, "latency", c.path("latencyMs").asLong() + " ms");
        for (JsonNode p : c.path("prompts")) {
            row(
                    h,
                    "prompt",
                    esc(p.path("name").asText()) + " v" + esc(p.path("version").asText("?")) + " <span class=\"muted\">"
                            + esc(p.path("hash").asText("")) + "</span>");
        }
        if (c.hasNonNull("failureReason")) {
            row(
                    h,
                    "failure",
                    "<span class=\"fail\">" + esc(c.path("failureReason").asText()) + "</span>");
        }
        h.append("</table>");

        if (c.hasNonNull("input")) {
            h.append("<h2>Input</h2><pre>")
                    .append(esc(c.path("input").asText()))
                    .append("</pre>");
        }
        if (c.hasNonNull("expected")) {
            h.append("<h2>Expected</h2><pre>")
                    .append(esc(c.path("expected").asText()))
                    .append("</pre>");
        }
        if (c.path("context").isArray() && !c.path("context").isEmpty()) {
            h.append("<h2>Context</h2>");
            for (JsonNode ctx : c.path("context")) {
                h.append("<pre>")
                        .append(esc(ctx.isTextual() ? ctx.asText() : ctx.toString()))
                        .append("</pre>");
            }
        }
        for (JsonNode sample : c.path("samples")) {
            boolean passed = sample.path("passed").asBoolean();
            h.append("<h2>Sample ")
                    .append(sample.path("index").asInt() + 1)
                    .append(" — <span class=\"")
                    .append(passed ? "pass\">passed" : "fail\">failed")
                    .append("</span></h2>");
            if (sample.hasNonNull("error")) {
                h.append("<pre class=\"fail\">")
                        .append(esc(sample.path("error").asText()))
                        .append("</pre>");
            }
            for (JsonNode call : sample.path("calls")) {
                if (!"judge".equals(call.path("role").asText())) {
                    if (call.hasNonNull("request")) {
                        h.append("<h3>Prompt</h3><pre>")
                                .append(esc(call.path("request").asText()))
                                .append("</pre>");
                    }
                    answer(h, "Response", call);
                }
            }
            if (!sample.path("verdicts").isEmpty()) {
                h.append("<h3>Verdicts</h3><table><tr><th>metric</th><th>score</th><th>threshold</th>"
                        + "<th>result</th><th>reason</th></tr>");
                for (JsonNode v : sample.path("verdicts")) {
                    boolean ok = v.path("passed").asBoolean();
                    h.append("<tr><td>")
                            .append(esc(v.path("metric").asText()))
                            .append("</td><td class=\"num\">")
                            .append(num(v.path("score")))
                            .append("</td><td class=\"num\">")
                            .append(num(v.path("threshold")))
                            .append("</td><td class=\"")
                            .append(ok ? "pass\">pass" : "fail\">fail")
                            .append("</td><td>")
                            .append(esc(v.path("reason").asText("")))
                            .append("</td></tr>");
                }
                h.append("</table>");
            }
            for (JsonNode call : sample.path("calls")) {
                if ("judge".equals(call.path("role").asText())) {
                    answer(h, "Judge critique", call);
                }
            }
            if (!sample.path("calls").isEmpty()) {
                h.append("<h3>Calls</h3><table><tr><th>role</th><th>model</th><th>version</th><th>replayed</th>"
                        + "<th>tokens in</th><th>tokens out</th><th>cost</th><th>latency</th></tr>");
                for (JsonNode call : sample.path("calls")) {
                    h.append("<tr><td>")
                            .append(esc(call.path("role").asText()))
                            .append("</td><td>")
                            .append(esc(call.path("model").asText()))
                            .append("</td><td>")
                            .append(esc(call.path("providerModel").asText("")))
                            .append("</td><td>")
                            .append(call.path("replayed").asBoolean() ? "yes" : "no")
                            .append("</td><td class=\"num\">")
                            .append(call.path("tokens").path("input").asLong())
                            .append("</td><td class=\"num\">")
                            .append(call.path("tokens").path("output").asLong())
                            .append("</td><td class=\"num\">")
                            .append(esc(money(call.path("costUsd"))))
                            .append("</td><td class=\"num\">")
                            .append(call.path("latencyMs").asLong())
                            .append(" ms</td></tr>");
                    if (call.hasNonNull("fallbackReason")) {
                        h.append("<tr><td colspan=\"8\" class=\"muted\">fallback: ")
                                .append(esc(call.path("fallbackReason").asText()))
                                .append("</td></tr>");
                    }
                    if (call.path("faults").isArray() && !call.path("faults").isEmpty()) {
                        List<String> fired = new ArrayList<>();
                        call.path("faults").forEach(f -> fired.add(esc(f.asText())));
                        h.append("<tr><td colspan=\"8\" class=\"muted\">injected faults (@LlmFault): ")
                                .append(String.join("; ", fired))
                                .append("</td></tr>");
                    }
                }
                h.append("</table>");
            }
        }
        return h.append("</body></html>").toString();
    }

    /** A call's answer (or its error) under a heading naming what it is and the model that gave it. */
    private static void answer(StringBuilder h, String heading, JsonNode call) {
        h.append("<h3>")
                .append(heading)
                .append(" <span class=\"muted\">")
                .append(esc(call.path("model").asText()))
                .append("</span></h3><pre>")
                .append(esc(
                        call.hasNonNull("error")
                                ? "ERROR: " + call.path("error").asText()
                                : call.path("response").asText("")))
                .append("</pre>");
    }

    private static void row(StringBuilder h, String name, String html) {
        h.append("<tr><th>").append(name).append("</th><td>").append(html).append("</td></tr>");
    }

    private static String money(JsonNode value) {
        return Formats.money(value.isNumber() ? value.asDouble() : null);
    }

    private static String pct(JsonNode value) {
        return value.isNumber() ? Formats.percent(value.asDouble(), 0) : "n/a";
    }

    private static String interval(JsonNode interval) {
        if (!interval.path("low").isNumber()) {
            return "";
        }
        return " [95% CI "
                + Formats.interval(
                        new Interval(
                                interval.path("low").asDouble(),
                                interval.path("high").asDouble()),
                        0)
                + "]";
    }

    private static String num(JsonNode value) {
        return value.isNumber() ? String.format(Locale.ROOT, "%.2f", value.asDouble()) : "";
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
