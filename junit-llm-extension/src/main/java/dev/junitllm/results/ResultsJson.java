package dev.junitllm.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junitllm.CallRole;
import dev.junitllm.GoldenCase;
import dev.junitllm.PromptTemplate;
import dev.junitllm.Usage;
import dev.junitllm.Verdict;
import dev.junitllm.stats.Interval;
import dev.junitllm.stats.McNemar;
import dev.junitllm.stats.PassAtK;
import dev.junitllm.stats.Percentiles;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a {@link RunLedger} into the {@code llm-results.json} document (docs/results-schema.md).
 *
 * <pre>{@code
 * ObjectNode doc = ResultsJson.document(ledger, Instant.now());
 * doc.at("/totals/costUsd/judge").asDouble();
 * }</pre>
 */
public final class ResultsJson {

    /** Bumped when a field is removed or renamed. */
    public static final int SCHEMA_VERSION = 1;

    static final ObjectMapper MAPPER = new ObjectMapper();

    private ResultsJson() {}

    /** The whole results document. */
    public static ObjectNode document(RunLedger ledger, Instant finishedAt) {
        List<CaseRecord> cases = new ArrayList<>(ledger.cases());
        cases.sort(Comparator.comparing(CaseRecord::testId).thenComparing(CaseRecord::uniqueId));

        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        ObjectNode run = root.putObject("run");
        run.put("startedAt", ledger.startedAt().toString());
        run.put("finishedAt", finishedAt.toString());
        run.put("mode", ledger.mode());
        ArrayNode models = run.putArray("models");
        ledger.models().forEach(models::add);
        run.put("judgeModel", ledger.judgeModel());
        run.put("gitCommit", ledger.gitCommit());
        run.put("priceTableDate", ledger.priceTableDate());
        ArrayNode prompts = run.putArray("prompts");
        ledger.prompts().forEach(p -> prompts.add(prompt(p)));

        root.set("totals", totals(cases));

        ArrayNode datasets = root.putArray("datasets");
        ledger.gates().stream()
                .sorted(Comparator.comparing(DatasetGateRecord::testId)
                        .thenComparing(DatasetGateRecord::dataset)
                        .thenComparing(DatasetGateRecord::model))
                .forEach(g -> datasets.add(gate(g)));

        ArrayNode comparisons = root.putArray("comparisons");
        ledger.matrices().forEach((testId, ms) -> comparisons(testId, ms, cases).forEach(comparisons::add));

        ArrayNode tests = root.putArray("tests");
        Map<String, List<CaseRecord>> byTest = new LinkedHashMap<>();
        cases.forEach(
                c -> byTest.computeIfAbsent(c.testId(), k -> new ArrayList<>()).add(c));
        byTest.forEach((testId, testCases) -> {
            ObjectNode t = tests.addObject();
            CaseRecord first = testCases.get(0);
            t.put("testId", testId);
            t.put("className", first.className());
            t.put("methodName", first.methodName());
            ArrayNode cs = t.putArray("cases");
            testCases.forEach(c -> cs.add(caseNode(c)));
        });
        return root;
    }

    /** One element of {@code tests[].cases[]}. */
    public static ObjectNode caseNode(CaseRecord c) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("uniqueId", c.uniqueId());
        n.put("displayName", c.displayName());
        n.put("testId", c.testId());
        GoldenCase g = c.goldenCase();
        n.put("caseId", g == null ? null : g.id());
        n.put("dataset", c.dataset());
        n.put("model", c.model());
        n.put("mode", c.mode());
        n.put("input", g == null ? null : g.input());
        n.put("expected", g == null ? null : g.expected());
        ArrayNode context = n.putArray("context");
        ArrayNode tags = n.putArray("tags");
        if (g != null) {
            g.context().forEach(context::add);
            g.tags().stream().sorted().forEach(tags::add);
        }
        ArrayNode prompts = n.putArray("prompts");
        c.prompts().forEach(p -> prompts.add(prompt(p)));

        List<SampleRecord> samples = c.samples();
        int run = samples.size();
        int passed = c.passedSamples();
        CaseRecord.Status status = c.status() == null ? CaseRecord.Status.SKIPPED : c.status();
        n.put("status", status.wireName());
        n.put("samplesPlanned", c.samplesPlanned());
        n.put("samplesRun", run);
        n.put("passedSamples", passed);
        n.put("minPassRate", c.minPassRate());
        n.put("passRate", run == 0 ? 0.0 : (double) passed / run);
        n.set("interval", interval(passed, run));
        ObjectNode passAtK = n.putObject("passAtK");
        ObjectNode passHatK = n.putObject("passHatK");
        for (int k = 1; k <= run; k++) {
            passAtK.put(Integer.toString(k), PassAtK.passAtK(run, passed, k));
            passHatK.put(Integer.toString(k), PassAtK.passHatK(run, passed, k));
        }
        n.put("failureReason", c.failureReason());

        List<CallRecord> calls = new ArrayList<>();
        samples.forEach(s -> calls.addAll(s.calls()));
        n.set("tokens", tokens(calls));
        n.set("costUsd", cost(calls));
        n.put("latencyMs", calls.stream().mapToLong(r -> r.latency().toMillis()).sum());

        ArrayNode sampleNodes = n.putArray("samples");
        for (SampleRecord s : samples) {
            ObjectNode sn = sampleNodes.addObject();
            sn.put("index", s.index());
            sn.put("passed", s.passed());
            sn.put("error", s.error());
            ArrayNode verdicts = sn.putArray("verdicts");
            s.verdicts().forEach(v -> verdicts.add(verdict(v)));
            ArrayNode callNodes = sn.putArray("calls");
            s.calls().forEach(r -> callNodes.add(call(r)));
        }
        return n;
    }

    private static ObjectNode totals(List<CaseRecord> cases) {
        ObjectNode t = MAPPER.createObjectNode();
        List<CallRecord> calls = new ArrayList<>();
        int samples = 0;
        for (CaseRecord c : cases) {
            for (SampleRecord s : c.samples()) {
                samples++;
                calls.addAll(s.calls());
            }
        }
        t.put("tests", cases.stream().map(CaseRecord::testId).distinct().count());
        t.put("cases", cases.size());
        t.put("passedCases", cases.stream().filter(CaseRecord::passed).count());
        t.put("failedCases", cases.stream().filter(c -> !c.passed()).count());
        t.put("samples", samples);
        t.put("calls", calls.size());
        t.set("tokens", tokens(calls));
        t.set("costUsd", cost(calls));
        ObjectNode latency = t.putObject("latencyMs");
        List<Long> ms = calls.stream()
                .filter(r -> r.error() == null)
                .map(r -> r.latency().toMillis())
                .toList();
        if (!ms.isEmpty()) {
            Percentiles.Summary summary = Percentiles.summarize(ms);
            latency.put("p50", summary.p50());
            latency.put("p95", summary.p95());
            latency.put("max", summary.max());
        }
        return t;
    }

    private static ObjectNode gate(DatasetGateRecord g) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("testId", g.testId());
        n.put("dataset", g.dataset());
        n.put("model", g.model());
        n.put("minPassRate", g.minPassRate());
        n.put("cases", g.cases());
        n.put("passedCases", g.passedCases());
        n.put("passRate", g.passRate());
        n.set("interval", interval(g.passedCases(), g.cases()));
        n.put("passed", g.passed());
        ArrayNode failing = n.putArray("failingCaseIds");
        g.failingCaseIds().forEach(failing::add);
        return n;
    }

    /** Each later model of a matrix against the first, on the cases both ran (paired by case id). */
    private static List<ObjectNode> comparisons(String testId, List<String> models, List<CaseRecord> cases) {
        List<ObjectNode> out = new ArrayList<>();
        if (models.size() < 2) {
            return out;
        }
        Map<String, Map<String, CaseRecord>> byModel = new LinkedHashMap<>();
        String dataset = null;
        for (CaseRecord c : cases) {
            if (c.testId().equals(testId)) {
                String key = c.goldenCase() == null ? "" : c.goldenCase().id();
                byModel.computeIfAbsent(c.model(), m -> new LinkedHashMap<>()).put(key, c);
                dataset = c.dataset();
            }
        }
        Map<String, CaseRecord> baseline = byModel.getOrDefault(models.get(0), Map.of());
        for (String candidateModel : models.subList(1, models.size())) {
            Map<String, CaseRecord> candidate = byModel.getOrDefault(candidateModel, Map.of());
            int paired = 0;
            int basePassed = 0;
            int candPassed = 0;
            int b = 0;
            int c = 0;
            for (Map.Entry<String, CaseRecord> e : baseline.entrySet()) {
                CaseRecord other = candidate.get(e.getKey());
                if (other == null) {
                    continue;
                }
                paired++;
                boolean bp = e.getValue().passed();
                boolean cp = other.passed();
                basePassed += bp ? 1 : 0;
                candPassed += cp ? 1 : 0;
                b += bp && !cp ? 1 : 0;
                c += !bp && cp ? 1 : 0;
            }
            ObjectNode n = MAPPER.createObjectNode();
            n.put("testId", testId);
            n.put("dataset", dataset);
            n.put("baselineModel", models.get(0));
            n.put("candidateModel", candidateModel);
            n.put("cases", paired);
            n.put("baselinePassRate", paired == 0 ? 0.0 : (double) basePassed / paired);
            n.put("candidatePassRate", paired == 0 ? 0.0 : (double) candPassed / paired);
            n.put("baselineOnlyPassed", b);
            n.put("candidateOnlyPassed", c);
            double p = McNemar.exactPValue(b, c);
            n.put("pValue", p);
            n.put("significant", p < 0.05);
            out.add(n);
        }
        return out;
    }

    private static ObjectNode interval(int passes, int n) {
        ObjectNode i = MAPPER.createObjectNode();
        Interval w = Interval.wilson(passes, n);
        i.put("low", w.low());
        i.put("high", w.high());
        return i;
    }

    private static ObjectNode prompt(PromptTemplate p) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("name", p.name());
        n.put("version", p.version().orElse(null));
        n.put("hash", p.hash());
        return n;
    }

    private static ObjectNode verdict(Verdict v) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("metric", v.metric());
        n.put("score", v.score());
        n.put("threshold", v.threshold());
        n.put("passed", v.passed());
        n.put("reason", v.reason());
        return n;
    }

    private static ObjectNode call(CallRecord r) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("role", r.role().wireName());
        n.put("model", r.model());
        n.put("providerModel", r.providerModel());
        n.put("replayed", r.replayed());
        if (unknownUsage(r)) {
            n.putNull("tokens"); // the provider reported none (e.g. a stream without include_usage): unknown, not 0
        } else {
            n.set("tokens", tokens(List.of(r)));
        }
        if (r.costUsd() == null) {
            n.putNull("costUsd");
        } else {
            n.put("costUsd", r.costUsd());
        }
        n.put("latencyMs", r.latency().toMillis());
        if (r.timeToFirstToken() == null) {
            n.putNull("timeToFirstTokenMs");
        } else {
            n.put("timeToFirstTokenMs", r.timeToFirstToken().toMillis());
        }
        n.put("fallbackReason", r.fallbackReason());
        n.put("request", r.request());
        n.put("response", r.response());
        n.put("error", r.error());
        return n;
    }

    private static ObjectNode tokens(List<CallRecord> calls) {
        Usage u = calls.stream().map(CallRecord::usage).reduce(Usage.NONE, Usage::plus);
        ObjectNode n = MAPPER.createObjectNode();
        n.put("input", u.inputTokens());
        n.put("output", u.outputTokens());
        n.put("cachedInput", u.cachedInputTokens());
        n.put("cacheWrite", u.cacheWriteTokens());
        n.put("reasoning", u.reasoningTokens());
        return n;
    }

    /** An answered call whose provider reported no usage at all. */
    private static boolean unknownUsage(CallRecord r) {
        return r.error() == null && r.costUsd() == null && Objects.equals(r.usage(), Usage.NONE);
    }

    private static ObjectNode cost(List<CallRecord> calls) {
        double model = 0;
        double judge = 0;
        int unknown = 0;
        for (CallRecord r : calls) {
            if (r.costUsd() == null) {
                // A call that failed before any usage cost nothing; every answered call without a cost is
                // "unknown": an unpriced model, or no usage reported at all (never counted as free)
                if (r.error() == null) {
                    unknown++;
                }
            } else if (r.role() == CallRole.JUDGE) {
                judge += r.costUsd();
            } else {
                model += r.costUsd();
            }
        }
        ObjectNode n = MAPPER.createObjectNode();
        n.put("model", model);
        n.put("judge", judge);
        n.put("total", model + judge);
        n.put("unknownPriceCalls", unknown);
        return n;
    }
}
