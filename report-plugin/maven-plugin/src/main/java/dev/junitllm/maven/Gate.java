package dev.junitllm.maven;

import dev.junitllm.report.CaseRecord;
import dev.junitllm.report.Comparison;
import dev.junitllm.report.ReportSummary;
import dev.junitllm.results.DatasetGateResult;
import dev.junitllm.results.Formats;
import dev.junitllm.results.LlmResults;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The build gate of the {@code check} goal: every reason the build must fail, as readable lines. */
final class Gate {

    static final int MAX_LISTED_CASES = 10;

    private Gate() {}

    /**
     * @param baseline the baseline's cases, or null to skip the regression check
     * @param maxCostUsd the budget, or null for none
     */
    static List<String> failures(
            LlmResults results,
            List<CaseRecord> baseline,
            boolean failOnCaseFailure,
            boolean failOnRegression,
            Double maxCostUsd,
            double alpha) {
        return failures(results, baseline, failOnCaseFailure, failOnRegression, true, maxCostUsd, alpha);
    }

    /**
     * @param failOnNotCompared fail when a baseline exists but no case of this run pairs with it
     */
    static List<String> failures(
            LlmResults results,
            List<CaseRecord> baseline,
            boolean failOnCaseFailure,
            boolean failOnRegression,
            boolean failOnNotCompared,
            Double maxCostUsd,
            double alpha) {
        List<String> failures = new ArrayList<>();
        ReportSummary.failedGates(List.of(results)).forEach(g -> failures.add("dataset gate failed: " + g));
        List<CaseRecord> cases = CaseRecord.fromResults(results);
        if (failOnCaseFailure) {
            // a dataset's gate decides for its cases: a failing row inside a passing gate is tolerated
            Set<String> passedGates = new HashSet<>();
            results.datasets().stream()
                    .filter(DatasetGateResult::passed)
                    .forEach(d -> passedGates.add(gateKey(d.testId(), d.dataset(), d.model())));
            List<CaseRecord> failing = cases.stream()
                    .filter(c -> c.counted() && !c.passed())
                    .filter(c ->
                            c.dataset() == null || !passedGates.contains(gateKey(c.testId(), c.dataset(), c.model())))
                    .toList();
            failing.stream()
                    .limit(MAX_LISTED_CASES)
                    .forEach(c -> failures.add("case " + c.status() + ": " + c.key()
                            + (c.failureReason() == null ? "" : " — " + c.failureReason())));
            if (failing.size() > MAX_LISTED_CASES) {
                failures.add("... and " + (failing.size() - MAX_LISTED_CASES) + " more failing cases");
            }
        }
        if (failOnRegression && baseline != null) {
            Comparison cmp = Comparison.compare("baseline", baseline, cases, alpha);
            cmp.regressionLines().forEach(l -> failures.add("significant regression against the baseline: " + l));
            if (!cmp.compared() && failOnNotCompared) {
                failures.add("not compared with the baseline: " + cmp.notComparedReason()
                        + " (set llm.failOnNotCompared=false to accept this)");
            }
        }
        if (maxCostUsd != null) {
            Double total = results.totals().costUsd().total();
            if (total != null && total > maxCostUsd) {
                failures.add("total cost " + Formats.money(total) + " exceeds maxCostUsd " + Formats.money(maxCostUsd)
                        + replayNote(results));
            }
        }
        return failures;
    }

    /** In replay nothing was spent: the cost gate applies what the recorded calls cost, and says so. */
    static String replayNote(LlmResults results) {
        return "replay".equals(results.run().mode())
                ? " (replay: this is the recorded cost of the replayed calls, nothing was spent in this run)"
                : "";
    }

    private static String gateKey(String testId, String dataset, String model) {
        return testId + "\u0000" + dataset + "\u0000" + model;
    }
}
