package dev.junitllm.results;

import org.apiguardian.api.API;

/**
 * One element of {@code comparisons}: for a {@code @Models} matrix, a later model (candidate) against
 * the first (baseline) on the cases both ran, with McNemar's exact test on the discordant cases
 * ({@code baselineOnlyPassed} = b, {@code candidateOnlyPassed} = c) and whether {@code p < 0.05}.
 *
 * <pre>{@code
 * c.candidatePassRate() - c.baselinePassRate();   // -0.06
 * c.significant();                                // false (p = 0.375)
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL)
public record ModelComparison(
        String testId,
        String dataset,
        String baselineModel,
        String candidateModel,
        int cases,
        double baselinePassRate,
        double candidatePassRate,
        int baselineOnlyPassed,
        int candidateOnlyPassed,
        double pValue,
        boolean significant) {}
