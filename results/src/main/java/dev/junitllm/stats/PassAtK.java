package dev.junitllm.stats;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Unbiased estimators for repeated samples of one case (Chen et al. 2021): pass@k, the chance that at
 * least one of k samples drawn without replacement from the n run passes, and pass^k, the chance that
 * all k pass.
 *
 * <pre>{@code
 * PassAtK.passAtK(10, 3, 1);    // 0.30
 * PassAtK.passAtK(10, 3, 3);    // 0.708
 * PassAtK.passHatK(10, 3, 3);   // 0.008
 * }</pre>
 */
@API(status = EXPERIMENTAL)
public final class PassAtK {
    private PassAtK() {}

    /**
     * pass@k = 1 − C(n−c, k) / C(n, k), computed in the stable product form
     * {@code 1 − ∏_{i=n−c+1}^{n} (1 − k/i)}; exactly 1 when {@code n − c < k}.
     *
     * @param n samples run
     * @param c samples that passed
     * @param k samples drawn, {@code 1 <= k <= n}
     */
    public static double passAtK(int n, int c, int k) {
        check(n, c, k);
        if (n - c < k) {
            return 1.0;
        }
        double allFail = 1.0;
        for (int i = n - c + 1; i <= n; i++) {
            allFail *= 1.0 - (double) k / i;
        }
        return 1.0 - allFail;
    }

    /**
     * pass^k = C(c, k) / C(n, k) = {@code ∏_{i=0}^{k−1} (c − i)/(n − i)}: the chance that k samples
     * drawn without replacement all passed; 0 when {@code c < k}.
     *
     * @param n samples run
     * @param c samples that passed
     * @param k samples drawn, {@code 1 <= k <= n}
     */
    public static double passHatK(int n, int c, int k) {
        check(n, c, k);
        if (c < k) {
            return 0.0;
        }
        double all = 1.0;
        for (int i = 0; i < k; i++) {
            all *= (double) (c - i) / (n - i);
        }
        return all;
    }

    /**
     * pass@k for every k from 1 to n, in order: the {@code passAtK} map of the results file.
     *
     * <pre>{@code
     * PassAtK.passAtKForAllK(3, 2);   // {1=0.667, 2=1.0, 3=1.0}
     * }</pre>
     */
    public static Map<Integer, Double> passAtKForAllK(int n, int c) {
        check(n, c, 1);
        Map<Integer, Double> byK = new LinkedHashMap<>();
        for (int k = 1; k <= n; k++) {
            byK.put(k, passAtK(n, c, k));
        }
        return Collections.unmodifiableMap(byK);
    }

    /** pass^k for every k from 1 to n, in order: the {@code passHatK} map of the results file. */
    public static Map<Integer, Double> passHatKForAllK(int n, int c) {
        check(n, c, 1);
        Map<Integer, Double> byK = new LinkedHashMap<>();
        for (int k = 1; k <= n; k++) {
            byK.put(k, passHatK(n, c, k));
        }
        return Collections.unmodifiableMap(byK);
    }

    private static void check(int n, int c, int k) {
        if (n < 1 || c < 0 || c > n || k < 1 || k > n) {
            throw new IllegalArgumentException(
                    "pass@k needs n >= 1, 0 <= c <= n and 1 <= k <= n, but n = " + n + ", c = " + c + ", k = " + k);
        }
    }
}
