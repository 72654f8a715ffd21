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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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
 * @param tags the case's tags (dataset row tags), empty when none or unknown
 * @param answer the model's answer: the last sample's last model-under-test response, at most {@value
 *     #ANSWER_LIMIT} characters; null when unknown (e.g. a baseline written before it was kept)
 * @param reasons the failing verdicts' reasons (or the sample's error when no verdict failed), in
 *     order, without repeats; empty when the case passed or when unknown
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
        List<Long> callLatenciesMs,
        List<String> tags,
        String answer,
        List<String> reasons) {

    /** How many characters of the model's answer a baseline entry keeps. */
    public static final int ANSWER_LIMIT = 2000;

    /** How many characters of one failing verdict's reason a baseline entry keeps. */
    public static final int REASON_LIMIT = 500;

    /** How many failing verdicts' reasons a baseline entry keeps. */
    public static final int REASONS_LIMIT = 5;

    public CaseRecord {
        callLatenciesMs = List.copyOf(callLatenciesMs);
        tags = tags == null ? List.of() : List.copyOf(tags);
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    /** A case without tags, answer or reasons (as read from an older baseline). */
    public CaseRecord(
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
        this(
                key,
                testId,
                dataset,
                caseId,
                model,
                displayName,
                status,
                samples,
                passedSamples,
                passRate,
                score,
                modelCostUsd,
                judgeCostUsd,
                costUsd,
                inputTokens,
                outputTokens,
                latencyMs,
                failureReason,
                callLatenciesMs,
                List.of(),
                null,
                List.of());
    }

    /** The test method of {@link #testId()} ({@code refunds} of {@code dev.example.RefundTest#refunds}). */
    public String testMethod() {
        if (testId == null) {
            return null;
        }
        int hash = testId.lastIndexOf('#');
        return hash < 0 ? testId : testId.substring(hash + 1);
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
                Set<String> reasons = new LinkedHashSet<>();
                String answer = null;
                for (SampleResult sample : c.samples()) {
                    boolean verdictFailed = false;
                    for (VerdictResult v : sample.verdicts()) {
                        if (!v.passed()) {
                            verdictFailed = true;
                            reasons.add(shortReason(v.metric(), v.reason()));
                        }
                    }
                    if (!verdictFailed && !sample.passed() && sample.error() != null) {
                        reasons.add(shortReason(null, sample.error()));
                    }
                    for (CallResult call : sample.calls()) {
                        if (call.role() != CallResult.Role.JUDGE) {
                            answer = call.response(); // the last sample's last model call wins
                        }
                    }
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
                        latencies,
                        c.tags(),
                        cut(answer, ANSWER_LIMIT),
                        reasons.stream().limit(REASONS_LIMIT).toList()));
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
                    List.of(),
                    strings(c.path("tags")),
                    text(c, "answer"),
                    strings(c.path("reasons"))));
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
        // absent, not empty, when unknown: baselines written before these fields stay byte-identical
        if (!tags.isEmpty()) {
            tags.forEach(node.putArray("tags")::add);
        }
        if (answer != null) {
            node.put("answer", answer);
        }
        if (!reasons.isEmpty()) {
            reasons.forEach(node.putArray("reasons")::add);
        }
        return node;
    }

    private static String shortReason(String metric, String reason) {
        String text = reason == null || reason.isBlank() ? "failed" : reason.strip();
        if (metric != null && !metric.isBlank() && !text.startsWith(metric)) {
            text = metric + ": " + text;
        }
        return cut(text, REASON_LIMIT);
    }

    static String cut(String text, int limit) {
        if (text == null || text.length() <= limit) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(limit - 1)) ? limit - 1 : limit;
        return text.substring(0, end);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(v -> values.add(v.asText()));
        }
        return values;
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
