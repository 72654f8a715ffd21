package dev.junitllm.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junitllm.results.Formats;
import dev.junitllm.stats.McNemar;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Compares two runs on the cases they share: the current run against the committed baseline, against
 * the previous report, or one model of a {@code @Models} matrix against another.
 *
 * <p>Per dataset (and model), the pass rates of the paired cases are compared with McNemar's exact
 * test on the discordant cases ({@code b} passed before only, {@code c} passed after only). When
 * cases ran more than one sample, the per-case pass-rate differences are also tested with the exact
 * sign test (cases that got worse vs better). A dataset has a <em>significant regression</em> when
 * either test is significant at {@code alpha} in the worse direction.
 *
 * <pre>{@code
 * Comparison cmp = Comparison.compare("baseline", baselineCases, currentCases, 0.05);
 * if (cmp.significantRegression()) { ... cmp.json() ... }
 * }</pre>
 */
public final class Comparison {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ObjectNode json;
    private final boolean significantRegression;
    private final List<String> regressionLines;
    private final String notComparedReason;

    private Comparison(
            ObjectNode json, boolean significantRegression, List<String> regressionLines, String notComparedReason) {
        this.json = json;
        this.significantRegression = significantRegression;
        this.regressionLines = List.copyOf(regressionLines);
        this.notComparedReason = notComparedReason;
    }

    /**
     * Whether at least one case was paired. Zero paired cases is never "no regression": the report
     * shows "not compared" with {@link #notComparedReason()} and {@code check} fails on it.
     */
    public boolean compared() {
        return notComparedReason == null;
    }

    /** Why nothing was compared; null when cases were paired. */
    public String notComparedReason() {
        return notComparedReason;
    }

    /** The comparison as shown in the report (see {@code docs/report.md}). */
    public ObjectNode json() {
        return json;
    }

    /** Whether any dataset regressed significantly. */
    public boolean significantRegression() {
        return significantRegression;
    }

    /** One human-readable line per significantly regressed dataset, for build logs. */
    public List<String> regressionLines() {
        return regressionLines;
    }

    /**
     * Compares two runs, pairing cases by {@link CaseRecord#key()} (test, case id, model). A test and
     * dataset that ran on exactly one model in each run, a different one, is a <em>model change</em>
     * (the upgrade path: baseline recorded on model A, this run on model B): its cases are paired by
     * test, dataset and case id, and the comparison says {@code "model change: A → B"}.
     */
    public static Comparison compare(String kind, List<CaseRecord> before, List<CaseRecord> after, double alpha) {
        ObjectNode json = JSON.objectNode();
        json.put("kind", kind);
        Map<String, Set<String>> beforeModels = modelsByGroup(before);
        Map<String, Set<String>> afterModels = modelsByGroup(after);
        Set<String> changed = new HashSet<>();
        Set<String> changes = new TreeSet<>();
        ArrayNode modelChanges = json.putArray("modelChanges");
        afterModels.forEach((group, models) -> {
            Set<String> was = beforeModels.get(group);
            if (was != null && was.size() == 1 && models.size() == 1 && !was.equals(models)) {
                changed.add(group);
                String text =
                        was.iterator().next() + " \u2192 " + models.iterator().next();
                changes.add(text);
                String[] parts = group.split("\u0000", -1);
                modelChanges
                        .addObject()
                        .put("testId", parts[0])
                        .put("dataset", parts[1])
                        .put("beforeModel", was.iterator().next())
                        .put("afterModel", models.iterator().next());
            }
        });
        if (changes.isEmpty()) {
            json.putNull("modelChange");
        } else {
            json.put("modelChange", "model change: " + String.join(", ", changes));
        }
        Function<CaseRecord, String> pairKey =
                c -> changed.contains(group(c)) ? c.key().replace("@" + c.model(), "@") : c.key();
        return build(
                json,
                before,
                after,
                pairKey,
                c -> c.testId() + "\u0000" + c.datasetOrTest() + "\u0000" + c.model(),
                alpha);
    }

    private static String group(CaseRecord c) {
        return c.testId() + "\u0000" + c.datasetOrTest();
    }

    private static Map<String, Set<String>> modelsByGroup(List<CaseRecord> cases) {
        Map<String, Set<String>> models = new TreeMap<>();
        cases.stream()
                .filter(CaseRecord::counted)
                .forEach(c ->
                        models.computeIfAbsent(group(c), k -> new TreeSet<>()).add(String.valueOf(c.model())));
        return models;
    }

    private static String notComparedReason(List<CaseRecord> before, List<CaseRecord> after) {
        long beforeCount = before.stream().filter(CaseRecord::counted).count();
        long afterCount = after.stream().filter(CaseRecord::counted).count();
        if (afterCount == 0) {
            return "this run has no cases that ran";
        }
        if (beforeCount == 0) {
            return "the reference has no cases";
        }
        Set<String> beforeTests = new TreeSet<>();
        Set<String> afterTests = new TreeSet<>();
        before.stream().filter(CaseRecord::counted).forEach(c -> beforeTests.add(c.testId()));
        after.stream().filter(CaseRecord::counted).forEach(c -> afterTests.add(c.testId()));
        String why = Collections.disjoint(beforeTests, afterTests)
                ? "no test of this run is in the reference (reference: " + String.join(", ", beforeTests) + ")"
                : "the same tests ran on other case ids or on several models in a different matrix (reference models: "
                        + String.join(", ", models(before)) + "; this run: " + String.join(", ", models(after)) + ")";
        return "0 of this run's " + afterCount + " cases pair with the reference's " + beforeCount
                + " (pairing is by test, dataset, case id and model; a test that ran on one model in each run"
                + " pairs across the model change): " + why;
    }

    private static Set<String> models(List<CaseRecord> cases) {
        Set<String> models = new TreeSet<>();
        cases.stream().filter(CaseRecord::counted).forEach(c -> models.add(String.valueOf(c.model())));
        return models;
    }

    /**
     * Compares each model of a matrix with the first one (in {@code modelOrder}, else alphabetical)
     * on the cases both ran, per test and dataset.
     */
    public static List<Comparison> compareModels(List<CaseRecord> current, List<String> modelOrder, double alpha) {
        Map<String, List<CaseRecord>> byTest = new TreeMap<>();
        for (CaseRecord c : current) {
            byTest.computeIfAbsent(c.testId() + "\u0000" + c.datasetOrTest(), k -> new ArrayList<>())
                    .add(c);
        }
        List<Comparison> result = new ArrayList<>();
        for (List<CaseRecord> cases : byTest.values()) {
            List<String> models = cases.stream()
                    .map(CaseRecord::model)
                    .filter(Objects::nonNull)
                    .distinct()
                    .sorted(Comparator.comparingInt((String m) -> {
                                int i = modelOrder.indexOf(m);
                                return i < 0 ? Integer.MAX_VALUE : i;
                            })
                            .thenComparing(Comparator.naturalOrder()))
                    .toList();
            if (models.size() < 2) {
                continue;
            }
            String baselineModel = models.get(0);
            List<CaseRecord> base =
                    cases.stream().filter(c -> baselineModel.equals(c.model())).toList();
            for (String candidate : models.subList(1, models.size())) {
                List<CaseRecord> cand =
                        cases.stream().filter(c -> candidate.equals(c.model())).toList();
                ObjectNode json = JSON.objectNode();
                json.put("kind", "models");
                json.put("testId", cases.get(0).testId());
                json.put("dataset", cases.get(0).dataset());
                json.put("baselineModel", baselineModel);
                json.put("candidateModel", candidate);
                Function<CaseRecord, String> pairKey = c -> c.key().replace("@" + c.model(), "@");
                result.add(build(json, base, cand, pairKey, c -> c.testId() + "\u0000" + c.datasetOrTest(), alpha));
            }
        }
        return result;
    }

    private static Comparison build(
            ObjectNode json,
            List<CaseRecord> before,
            List<CaseRecord> after,
            Function<CaseRecord, String> pairKey,
            Function<CaseRecord, String> groupKey,
            double alpha) {
        Map<String, CaseRecord> beforeByKey = new LinkedHashMap<>();
        before.stream().filter(CaseRecord::counted).forEach(c -> beforeByKey.put(pairKey.apply(c), c));
        List<CaseRecord[]> pairs = new ArrayList<>();
        int onlyAfter = 0;
        for (CaseRecord a : after) {
            if (!a.counted()) {
                continue;
            }
            CaseRecord b = beforeByKey.remove(pairKey.apply(a));
            if (b == null) {
                onlyAfter++;
            } else {
                pairs.add(new CaseRecord[] {b, a});
            }
        }
        json.put("alpha", alpha);
        json.put("pairedCases", pairs.size());
        json.put("onlyInBefore", beforeByKey.size());
        json.put("onlyInAfter", onlyAfter);

        ArrayNode newlyFailing = json.putArray("newlyFailing");
        ArrayNode newlyPassing = json.putArray("newlyPassing");
        List<CaseRecord[]> changes = new ArrayList<>();
        Map<String, List<CaseRecord[]>> groups = new TreeMap<>();
        for (CaseRecord[] pair : pairs) {
            groups.computeIfAbsent(groupKey.apply(pair[1]), k -> new ArrayList<>())
                    .add(pair);
            if (pair[0].passed() && !pair[1].passed()) {
                newlyFailing.add(answers(caseChange(pair), pair));
            } else if (!pair[0].passed() && pair[1].passed()) {
                newlyPassing.add(caseChange(pair));
            }
            if (pair[0].samples() > 1
                    && pair[1].samples() > 1
                    && pair[0].passRate() != null
                    && pair[1].passRate() != null
                    && Math.abs(pair[1].passRate() - pair[0].passRate()) > 1e-9) {
                changes.add(pair);
            }
        }
        changes.sort(Comparator.comparingDouble((CaseRecord[] p) -> p[1].passRate() - p[0].passRate())
                .thenComparing(p -> p[1].key()));
        ArrayNode passRateChanges = json.putArray("passRateChanges");
        changes.forEach(p -> passRateChanges.add(caseChange(p)));

        ArrayNode datasets = json.putArray("datasets");
        boolean regression = false;
        List<String> lines = new ArrayList<>();
        for (List<CaseRecord[]> group : groups.values()) {
            ObjectNode row = groupStats(group, alpha);
            datasets.add(row);
            if (row.path("regression").asBoolean()) {
                regression = true;
                lines.add(String.format(
                        java.util.Locale.ROOT,
                        "%s [%s]: pass rate %.1f%% -> %.1f%% (%d newly failing, %d newly passing, p=%.4f)",
                        row.path("dataset").asText(),
                        row.path("modelChange").isTextual()
                                ? "model change " + row.path("modelChange").asText()
                                : row.path("model").asText(),
                        100 * row.path("beforePassRate").asDouble(),
                        100 * row.path("afterPassRate").asDouble(),
                        row.path("b").asInt(),
                        row.path("c").asInt(),
                        row.path("samplesPValue").isNumber()
                                ? Math.min(
                                        row.path("pValue").asDouble(),
                                        row.path("samplesPValue").asDouble())
                                : row.path("pValue").asDouble()));
            }
        }
        ObjectNode all = groupStats(pairs, alpha);
        json.put("beforePassRate", all.path("beforePassRate").asDouble());
        json.put("afterPassRate", all.path("afterPassRate").asDouble());
        json.put("passRateDelta", all.path("passRateDelta").asDouble());
        json.put("b", all.path("b").asInt());
        json.put("c", all.path("c").asInt());
        json.put("pValue", all.path("pValue").asDouble());
        json.set("beforeCostUsd", all.get("beforeCostUsd"));
        json.set("afterCostUsd", all.get("afterCostUsd"));
        json.set("costDeltaUsd", all.get("costDeltaUsd"));
        json.put("costDeltaText", all.path("costDeltaText").asText());
        json.set("latencyDeltaMs", all.get("latencyDeltaMs"));
        json.put("significantRegression", regression);
        String notCompared = pairs.isEmpty() ? notComparedReason(before, after) : null;
        json.put("compared", notCompared == null);
        json.put("notComparedReason", notCompared);
        return new Comparison(json, regression, lines, notCompared);
    }

    private static ObjectNode groupStats(List<CaseRecord[]> group, double alpha) {
        ObjectNode row = JSON.objectNode();
        CaseRecord first = group.isEmpty() ? null : group.get(0)[1];
        if (first != null) {
            row.put("testId", first.testId());
            row.put("dataset", first.datasetOrTest());
            row.put("model", first.model());
            row.put("beforeModel", group.get(0)[0].model());
            if (!Objects.equals(group.get(0)[0].model(), first.model())) {
                row.put("modelChange", group.get(0)[0].model() + " \u2192 " + first.model());
            }
        }
        int n = group.size();
        int beforePassed = 0;
        int afterPassed = 0;
        int b = 0;
        int c = 0;
        int worse = 0;
        int better = 0;
        int multiSample = 0;
        double deltaSum = 0;
        double beforeCost = 0;
        double afterCost = 0;
        boolean costKnown = true;
        long latencyBefore = 0;
        long latencyAfter = 0;
        int latencyPairs = 0;
        for (CaseRecord[] pair : group) {
            boolean wasPassing = pair[0].passed();
            boolean isPassing = pair[1].passed();
            beforePassed += wasPassing ? 1 : 0;
            afterPassed += isPassing ? 1 : 0;
            if (wasPassing && !isPassing) {
                b++;
            } else if (!wasPassing && isPassing) {
                c++;
            }
            if (pair[0].samples() > 1
                    && pair[1].samples() > 1
                    && pair[0].passRate() != null
                    && pair[1].passRate() != null) {
                multiSample++;
                double delta = pair[1].passRate() - pair[0].passRate();
                deltaSum += delta;
                if (delta < -1e-9) {
                    worse++;
                } else if (delta > 1e-9) {
                    better++;
                }
            }
            if (pair[0].costUsd() == null || pair[1].costUsd() == null) {
                costKnown = false;
            } else {
                beforeCost += pair[0].costUsd();
                afterCost += pair[1].costUsd();
            }
            if (pair[0].latencyMs() != null && pair[1].latencyMs() != null) {
                latencyBefore += pair[0].latencyMs();
                latencyAfter += pair[1].latencyMs();
                latencyPairs++;
            }
        }
        double beforeRate = n == 0 ? 0 : (double) beforePassed / n;
        double afterRate = n == 0 ? 0 : (double) afterPassed / n;
        double p = McNemar.exactPValue(b, c);
        boolean significant = p < alpha;
        row.put("cases", n);
        row.put("beforePassRate", beforeRate);
        row.put("afterPassRate", afterRate);
        row.put("passRateDelta", afterRate - beforeRate);
        row.put("b", b);
        row.put("c", c);
        row.put("pValue", p);
        row.put("significant", significant);
        boolean regression = significant && b > c;
        if (multiSample > 0) {
            double samplesP = McNemar.exactPValue(worse, better);
            row.put("multiSampleCases", multiSample);
            row.put("worseCases", worse);
            row.put("betterCases", better);
            row.put("meanPassRateDelta", deltaSum / multiSample);
            row.put("samplesPValue", samplesP);
            row.put("samplesSignificant", samplesP < alpha);
            regression = regression || (samplesP < alpha && worse > better);
        }
        row.put("regression", regression);
        row.put("improvement", !regression && significant && c > b);
        if (costKnown && n > 0) {
            row.put("beforeCostUsd", beforeCost);
            row.put("afterCostUsd", afterCost);
            row.put("costDeltaUsd", afterCost - beforeCost);
            row.put("costDeltaText", Formats.moneyDelta(afterCost - beforeCost));
        } else {
            row.putNull("beforeCostUsd");
            row.putNull("afterCostUsd");
            row.putNull("costDeltaUsd");
            row.put("costDeltaText", n == 0 ? "$0" : "unknown");
        }
        if (latencyPairs > 0) {
            row.put("latencyDeltaMs", Math.round((double) (latencyAfter - latencyBefore) / latencyPairs));
        } else {
            row.putNull("latencyDeltaMs");
        }
        return row;
    }

    /**
     * Adds what a reviewer compares for a newly failing case: {@code baselineAnswer} / {@code answer}
     * (the model's answers, absent when unknown, e.g. a baseline written before answers were kept) and
     * {@code baselineReasons} / {@code reasons} (the failing verdicts' reasons, empty when none).
     */
    private static ObjectNode answers(ObjectNode node, CaseRecord[] pair) {
        if (pair[0].answer() != null) {
            node.put("baselineAnswer", pair[0].answer());
        }
        if (pair[1].answer() != null) {
            node.put("answer", pair[1].answer());
        }
        pair[0].reasons().forEach(node.putArray("baselineReasons")::add);
        List<String> reasons = pair[1].reasons();
        ArrayNode now = node.putArray("reasons");
        if (reasons.isEmpty() && pair[1].failureReason() != null) {
            now.add(pair[1].failureReason());
        } else {
            reasons.forEach(now::add);
        }
        return node;
    }

    private static ObjectNode caseChange(CaseRecord[] pair) {
        ObjectNode node = JSON.objectNode();
        node.put("key", pair[1].key());
        node.put("testId", pair[1].testId());
        node.put("test", pair[1].testMethod());
        node.put("dataset", pair[1].datasetOrTest());
        node.put("caseId", pair[1].caseId());
        node.put("model", pair[1].model());
        node.put("beforeModel", pair[0].model());
        node.put("beforeStatus", pair[0].status());
        node.put("afterStatus", pair[1].status());
        node.put("beforePassRate", pair[0].passRate());
        node.put("afterPassRate", pair[1].passRate());
        node.put("reason", pair[1].failureReason());
        return node;
    }
}
