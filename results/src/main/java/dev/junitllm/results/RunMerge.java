package dev.junitllm.results;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Merges the results files of one run written by several JVMs (Surefire forks) or CI shards into one
 * document: tests and cases concatenated, totals summed, and every dataset gate decided again over
 * all rows of its dataset × model.
 */
final class RunMerge {

    private RunMerge() {}

    static LlmResults merge(List<LlmResults> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        Map<String, TestResult> tests = new LinkedHashMap<>();
        Set<String> seen = new java.util.HashSet<>();
        int[] repeated = new int[2]; // cases, of which passed
        for (LlmResults part : parts) {
            for (TestResult t : part.tests()) {
                // A test outside any dataset runs in every CI shard (llm.shard splits dataset rows):
                // the merged run counts it once, its first part's result. Dataset rows are split, never
                // repeated; their unique ids (invocation numbers) differ from shard to shard anyway.
                List<CaseResult> fresh = new ArrayList<>();
                for (CaseResult c : t.cases()) {
                    if (c.caseId() == null && c.uniqueId() != null && !seen.add(c.uniqueId())) {
                        repeated[0]++;
                        repeated[1] += c.passed() ? 1 : 0;
                    } else {
                        fresh.add(c);
                    }
                }
                TestResult known = tests.get(t.testId());
                if (known == null) {
                    tests.put(t.testId(), new TestResult(t.testId(), t.className(), t.methodName(), fresh));
                } else {
                    List<CaseResult> cases = new ArrayList<>(known.cases());
                    cases.addAll(fresh);
                    tests.put(t.testId(), new TestResult(t.testId(), t.className(), t.methodName(), cases));
                }
            }
        }
        List<ModelComparison> comparisons = new ArrayList<>();
        parts.forEach(p -> comparisons.addAll(p.comparisons()));
        return new LlmResults(
                LlmResults.SCHEMA_VERSION,
                run(parts),
                totals(parts, tests.size(), repeated[0], repeated[1]),
                gates(parts),
                comparisons,
                new ArrayList<>(tests.values()));
    }

    private static RunInfo run(List<LlmResults> parts) {
        Set<String> models = new LinkedHashSet<>();
        Set<PromptInfo> prompts = new LinkedHashSet<>();
        String started = null;
        String finished = null;
        Set<String> builds = new LinkedHashSet<>();
        for (LlmResults p : parts) {
            models.addAll(p.run().models());
            prompts.addAll(p.run().prompts());
            builds.add(p.run().build());
            if (p.run().startedAt() != null
                    && (started == null || instant(p.run().startedAt()).isBefore(instant(started)))) {
                started = p.run().startedAt();
            }
            if (p.run().finishedAt() != null
                    && (finished == null || instant(p.run().finishedAt()).isAfter(instant(finished)))) {
                finished = p.run().finishedAt();
            }
        }
        RunInfo first = parts.get(0).run();
        return new RunInfo(
                started,
                finished,
                first.mode(),
                new ArrayList<>(models),
                first.judgeModel(),
                first.gitCommit(),
                first.priceTableDate(),
                new ArrayList<>(prompts),
                // the forks of one build share it; shards of CI jobs are several builds
                builds.size() == 1 ? first.build() : null);
    }

    /** An ISO-8601 instant as written ("…:52Z" and "…:52.5Z" do not compare as text); EPOCH if unreadable. */
    static Instant instant(String text) {
        try {
            return text == null ? Instant.EPOCH : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    /**
     * Sums the parts' totals; {@code repeatedCases} (of which {@code repeatedPassed} passed) ran in
     * several shards and count once, while their samples, calls, tokens and cost count every time
     * they were spent.
     */
    private static Totals totals(List<LlmResults> parts, int tests, int repeatedCases, int repeatedPassed) {
        int cases = 0;
        int passed = 0;
        int failed = 0;
        int samples = 0;
        int calls = 0;
        Tokens tokens = Tokens.NONE;
        Double model = 0.0;
        Double judge = 0.0;
        Double total = 0.0;
        int unknown = 0;
        List<Long> latencies = new ArrayList<>();
        for (LlmResults p : parts) {
            Totals t = p.totals();
            cases += t.cases();
            passed += t.passedCases();
            failed += t.failedCases();
            samples += t.samples();
            calls += t.calls();
            tokens = tokens.plus(t.tokens());
            model = add(model, t.costUsd().model());
            judge = add(judge, t.costUsd().judge());
            total = add(total, t.costUsd().total());
            unknown += t.costUsd().unknownPriceCalls();
            for (CaseResult c : p.cases()) {
                for (SampleResult s : c.samples()) {
                    s.calls().stream()
                            .filter(call -> call.role() != CallResult.Role.JUDGE)
                            .map(CallResult::latencyMs)
                            .filter(Objects::nonNull)
                            .forEach(latencies::add);
                }
            }
        }
        return new Totals(
                tests,
                cases - repeatedCases,
                passed - repeatedPassed,
                failed - (repeatedCases - repeatedPassed),
                samples,
                calls,
                tokens,
                new Cost(model, judge, total, unknown),
                Latency.of(latencies));
    }

    /** One gate per test × dataset × model, decided over the rows of all parts. */
    private static List<DatasetGateResult> gates(List<LlmResults> parts) {
        Map<String, List<DatasetGateResult>> byKey = new LinkedHashMap<>();
        for (LlmResults p : parts) {
            for (DatasetGateResult g : p.datasets()) {
                byKey.computeIfAbsent(
                                g.testId() + "\u0000" + g.dataset() + "\u0000" + g.model(), k -> new ArrayList<>())
                        .add(g);
            }
        }
        List<DatasetGateResult> gates = new ArrayList<>();
        for (List<DatasetGateResult> group : byKey.values()) {
            if (group.size() == 1) {
                gates.add(group.get(0));
                continue;
            }
            DatasetGateResult first = group.get(0);
            int cases = group.stream().mapToInt(DatasetGateResult::cases).sum();
            int passed = group.stream().mapToInt(DatasetGateResult::passedCases).sum();
            List<String> failing = group.stream()
                    .flatMap(g -> g.failingCaseIds().stream())
                    .distinct()
                    .sorted(Comparator.naturalOrder())
                    .toList();
            double min = group.stream()
                    .mapToDouble(DatasetGateResult::minPassRate)
                    .max()
                    .orElse(first.minPassRate());
            boolean pass = cases > 0 && (double) passed / cases >= min - 1e-12;
            gates.add(DatasetGateResult.of(
                    first.testId(), first.dataset(), first.model(), min, cases, passed, failing, pass));
        }
        return gates;
    }

    private static Double add(Double sum, Double value) {
        return sum == null || value == null ? null : sum + value;
    }
}
