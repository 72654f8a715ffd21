package dev.junitllm.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junitllm.results.CallResult;
import dev.junitllm.results.CaseResult;
import dev.junitllm.results.LlmResults;
import dev.junitllm.results.SampleResult;
import dev.junitllm.results.TestResult;
import dev.junitllm.results.VerdictResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One case (one {@code @LlmTest} invocation: a dataset row on one model) as the report and the
 * baseline see it: a baseline entry. Built from the results module's reader ({@link #fromResults}) or
 * read from a baseline or history file ({@link #fromSummaries}, the compact form this class writes).
 *
 * <pre>{@code
 * List<CaseRecord> cases = CaseRecord.fromResults(ResultsReader.read(Path.of("target/llm-results/llm-results.json")));
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

    /** All cases of a results document ({@code tests[].cases[]}) in file order. */
    public static List<CaseRecord> fromResults(LlmResults results) {
        List<CaseRecord> cases = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (TestResult test : results.tests()) {
            for (CaseResult c : test.cases()) {
                List<Long> latencies = new ArrayList<>();
                List<Double> scores = new ArrayList<>();
                for (SampleResult sample : c.samples()) {
                    sample.verdicts().stream()
                            .map(VerdictResult::score)
                            .filter(Objects::nonNull)
                            .forEach(scores::add);
                    sample.calls().stream()
                            .filter(call -> call.role() != CallResult.Role.JUDGE)
                            .forEach(call -> latencies.add(call.latencyMs()));
                }
                int samplesRun = c.samplesRun();
                Double passRate = c.passRate();
                if (passRate == null && samplesRun > 0) {
                    passRate = (double) c.passedSamples() / samplesRun;
                }
                cases.add(new CaseRecord(
                        uniqueKey(seen, test.testId(), c.caseId(), c.model()),
                        test.testId(),
                        c.dataset(),
                        c.caseId(),
                        c.model(),
                        c.displayName(),
                        c.status().wireName(),
                        samplesRun,
                        c.passedSamples(),
                        passRate,
                        scores.isEmpty()
                                ? null
                                : scores.stream()
                                        .mapToDouble(Double::doubleValue)
                                        .average()
                                        .getAsDouble(),
                        c.costUsd().model(),
                        c.costUsd().judge(),
                        c.costUsd().total(),
                        c.tokens().input(),
                        c.tokens().output(),
                        c.latencyMs(),
                        c.failureReason(),
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
