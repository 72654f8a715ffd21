package dev.junitllm.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junitllm.results.DatasetGateResult;
import dev.junitllm.results.Formats;
import dev.junitllm.results.Latency;
import dev.junitllm.results.LlmResults;
import dev.junitllm.results.ResultsReader;
import dev.junitllm.results.RunInfo;
import dev.junitllm.results.Totals;
import dev.junitllm.stats.Interval;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Aggregates one or more results documents into what the LLM tab, the overview widget and the
 * console summary show: totals, pass rate per dataset × model with Wilson intervals, cost split into
 * model under test and judge, tokens, latency p50/p95, the slowest and most expensive cases, the
 * failing cases with reasons, comparisons (baseline, previous report, models of a matrix) and the
 * trend across runs. Every money amount comes with a formatted {@code ...Text} twin (see {@link
 * Formats#money}) so that all views print the same string.
 *
 * <pre>{@code
 * ObjectNode summary = ReportSummary.builder(List.of(ResultsReader.read(resultsFile)))
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

    private final List<LlmResults> documents;
    private List<CaseRecord> baseline;
    private List<CaseRecord> previous;
    private JsonNode previousTrend;
    private double alpha = 0.05;

    private ReportSummary(List<LlmResults> documents) {
        this.documents = List.copyOf(documents);
    }

    /** Starts a summary of the given results documents (several result directories are merged). */
    public static ReportSummary builder(List<LlmResults> documents) {
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

    /**
     * Reads a results document given as a JSON tree (as the Allure plugin receives it) with the
     * results module's reader.
     *
     * @throws ReportDataException when it is not a results document this release reads
     */
    public static LlmResults read(JsonNode document) {
        try {
            return ResultsReader.read(document);
        } catch (IllegalArgumentException e) {
            throw new ReportDataException(e.getMessage(), e);
        }
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
        root.set("byTag", breakdown(cases, "tag", CaseRecord::tags));
        root.set("byModel", breakdown(cases, "model", c -> List.of(String.valueOf(c.model()))));
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
        trend.add(trendPoint(totals, root.path("run"), root.path("datasets")));
        if (previousTrend != null && previousTrend.isArray()) {
            for (JsonNode point : previousTrend) {
                if (trend.size() >= TREND_LENGTH) {
                    break;
                }
                trend.add(point);
            }
        }
        root.set("calibration", JudgeAgreementTable.json(documents));
        ArrayNode summaries = root.putArray("cases");
        cases.forEach(c -> summaries.add(c.toSummary()));
        return root;
    }

    private List<String> modelOrder() {
        Set<String> models = new LinkedHashSet<>();
        documents.forEach(d -> models.addAll(d.run().models()));
        return new ArrayList<>(models);
    }

    private ObjectNode run() {
        ObjectNode run = JSON.objectNode();
        RunInfo first = documents.isEmpty() ? RunInfo.EMPTY : documents.get(0).run();
        run.put("mode", first.mode());
        run.put("judgeModel", first.judgeModel());
        run.put("gitCommit", first.gitCommit());
        run.put("priceTableDate", first.priceTableDate());
        run.put("startedAt", first.startedAt());
        run.put("finishedAt", first.finishedAt());
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
        for (LlmResults doc : documents) {
            Totals t = doc.totals();
            input += t.tokens().input();
            output += t.tokens().output();
            cached += t.tokens().cachedInput();
            reasoning += t.tokens().reasoning();
            modelCost = add(modelCost, t.costUsd().model());
            judgeCost = add(judgeCost, t.costUsd().judge());
            totalCost = add(totalCost, t.costUsd().total());
            unknown += t.costUsd().unknownPriceCalls();
            calls += t.calls();
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
        Latency fileLatency = documents.size() == 1 ? documents.get(0).totals().latencyMs() : null;
        if (fileLatency == null || fileLatency.p50() == null) {
            List<Long> all = new ArrayList<>();
            cases.forEach(c -> all.addAll(c.callLatenciesMs()));
            fileLatency = Latency.of(all);
        }
        latency.put("p50", fileLatency.p50());
        latency.put("p95", fileLatency.p95());
        latency.put("max", fileLatency.max());
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
            DatasetGateResult gate = gate(first);
            if (gate != null) {
                row.put("minPassRate", gate.minPassRate());
                row.put("gatePassed", gate.passed());
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
            Latency latency = Latency.of(latencies);
            row.put("latencyP50Ms", latency.p50());
            row.put("latencyP95Ms", latency.p95());
        }
        return rows;
    }

    /**
     * Pass rate per tag or per model: one row per value, sorted, with cases, passed cases, pass rate
     * and Wilson 95% interval. A case counts once under each of its values; untagged cases are in no
     * tag row.
     */
    private static ArrayNode breakdown(
            List<CaseRecord> cases, String field, Function<CaseRecord, List<String>> values) {
        Map<String, int[]> groups = new TreeMap<>();
        for (CaseRecord c : cases) {
            if (c.counted()) {
                for (String value : new LinkedHashSet<>(values.apply(c))) {
                    int[] counts = groups.computeIfAbsent(value, k -> new int[2]);
                    counts[0]++;
                    counts[1] += c.passed() ? 1 : 0;
                }
            }
        }
        ArrayNode rows = JSON.arrayNode();
        groups.forEach((value, counts) -> {
            ObjectNode row = rows.addObject();
            row.put(field, value);
            row.put("cases", counts[0]);
            row.put("passedCases", counts[1]);
            putRate(row, counts[1], counts[0]);
        });
        return rows;
    }

    private DatasetGateResult gate(CaseRecord c) {
        for (LlmResults doc : documents) {
            for (DatasetGateResult d : doc.datasets()) {
                if (c.testId() != null
                        && c.testId().equals(d.testId())
                        && c.dataset() != null
                        && c.dataset().equals(d.dataset())
                        && String.valueOf(c.model()).equals(d.model())) {
                    return d;
                }
            }
        }
        return null;
    }

    /** Dataset gates that failed, as one line each, for the build log and the check goal. */
    public static List<String> failedGates(List<LlmResults> documents) {
        List<String> lines = new ArrayList<>();
        for (LlmResults doc : documents) {
            for (DatasetGateResult d : doc.datasets()) {
                if (!d.passed()) {
                    lines.add(String.format(
                            java.util.Locale.ROOT,
                            "%s [%s] (%s): pass rate %s (%d/%d) below the gate %s",
                            d.dataset(),
                            d.model(),
                            d.testId(),
                            Formats.percent(d.passRate(), 1),
                            d.passedCases(),
                            d.cases(),
                            Formats.percent(d.minPassRate(), 1)));
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
        row.put("test", c.testMethod());
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

    /**
     * One point of the trend: pass rate and cost of a run, the models it ran, and a {@code series} entry
     * per dataset × model (cases, passed, pass rate) so the trend can be followed per dataset and model
     * and each point says which model it measured.
     */
    static ObjectNode trendPoint(JsonNode totals, JsonNode run, JsonNode datasets) {
        ObjectNode point = JSON.objectNode();
        point.put("finishedAt", run.path("finishedAt").asText(null));
        point.put("gitCommit", run.path("gitCommit").asText(null));
        ArrayNode models = point.putArray("models");
        run.path("models").forEach(models::add);
        Map<String, int[]> series = new TreeMap<>();
        Map<String, String[]> names = new TreeMap<>();
        for (JsonNode row : datasets) {
            String dataset = row.path("dataset").asText();
            String model = row.path("model").asText();
            String key = dataset + "\u0000" + model;
            names.put(key, new String[] {dataset, model});
            int[] counts = series.computeIfAbsent(key, k -> new int[2]);
            counts[0] += row.path("cases").asInt();
            counts[1] += row.path("passedCases").asInt();
        }
        ArrayNode rows = point.putArray("series");
        series.forEach((key, counts) -> rows.addObject()
                .put("dataset", names.get(key)[0])
                .put("model", names.get(key)[1])
                .put("cases", counts[0])
                .put("passedCases", counts[1])
                .put("passRate", counts[0] == 0 ? 0.0 : (double) counts[1] / counts[0]));
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
        Interval interval = Interval.wilson(passed, n);
        ObjectNode i = node.putObject("interval");
        i.put("low", interval.low());
        i.put("high", interval.high());
    }

    private static void putMoney(ObjectNode node, String field, Double usd) {
        node.put(field, usd);
        node.put(field + "Text", Formats.money(usd));
    }

    /** Sum that stays unknown (null) once any part is unknown. */
    private static Double add(Double sum, Double value) {
        return sum == null || value == null ? null : sum + value;
    }
}
