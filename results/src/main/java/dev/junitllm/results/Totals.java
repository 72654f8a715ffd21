package dev.junitllm.results;

import org.apiguardian.api.API;

/**
 * The {@code totals} object of the results file: how many tests, cases (one {@code @LlmTest}
 * invocation each), passed and failed cases, samples and model calls the run had, with its tokens,
 * cost and call latency percentiles.
 *
 * <pre>{@code
 * Totals t = results.totals();
 * t.passedCases() + "/" + t.cases();   // "11/12"
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL)
public record Totals(
        int tests,
        int cases,
        int passedCases,
        int failedCases,
        int samples,
        int calls,
        Tokens tokens,
        Cost costUsd,
        Latency latencyMs) {

    /** An empty run. */
    public static final Totals EMPTY = new Totals(0, 0, 0, 0, 0, 0, Tokens.NONE, Cost.NONE, Latency.NONE);

    public Totals {
        tokens = tokens == null ? Tokens.NONE : tokens;
        costUsd = costUsd == null ? Cost.NONE : costUsd;
        latencyMs = latencyMs == null ? Latency.NONE : latencyMs;
    }
}
