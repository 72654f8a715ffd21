package dev.junitllm.stats;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * McNemar's exact test for two models (or a baseline and a candidate) run on the same cases. Only the
 * discordant cases count: {@code b} passed with the baseline and failed with the candidate,
 * {@code c} the reverse. Under "no difference" each discordant case is a fair coin, so the two-sided
 * p-value is {@code min(1, 2 · Σ_{i ≤ min(b,c)} C(b+c, i) / 2^(b+c))}.
 *
 * <pre>{@code
 * McNemar.exactPValue(15, 5);   // 0.0414 — a real difference at the 5% level
 * McNemar.exactPValue(4, 1);    // 0.375
 * McNemar.exactPValue(0, 0);    // 1.0 — no discordant cases, no evidence
 * }</pre>
 */
@API(status = EXPERIMENTAL)
public final class McNemar {
    private McNemar() {}

    /**
     * The exact two-sided p-value. Computed in log space, so it stays accurate (and never overflows)
     * for {@code b + c} into the tens of thousands; values below about 1e-308 come out as 0.
     *
     * @param b cases that passed with the baseline and failed with the candidate
     * @param c cases that failed with the baseline and passed with the candidate
     * @throws IllegalArgumentException if {@code b} or {@code c} is negative
     */
    public static double exactPValue(int b, int c) {
        if (b < 0 || c < 0) {
            throw new IllegalArgumentException("McNemar needs b >= 0 and c >= 0, but b = " + b + " and c = " + c);
        }
        int m = b + c;
        int k = Math.min(b, c);
        if (m == 0 || 2 * k == m) {
            return 1.0;
        }
        // log C(m, i) for i = 0..k, built up term by term. Because k < m/2 the last term is the largest,
        // so the sum is taken relative to it (log-sum-exp) and nothing underflows before the end.
        double[] logTerms = new double[k + 1];
        double logC = 0.0;
        logTerms[0] = 0.0;
        for (int i = 1; i <= k; i++) {
            logC += Math.log((double) (m - i + 1) / i);
            logTerms[i] = logC;
        }
        double largest = logTerms[k];
        double relativeSum = 0.0;
        for (int i = k; i >= 0; i--) {
            relativeSum += Math.exp(logTerms[i] - largest);
        }
        double logTail = largest + Math.log(relativeSum) - m * Math.log(2.0);
        return Math.min(1.0, 2.0 * Math.exp(logTail));
    }

    /** Whether {@link #exactPValue} is below {@code alpha}, e.g. 0.05. */
    public static boolean significant(int b, int c, double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be between 0 and 1 (exclusive), but was " + alpha);
        }
        return exactPValue(b, c) < alpha;
    }
}
