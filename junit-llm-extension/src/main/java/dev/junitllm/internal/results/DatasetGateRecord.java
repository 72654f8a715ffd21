package dev.junitllm.internal.results;

import java.util.List;

/**
 * The dataset gate's decision for one dataset × model of one test.
 *
 * @param testId {@code Class#method}
 * @param dataset the dataset resource
 * @param model {@code provider:model}
 * @param minPassRate the bar from {@code @GoldenDataset(minPassRate)}
 * @param cases how many cases ran
 * @param passedCases how many passed
 * @param failingCaseIds ids of the cases that did not pass, in dataset order
 * @param passed whether the gate passed
 */
public record DatasetGateRecord(
        String testId,
        String dataset,
        String model,
        double minPassRate,
        int cases,
        int passedCases,
        List<String> failingCaseIds,
        boolean passed) {

    public DatasetGateRecord {
        failingCaseIds = List.copyOf(failingCaseIds);
    }

    public double passRate() {
        return cases == 0 ? 0 : (double) passedCases / cases;
    }
}
