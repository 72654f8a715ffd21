package dev.junitllm.results;

import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The whole {@code llm-results.json} document (docs/results-schema.md), the contract between the
 * extension that writes it at the end of a run and everything that reads it: the Allure publisher,
 * the Allure report plugin, the Maven plugin and the baseline. Write it with {@link ResultsWriter},
 * read it with {@link ResultsReader}.
 *
 * <pre>{@code
 * LlmResults results = ResultsReader.read(Path.of("target/llm-results/llm-results.json"));
 * results.totals().costUsd().judge();
 * results.cases().stream().filter(c -> !c.passed()).map(CaseResult::failureReason).toList();
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL)
public record LlmResults(
        int schemaVersion,
        RunInfo run,
        Totals totals,
        List<DatasetGateResult> datasets,
        List<ModelComparison> comparisons,
        List<TestResult> tests) {

    /** The schema version this release writes and reads; bumped when a field is removed or renamed. */
    public static final int SCHEMA_VERSION = 1;

    public LlmResults {
        run = run == null ? RunInfo.EMPTY : run;
        totals = totals == null ? Totals.EMPTY : totals;
        datasets = Lists.copy(datasets);
        comparisons = Lists.copy(comparisons);
        tests = Lists.copy(tests);
    }

    /**
     * How each judge criterion agreed with the human labels in this run ({@code calibration} in the
     * file), computed from the judge verdicts' {@link JudgeReview}s, so it is the same for a merged run.
     */
    public List<JudgeCalibrationResult> calibration() {
        return JudgeCalibrationResult.of(tests);
    }

    /** All cases of all tests, in file order. */
    public List<CaseResult> cases() {
        List<CaseResult> cases = new ArrayList<>();
        tests.forEach(t -> cases.addAll(t.cases()));
        return cases;
    }
}
