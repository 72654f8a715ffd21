package dev.junitllm.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One case (one {@code @LlmTest} invocation: a dataset row on one model) as the report and the
 * baseline see it. Read from {@code llm-results.json} ({@link #fromResults}) or from a baseline or
 * history file ({@link #fromSummaries}).
 *
 * <pre>{@code
 * List<CaseRecord> cases = CaseRecord.fromResults(mapper.readTree(Path.of("target/llm-results/llm-results.json").toFile()));
 * cases.get(0).key();   // "dev.example.RefundTest#refunds#refund-03@openai:gpt-4o-mini"
 * }</pre>
 *
 * @param key stable identity across runs: {@code testId#caseId@model}
 * @param modelCostUsd cost of the model under test; null when unknown
 * @param judgeCostUsd cost of the judge calls; null when unknown
 * @param costUsd total cost; null when unknown
 * @param latencyMs the case's latency as written by the extension; null when absent
 * @param callLatenciesMs latencies of the model-under-test calls (empty when read from a baseline)
 */
public record CaseRecord(
        String key,
        String testId,
        String dataset,
        String caseId,
        String model,
        String displayName,
        String status,
        int samples,
        int passedSamples,
        Double passRate,
        Double score,
        Double modelCostUsd,
        Double judgeCostUsd,
        Double costUsd,
        long inputTokens,
        long outputTokens,
        Long latencyMs,
        String failureReason,
        List<Long> callLatenciesMs) {

    public CaseRecord {
        callLatenciesMs = List.copyOf(callLatenciesMs);
    }

    /** Whether the case counts as passed. */
    public boolean passed() {
        return "passed".equals(status);
    }

    /** Whether the case took part in the run (skipped cases do not count in pass rates). */
    public boolean counted() {
        return !"skipped".equals(status);
    }

    /** The dataset, or the test id for a test without one: the row label of the pass-rate table. */
    public String datasetOrTest() {
        return dataset != null ? dataset : testId;
    }

    /**
     * All cases of a results document ({@code tests[].cases[]}) in file order.
     *
     * @throws ReportDataException when the document is not a junit-llm results file
     */
    public static List<CaseRecord> fromResults(JsonNode results) {
        if (results == null || !results.isObject() || !results.path("tests").isArray()) {
            throw new ReportDataException("not a junit-llm results document: expected an object with a"
                    + " 'tests' array (see docs/results-schema.md)");
        }
        int version = results.path("schemaVersion").asInt(1);
        if (version != 1) {
            throw new ReportDataException("unsupported results schemaVersion " + version
                    + "; this report plugin reads version 1 — use the junit-llm report plugin of the same"
                    + " release as the extension");
        }
        List<CaseRecord> cases = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (JsonNode test : results.path("tests")) {
            String testId = text(test, "testId");
            for (JsonNode c : test.path("cases")) {
                String model = text(c, "model");
                String caseId = text(c, "caseId");
                String key = uniqueKey(seen, testId, caseId, model);
                List<Long> latencies = new ArrayList<>();
                List<Double> scores = new ArrayList<>();
                for (JsonNode sample : c.path("samples")) {
                    for (JsonNode verdict : sample.path("verdicts")) {
                        if (verdict.path("score").isNumber()) {
                            scores.add(verdict.path("score").asDouble());
                        }
                    }
                    for (JsonNode call : sample.path("calls")) {
                        if (!"judge".equals(text(call, "role"))
                                && call.path("latencyMs").isNumber()) {
                            latencies.add(call.path("latencyMs").asLong());
                        }
                    }
                }
                JsonNode cost = c.path("costUsd");
                JsonNode tokens = c.path("tokens");
                int samplesRun = c.path("samplesRun").asInt(c.path("samples").size());
                int passedSamples = c.path("passedSamples").asInt(0);
                Double passRate = number(c, "passRate");
                if (passRate == null && samplesRun > 0) {
                    passRate = (double) passedSamples / samplesRun;
                }
                cases.add(new CaseRecord(
                        key,
                        testId,
                        text(c, "dataset"),
                        caseId,
                        model,
                        text(c, "displayName"),
                        c.path("status").asText("error"),
                        samplesRun,
                        passedSamples,
                        passRate,
                        scores.isEmpty()
                                ? null
                                : scores.stream()
                                        .mapToDouble(Double::doubleValue)
                                        .average()
                                        .getAsDouble(),
                        number(cost, "model"),
                        number(cost, "judge"),
                        number(cost, "total"),
                        tokens.path("input").asLong(0),
                        tokens.path("output").asLong(0),
                        c.path("latencyMs").isNumber() ? c.path("latencyMs").asLong() : null,
                        text(c, "failureReason"),
                        latencies));
            }
        }
        return cases;
    }

    /** Cases of a baseline or history document ({@code cases[]}, as written by {@link #toSummary()}). */
    public static List<CaseRecord> fromSummaries(JsonNode document) {
        if (document == null || !document.path("cases").isArray()) {
            throw new ReportDataException("not a junit-llm baseline: expected an object with a 'cases' array");
        }
        List<CaseRecord> cases = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (JsonNode c : document.path("cases")) {
            String testId = text(c, "testId");
            String caseId = text(c, "caseId");
            String model = text(c, "model");
            String key = c.hasNonNull("key") ? c.get("key").asText() : uniqueKey(seen, testId, caseId, model);
            cases.add(new CaseRecord(
                    key,
                    testId,
                    text(c, "dataset"),
                    caseId,
                    model,
                    null,
                    c.path("status").asText("error"),
                    c.path("samples").asInt(0),
                    c.path("passedSamples").asInt(0),
                    number(c, "passRate"),
                    number(c, "score"),
                    null,
                    null,
                    number(c, "costUsd"),
                    0,
                    0,
                    c.path("latencyMs").isNumber() ? c.path("latencyMs").asLong() : null,
                    null,
                    List.of()));
        }
        return cases;
    }

    /** The compact form kept in the baseline and the report history. */
    public ObjectNode toSummary() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("key", key);
        node.put("testId", testId);
        node.put("dataset", dataset);
        node.put("caseId", caseId);
        node.put("model", model);
        node.put("status", status);
        node.put("samples", samples);
        node.put("passedSamples", passedSamples);
        node.put("passRate", passRate);
        node.put("score", score);
        node.put("costUsd", costUsd);
        node.put("latencyMs", latencyMs);
        return node;
    }

    private static String uniqueKey(Map<String, Integer> seen, String testId, String caseId, String model) {
        String base = testId + "#" + (caseId == null ? "" : caseId) + "@" + model;
        int n = seen.merge(base, 1, Integer::sum);
        return n == 1 ? base : base + "[" + n + "]";
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNull() || value.isMissingNode() ? null : value.asText();
    }

    static Double number(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNumber() ? value.asDouble() : null;
    }
}
