package dev.junitllm.report;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The statistics the report needs: Wilson score intervals, McNemar's exact test, and nearest-rank
 * percentiles.
 *
 * <pre>{@code
 * Stats.wilson(8, 10)        // [0.49, 0.94]
 * Stats.mcNemarExact(15, 5)  // 0.041
 * }</pre>
 */
public final class Stats {

    private static final double Z95 = 1.959963984540054;

    private Stats() {}

    /** A closed interval on 0..1. */
    public record Interval(double low, double high) {}

    /**
     * Wilson 95% score interval of {@code passed} successes out of {@code n}; {@code [0, 1]} when
     * {@code n} is 0.
     */
    public static Interval wilson(int passed, int n) {
        if (n < 0 || passed < 0 || passed > n) {
            throw new IllegalArgumentException("need 0 <= passed <= n, got passed=" + passed + ", n=" + n);
        }
        if (n == 0) {
            return new Interval(0, 1);
        }
        double p = (double) passed / n;
        double z2 = Z95 * Z95;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        return new Interval(Math.max(0, centre - half), Math.min(1, centre + half));
    }

    /**
     * Two-sided exact McNemar test on discordant pairs: {@code b} pairs passed only in the first
     * run, {@code c} only in the second. {@code p = min(1, 2 * sum_{i <= min(b,c)} C(b+c, i) / 2^(b+c))};
     * 1 when there are no discordant pairs. The same formula is the exact two-sided sign test.
     */
    public static double mcNemarExact(int b, int c) {
        if (b < 0 || c < 0) {
            throw new IllegalArgumentException("discordant counts must be >= 0, got b=" + b + ", c=" + c);
        }
        int n = b + c;
        if (n == 0) {
            return 1.0;
        }
        int k = Math.min(b, c);
        BigInteger sum = BigInteger.ZERO;
        BigInteger binomial = BigInteger.ONE;
        for (int i = 0; i <= k; i++) {
            sum = sum.add(binomial);
            binomial = binomial.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1L));
        }
        double tail = new java.math.BigDecimal(sum)
                .divide(new java.math.BigDecimal(BigInteger.TWO.pow(n)), java.math.MathContext.DECIMAL64)
                .doubleValue();
        return Math.min(1.0, 2 * tail);
    }

    /** Nearest-rank percentile ({@code q} in 0..100) of the values; {@code null} when there are none. */
    public static Long percentile(Collection<Long> values, double q) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int rank = (int) Math.ceil(q / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
