package dev.junitllm.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Aggregates one or more results documents into what the LLM tab, the overview widget and the
 * console summary show: totals, pass rate per dataset × model with Wilson intervals, cost split into
 * model under test and judge, tokens, latency p50/p95, the slowest and most expensive cases, the
 * failing cases with reasons, comparisons (baseline, previous report, models of a matrix) and the
 * trend across runs. Every money amount comes with a formatted {@code ...Text} twin (see {@link
 * Money}) so that all views print the same string.
 *
 * <pre>{@code
 * ObjectNode summary = ReportSummary.builder(List.of(resultsJson))
 *         .baseline(baselineCases)
 *         .previous(previousCases, previousTrend)
 *         .build();
 * }</pre>
 */
public final class ReportSummary {

    /** How many rows the slowest / most expensive lists keep. */
    public static final int TOP = 10;

    /** How many runs the trend keeps, like Allure's own trends. */
    public static final int TREND_LENGTH = 20;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final List<JsonNode> documents;
    private List<CaseRecord> baseline;
    private List<CaseRecord> previous;
    private JsonNode previousTrend;
    private double alpha = 0.05;

    private ReportSummary(List<JsonNode> documents) {
        this.documents = List.copyOf(documents);
    }

    /** Starts a summary of the given results documents (several result directories are merged). */
    public static ReportSummary builder(List<JsonNode> documents) {
        return new ReportSummary(documents);
    }

    /** Compares with the committed baseline's cases; null for none. */
    public ReportSummary baseline(List<CaseRecord> baselineCases) {
        this.baseline = baselineCases;
        return this;
    }

    /** Compares with the previous report's cases and extends its trend; nulls for none. */
    public ReportSummary previous(List<CaseRecord> previousCases, JsonNode trend) {
        this.previous = previousCases;
        this.previousTrend = trend;
        return this;
    }

    /** Significance level of the comparisons; 0.05 unless set. */
    public ReportSummary alpha(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
        this.alpha = alpha;
        return this;
    }

    /** All cases of all documents, in file order. */
    public List<CaseRecord> cases() {
        List<CaseRecord> cases = new ArrayList<>();
        documents.forEach(d -> cases.addAll(CaseRecord.fromResults(d)));
        return cases;
    }

    /** Builds the summary document. */
    public ObjectNode build() {
        List<CaseRecord> cases = cases();
        ObjectNode root = JSON.objectNode();
        root.put("schemaVersion", 1);
        root.set("run", run());
        ObjectNode totals = totals(cases);
        root.set("totals", totals);
        root.set("datasets", datasets(cases));
        root.set(
                "slowest",
                top(
                        cases,
                        Comparator.comparing(
                                (CaseRecord c) -> c.latencyMs() == null ? -1L : c.latencyMs(),
                                Comparator.reverseOrder())));
        root.set(
                "mostExpensive",
                top(
                        cases,
                        Comparator.comparing(
                                (CaseRecord c) -> c.costUsd() == null ? -1.0 : c.costUsd(),
                                Comparator.reverseOrder())));
        ArrayNode failing = root.putArray("failing");
        cases.stream()
                .filter(c -> c.counted() && !c.passed())
                .sorted(Comparator.comparing(CaseRecord::key))
                .forEach(c -> failing.add(caseRow(c)));
        ArrayNode models = root.putArray("models");
        Comparison.compareModels(cases, modelOrder(), alpha).forEach(c -> models.add(c.json()));
        if (baseline != null) {
            root.set(
                    "baseline",
                    Comparison.compare("baseline", baseline, cases, alpha).json());
        } else {
            root.putNull("baseline");
        }
        if (previous != null) {
            root.set(
                    "previous",
                    Comparison.compare("previous", previous, cases, alpha).json());
        } else {
            root.putNull("previous");
        }
        ArrayNode trend = root.putArray("trend");
        trend.add(trendPoint(totals, root.path("run")));
        if (previousTrend != null && previousTrend.isArray()) {
            for (JsonNode point : previousTrend) {
                if (trend.size() >= TREND_LENGTH) {
                    break;
                }
                trend.add(point);
            }
        }
        ArrayNode summaries = root.putArray("cases");
        cases.forEach(c -> summaries.add(c.toSummary()));
        return root;
    }

    private List<String> modelOrder() {
        Set<String> models = new LinkedHashSet<>();
        documents.forEach(d -> d.path("run").path("models").forEach(m -> models.add(m.asText())));
        return new ArrayList<>(models);
    }

    private ObjectNode run() {
        ObjectNode run = JSON.objectNode();
        JsonNode first =
                documents.isEmpty() ? JSON.objectNode() : documents.get(0).path("run");
        run.put("mode", first.path("mode").asText(null));
        run.put("judgeModel", first.path("judgeModel").asText(null));
        run.put("gitCommit", first.path("gitCommit").asText(null));
        run.put("priceTableDate", first.path("priceTableDate").asText(null));
        run.put("startedAt", first.path("startedAt").asText(null));
        run.put("finishedAt", first.path("finishedAt").asText(null));
        ArrayNode models = run.putArray("models");
        modelOrder().forEach(models::add);
        return run;
    }

    private ObjectNode totals(List<CaseRecord> cases) {
        ObjectNode totals = JSON.objectNode();
        List<CaseRecord> counted = cases.stream().filter(CaseRecord::counted).toList();
        int passed = (int) counted.stream().filter(CaseRecord::passed).count();
        totals.put("tests", cases.stream().map(CaseRecord::testId).distinct().count());
        totals.put("cases", counted.size());
        totals.put("passedCases", passed);
        totals.put("failedCases", counted.size() - passed);
        totals.put("skippedCases", cases.size() - counted.size());
        putRate(totals, passed, counted.size());
        totals.put("samples", cases.stream().mapToInt(CaseRecord::samples).sum());

        long input = 0;
        long output = 0;
        long cached = 0;
        long reasoning = 0;
        Double modelCost = 0.0;
        Double judgeCost = 0.0;
        Double totalCost = 0.0;
        int unknown = 0;
        long calls = 0;
        for (JsonNode doc : documents) {
            JsonNode t = doc.path("totals");
            input += t.path("tokens").path("input").asLong(0);
            output += t.path("tokens").path("output").asLong(0);
            cached += t.path("tokens").path("cachedInput").asLong(0);
            reasoning += t.path("tokens").path("reasoning").asLong(0);
            modelCost = add(modelCost, CaseRecord.number(t.path("costUsd"), "model"));
            judgeCost = add(judgeCost, CaseRecord.number(t.path("costUsd"), "judge"));
            totalCost = add(totalCost, CaseRecord.number(t.path("costUsd"), "total"));
            unknown += t.path("costUsd").path("unknownPriceCalls").asInt(0);
            calls += t.path("calls").asLong(0);
        }
        totals.put("calls", calls);
        ObjectNode tokens = totals.putObject("tokens");
        tokens.put("input", input);
        tokens.put("output", output);
        tokens.put("cachedInput", cached);
        tokens.put("reasoning", reasoning);
        tokens.put("total", input + output);
        ObjectNode cost = totals.putObject("costUsd");
        putMoney(cost, "model", modelCost);
        putMoney(cost, "judge", judgeCost);
        putMoney(cost, "total", totalCost);
        cost.put("unknownPriceCalls", unknown);

        ObjectNode latency = totals.putObject("latencyMs");
        JsonNode fileLatency =
                documents.size() == 1 ? documents.get(0).path("totals").path("latencyMs") : null;
        if (fileLatency != null && fileLatency.path("p50").isNumber()) {
            latency.put("p50", fileLatency.path("p50").asLong());
            latency.put("p95", fileLatency.path("p95").asLong());
            latency.put("max", fileLatency.path("max").asLong());
        } else {
            List<Long> all = new ArrayList<>();
            cases.forEach(c -> all.addAll(c.callLatenciesMs()));
            latency.put("p50", Stats.percentile(all, 50));
            latency.put("p95", Stats.percentile(all, 95));
            latency.put("max", all.stream().max(Long::compare).orElse(null));
        }
        return totals;
    }

    private ArrayNode datasets(List<CaseRecord> cases) {
        Map<String, List<CaseRecord>> groups = new TreeMap<>();
        for (CaseRecord c : cases) {
            if (c.counted()) {
                groups.computeIfAbsent(
                                c.datasetOrTest() + "\u0000" + c.model() + "\u0000" + c.testId(),
                                k -> new ArrayList<>())
                        .add(c);
            }
        }
        ArrayNode rows = JSON.arrayNode();
        for (List<CaseRecord> group : groups.values()) {
            CaseRecord first = group.get(0);
            ObjectNode row = rows.addObject();
            row.put("testId", first.testId());
            row.put("dataset", first.datasetOrTest());
            row.put("hasDataset", first.dataset() != null);
            row.put("model", first.model());
            int passed = (int) group.stream().filter(CaseRecord::passed).count();
            row.put("cases", group.size());
            row.put("passedCases", passed);
            putRate(row, passed, group.size());
            JsonNode gate = gate(first);
            if (gate != null) {
                row.put("minPassRate", gate.path("minPassRate").asDouble());
                row.put("gatePassed", gate.path("passed").asBoolean());
            } else {
                row.putNull("minPassRate");
                row.putNull("gatePassed");
            }
            Double model = 0.0;
            Double judge = 0.0;
            Double total = 0.0;
            long input = 0;
            long output = 0;
            List<Long> latencies = new ArrayList<>();
            for (CaseRecord c : group) {
                model = add(model, c.modelCostUsd());
                judge = add(judge, c.judgeCostUsd());
                total = add(total, c.costUsd());
                input += c.inputTokens();
                output += c.outputTokens();
                latencies.addAll(c.callLatenciesMs());
            }
            ObjectNode cost = row.putObject("costUsd");
            putMoney(cost, "model", model);
            putMoney(cost, "judge", judge);
            putMoney(cost, "total", total);
            row.put("inputTokens", input);
            row.put("outputTokens", output);
            row.put("latencyP50Ms", Stats.percentile(latencies, 50));
            row.put("latencyP95Ms", Stats.percentile(latencies, 95));
        }
        return rows;
    }

    private JsonNode gate(CaseRecord c) {
        for (JsonNode doc : documents) {
            for (JsonNode d : doc.path("datasets")) {
                if (c.testId() != null
                        && c.testId().equals(d.path("testId").asText())
                        && c.dataset() != null
                        && c.dataset().equals(d.path("dataset").asText())
                        && String.valueOf(c.model()).equals(d.path("model").asText())) {
                    return d;
                }
            }
        }
        return null;
    }

    /** Dataset gates that failed, as one line each, for the build log and the check goal. */
    public static List<String> failedGates(List<JsonNode> documents) {
        List<String> lines = new ArrayList<>();
        for (JsonNode doc : documents) {
            for (JsonNode d : doc.path("datasets")) {
                if (d.has("passed") && !d.path("passed").asBoolean()) {
                    lines.add(String.format(
                            java.util.Locale.ROOT,
                            "%s [%s] (%s): pass rate %.1f%% (%d/%d) below the gate %.1f%%",
                            d.path("dataset").asText(),
                            d.path("model").asText(),
                            d.path("testId").asText(),
                            100 * d.path("passRate").asDouble(),
                            d.path("passedCases").asInt(),
                            d.path("cases").asInt(),
                            100 * d.path("minPassRate").asDouble()));
                }
            }
        }
        return lines;
    }

    private static ArrayNode top(List<CaseRecord> cases, Comparator<CaseRecord> order) {
        ArrayNode rows = JSON.arrayNode();
        cases.stream()
                .filter(CaseRecord::counted)
                .sorted(order.thenComparing(CaseRecord::key))
                .limit(TOP)
                .forEach(c -> rows.add(caseRow(c)));
        return rows;
    }

    private static ObjectNode caseRow(CaseRecord c) {
        ObjectNode row = JSON.objectNode();
        row.put("key", c.key());
        row.put("testId", c.testId());
        row.put("dataset", c.datasetOrTest());
        row.put("caseId", c.caseId());
        row.put("model", c.model());
        row.put("displayName", c.displayName());
        row.put("status", c.status());
        row.put("samples", c.samples());
        row.put("passedSamples", c.passedSamples());
        row.put("passRate", c.passRate());
        row.put("latencyMs", c.latencyMs());
        putMoney(row, "costUsd", c.costUsd());
        row.put("reason", c.failureReason());
        return row;
    }

    /** One point of the trend: pass rate and cost of a run. */
    static ObjectNode trendPoint(JsonNode totals, JsonNode run) {
        ObjectNode point = JSON.objectNode();
        point.put("finishedAt", run.path("finishedAt").asText(null));
        point.put("gitCommit", run.path("gitCommit").asText(null));
        point.put("cases", totals.path("cases").asInt());
        point.put("passedCases", totals.path("passedCases").asInt());
        point.put("passRate", totals.path("passRate").asDouble());
        point.set("costUsd", totals.path("costUsd").path("total"));
        point.set("modelCostUsd", totals.path("costUsd").path("model"));
        point.set("judgeCostUsd", totals.path("costUsd").path("judge"));
        point.put("tokens", totals.path("tokens").path("total").asLong());
        return point;
    }

    private static void putRate(ObjectNode node, int passed, int n) {
        node.put("passRate", n == 0 ? 0.0 : (double) passed / n);
        Stats.Interval interval = Stats.wilson(passed, n);
        ObjectNode i = node.putObject("interval");
        i.put("low", interval.low());
        i.put("high", interval.high());
    }

    private static void putMoney(ObjectNode node, String field, Double usd) {
        node.put(field, usd);
        node.put(field + "Text", Money.format(usd));
    }

    /** Sum that stays unknown (null) once any part is unknown. */
    private static Double add(Double sum, Double value) {
        return sum == null || value == null ? null : sum + value;
    }
}
