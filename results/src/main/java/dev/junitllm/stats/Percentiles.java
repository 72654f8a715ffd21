package dev.junitllm.stats;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Arrays;
import java.util.Collection;
import org.apiguardian.api.API;

/**
 * Nearest-rank percentiles, used for call latencies: the p-th percentile of N values is the value at
 * rank {@code ceil(p/100 · N)} in ascending order (rank 1 for p = 0). It is always a value that was
 * actually observed, so integer milliseconds stay integers, and it needs no interpolation convention.
 *
 * <pre>{@code
 * Percentiles.Summary s = Percentiles.summarize(List.of(120L, 90L, 410L, 130L));
 * s.p50();   // 120
 * s.p95();   // 410
 * s.max();   // 410
 * }</pre>
 */
@API(status = EXPERIMENTAL)
public final class Percentiles {
    private Percentiles() {}

    /**
     * The p50, p95 and maximum of a set of values.
     *
     * @param count how many values there were
     */
    public record Summary(long p50, long p95, long max, int count) {}

    /**
     * The nearest-rank {@code percentile} (0..100) of {@code values}. The array is not modified.
     *
     * @throws IllegalArgumentException if {@code values} is empty or {@code percentile} is outside 0..100
     */
    public static long percentile(long[] values, double percentile) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return ofSorted(sorted, percentile);
    }

    /** p50, p95 and max of the values (e.g. latencies in ms). */
    public static Summary summarize(Collection<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Summary(ofSorted(sorted, 50), ofSorted(sorted, 95), ofSorted(sorted, 100), sorted.length);
    }

    private static long ofSorted(long[] sorted, double percentile) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("No values to take a percentile of");
        }
        if (!(percentile >= 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be between 0 and 100, but was " + percentile);
        }
        // The small tolerance keeps e.g. 95% of 20 = 19.000000000000004 at rank 19.
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length - 1e-9);
        return sorted[Math.max(1, rank) - 1];
    }
}
