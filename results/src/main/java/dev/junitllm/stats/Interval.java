package dev.junitllm.stats;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * A closed interval {@code [low, high]} on the 0..1 scale, typically the 95% confidence interval of a
 * pass rate.
 *
 * <pre>{@code
 * Interval i = Interval.wilson(8, 10);   // [0.490, 0.943]
 * i.contains(0.95);                       // false
 * }</pre>
 *
 * @param low the lower bound
 * @param high the upper bound, {@code >= low}
 */
@API(status = EXPERIMENTAL)
public record Interval(double low, double high) {

    /** The normal quantile of a two-sided 95% interval. */
    public static final double Z_95 = 1.96;

    public Interval {
        if (Double.isNaN(low) || Double.isNaN(high) || low > high) {
            throw new IllegalArgumentException("Invalid interval [" + low + ", " + high + "]");
        }
    }

    /**
     * The Wilson 95% score interval of {@code passes} successes in {@code n} trials (z = 1.96).
     * Unlike the normal ("Wald") interval it stays inside [0, 1] and is honest at 0/n and n/n.
     * With {@code n = 0} there is no evidence and the interval is {@code [0, 1]}.
     *
     * <pre>{@code
     * Interval.wilson(10, 10);   // [0.722, 1.0]
     * Interval.wilson(45, 50);   // [0.786, 0.957]
     * }</pre>
     *
     * @throws IllegalArgumentException if {@code n < 0} or {@code passes} is not in {@code 0..n}
     */
    public static Interval wilson(int passes, int n) {
        return wilson(passes, n, Z_95);
    }

    /**
     * The Wilson score interval with the given normal quantile {@code z} (e.g. 2.576 for 99%):
     * centre {@code (p + z²/2n) / (1 + z²/n)}, half-width {@code z·√(p(1−p)/n + z²/4n²) / (1 + z²/n)}.
     */
    public static Interval wilson(int passes, int n, double z) {
        if (n < 0 || passes < 0 || passes > n) {
            throw new IllegalArgumentException(
                    "Wilson interval needs 0 <= passes <= n, but passes = " + passes + " and n = " + n);
        }
        if (!(z > 0) || Double.isInfinite(z)) {
            throw new IllegalArgumentException("Wilson interval needs z > 0, but z = " + z);
        }
        if (n == 0) {
            return new Interval(0.0, 1.0);
        }
        double p = (double) passes / n;
        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double halfWidth = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        // At passes = 0 or n one bound is exactly 0 or 1 mathematically; pin it so rounding cannot
        // produce 0.9999999999999999 for a perfect score.
        double low = passes == 0 ? 0.0 : Math.max(0.0, centre - halfWidth);
        double high = passes == n ? 1.0 : Math.min(1.0, centre + halfWidth);
        return new Interval(low, high);
    }

    /** Whether {@code value} lies within the interval, bounds included. */
    public boolean contains(double value) {
        return value >= low && value <= high;
    }

    /** {@code high - low}. */
    public double width() {
        return high - low;
    }

    /** The interval as {@code [0.490, 0.943]}, three decimals. */
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "[%.3f, %.3f]", low, high);
    }
}
