package dev.junitllm.results;

import dev.junitllm.stats.Interval;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The dataset gate's decision for one dataset × model of one test (an element of {@code datasets}):
 * the bar from {@code @GoldenDataset(minPassRate)}, how many cases ran and passed, the pass rate with
 * its Wilson 95% interval, whether the gate passed and the ids of the cases that did not pass.
 *
 * <pre>{@code
 * DatasetGateResult g = DatasetGateResult.of("RefundTest#refunds", "datasets/refunds.jsonl", "openai:gpt-4o-mini",
 *         0.95, 50, 48, List.of("refund-07", "refund-31"), true);
 * g.passRate();   // 0.96
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL)
public record DatasetGateResult(
        String testId,
        String dataset,
        String model,
        double minPassRate,
        int cases,
        int passedCases,
        double passRate,
        Interval interval,
        boolean passed,
        List<String> failingCaseIds) {

    public DatasetGateResult {
        interval = interval == null ? Interval.wilson(passedCases, cases) : interval;
        failingCaseIds = Lists.copy(failingCaseIds);
    }

    /** A gate with its pass rate and interval computed from the counts. */
    public static DatasetGateResult of(
            String testId,
            String dataset,
            String model,
            double minPassRate,
            int cases,
            int passedCases,
            List<String> failingCaseIds,
            boolean passed) {
        return new DatasetGateResult(
                testId,
                dataset,
                model,
                minPassRate,
                cases,
                passedCases,
                cases == 0 ? 0 : (double) passedCases / cases,
                Interval.wilson(passedCases, cases),
                passed,
                failingCaseIds);
    }
}
