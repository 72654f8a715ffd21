package dev.junitllm.stats;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * How well a pass/fail judge agrees with human labels on the same items, as a 2×2 table: true
 * positives (both pass), false positives (judge passes what a human failed), false negatives and true
 * negatives. Gives the judge's true-positive and true-negative rates, Cohen's kappa, and the
 * Rogan–Gladen correction of a pass rate the judge measured.
 *
 * <pre>{@code
 * JudgeAgreement a = JudgeAgreement.of(humanLabels, judgeLabels);
 * a.tpr();                 // judge passes 0.95 of what humans pass
 * a.tnr();                 // judge fails 0.90 of what humans fail
 * a.kappa();               // 0.84
 * a.correctedRate(0.80);   // the true pass rate behind an observed judge pass rate of 0.80
 * }</pre>
 *
 * @param truePositives human pass, judge pass
 * @param falsePositives human fail, judge pass
 * @param falseNegatives human pass, judge fail
 * @param trueNegatives human fail, judge fail
 */
@API(status = EXPERIMENTAL)
public record JudgeAgreement(int truePositives, int falsePositives, int falseNegatives, int trueNegatives) {

    public JudgeAgreement {
        if (truePositives < 0 || falsePositives < 0 || falseNegatives < 0 || trueNegatives < 0) {
            throw new IllegalArgumentException("Counts must be >= 0, but were tp = " + truePositives + ", fp = "
                    + falsePositives + ", fn = " + falseNegatives + ", tn = " + trueNegatives);
        }
    }

    /**
     * Counts the agreement of two equally long label lists, item by item ({@code true} = pass).
     *
     * @throws IllegalArgumentException if the lists differ in length or are empty
     */
    public static JudgeAgreement of(List<Boolean> human, List<Boolean> judge) {
        if (human.size() != judge.size()) {
            throw new IllegalArgumentException("Human and judge labels must be paired, but there are " + human.size()
                    + " human and " + judge.size() + " judge labels");
        }
        if (human.isEmpty()) {
            throw new IllegalArgumentException("No labels to compare");
        }
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int tn = 0;
        for (int i = 0; i < human.size(); i++) {
            boolean h = human.get(i);
            boolean j = judge.get(i);
            if (h && j) {
                tp++;
            } else if (j) {
                fp++;
            } else if (h) {
                fn++;
            } else {
                tn++;
            }
        }
        return new JudgeAgreement(tp, fp, fn, tn);
    }

    /** All labelled items. */
    public int total() {
        return truePositives + falsePositives + falseNegatives + trueNegatives;
    }

    /**
     * True-positive rate (sensitivity): {@code tp / (tp + fn)}.
     *
     * @throws IllegalStateException when no human label is a pass
     */
    public double tpr() {
        int humanPasses = truePositives + falseNegatives;
        if (humanPasses == 0) {
            throw new IllegalStateException("TPR is undefined: no item is labelled pass by a human");
        }
        return (double) truePositives / humanPasses;
    }

    /**
     * True-negative rate (specificity): {@code tn / (tn + fp)}.
     *
     * @throws IllegalStateException when no human label is a fail
     */
    public double tnr() {
        int humanFails = trueNegatives + falsePositives;
        if (humanFails == 0) {
            throw new IllegalStateException("TNR is undefined: no item is labelled fail by a human");
        }
        return (double) trueNegatives / humanFails;
    }

    /** The share of items on which judge and human agree. */
    public double observedAgreement() {
        checkNotEmpty();
        return (double) (truePositives + trueNegatives) / total();
    }

    /**
     * Cohen's kappa {@code (p_o − p_e) / (1 − p_e)}, where {@code p_e} is the agreement expected by
     * chance from each rater's pass share. 1 is perfect agreement, 0 chance level.
     *
     * @throws IllegalStateException when both raters give every item the same single label ({@code p_e = 1})
     */
    public double kappa() {
        checkNotEmpty();
        double n = total();
        double humanPass = (truePositives + falseNegatives) / n;
        double judgePass = (truePositives + falsePositives) / n;
        double expected = humanPass * judgePass + (1 - humanPass) * (1 - judgePass);
        if (expected >= 1.0) {
            throw new IllegalStateException(
                    "Cohen's kappa is undefined: judge and human give every item the same single label");
        }
        return (observedAgreement() - expected) / (1 - expected);
    }

    /**
     * A 95% interval for {@link #kappa()}: {@code κ ± 1.96·SE} with Cohen's (1960) large-sample standard
     * error {@code SE = √(p_o(1 − p_o) / (n(1 − p_e)²))}, clipped to [−1, 1]. With few labels it is
     * wide, as it should be; it is an approximation, not exact.
     *
     * <pre>{@code
     * new JudgeAgreement(40, 10, 5, 45).kappaInterval();   // [0.560, 0.840] around kappa 0.70
     * }</pre>
     *
     * @throws IllegalStateException when kappa is undefined
     */
    public Interval kappaInterval() {
        double kappa = kappa();
        double n = total();
        double humanPass = (truePositives + falseNegatives) / n;
        double judgePass = (truePositives + falsePositives) / n;
        double expected = humanPass * judgePass + (1 - humanPass) * (1 - judgePass);
        double observed = observedAgreement();
        double se = Math.sqrt(observed * (1 - observed) / (n * (1 - expected) * (1 - expected)));
        return new Interval(Math.max(-1.0, kappa - Interval.Z_95 * se), Math.min(1.0, kappa + Interval.Z_95 * se));
    }

    /**
     * The Rogan–Gladen estimate of the true pass rate behind a pass rate the judge observed:
     * {@code (observed + TNR − 1) / (TPR + TNR − 1)}, clipped to [0, 1].
     *
     * @throws IllegalStateException when {@code TPR + TNR − 1 <= 0}: the judge is no better than a coin
     *     and its rate cannot be corrected
     */
    public double correctedRate(double observedPassRate) {
        return roganGladen(observedPassRate, tpr(), tnr());
    }

    /** {@link #correctedRate} from given rates, e.g. from a calibration done earlier. */
    public static double roganGladen(double observedPassRate, double tpr, double tnr) {
        checkRate("observed pass rate", observedPassRate);
        checkRate("TPR", tpr);
        checkRate("TNR", tnr);
        double youden = tpr + tnr - 1;
        if (youden <= 0) {
            throw new IllegalStateException("The pass rate cannot be corrected: TPR + TNR - 1 = "
                    + String.format(java.util.Locale.ROOT, "%.3f", youden)
                    + " <= 0, so the judge is no better than chance (TPR = " + tpr + ", TNR = " + tnr + ")");
        }
        double corrected = (observedPassRate + tnr - 1) / youden;
        return Math.max(0.0, Math.min(1.0, corrected));
    }

    /**
     * Cohen's kappa for any labels compared with {@code equals} — e.g. 1–5 scores of a judge against
     * a human's: {@code (p_o − p_e) / (1 − p_e)} with {@code p_e = Σ_label share_a(label) · share_b(label)}.
     *
     * <pre>{@code
     * JudgeAgreement.kappa(List.of(5, 4, 2, 5), List.of(5, 3, 2, 5));   // 0.636
     * }</pre>
     *
     * @throws IllegalArgumentException if the lists differ in length or are empty
     * @throws IllegalStateException when both raters use one and the same label throughout
     */
    public static <T> double kappa(List<T> raterA, List<T> raterB) {
        if (raterA.size() != raterB.size()) {
            throw new IllegalArgumentException(
                    "Labels must be paired, but there are " + raterA.size() + " and " + raterB.size() + " labels");
        }
        if (raterA.isEmpty()) {
            throw new IllegalArgumentException("No labels to compare");
        }
        int n = raterA.size();
        Map<T, Integer> countsA = new HashMap<>();
        Map<T, Integer> countsB = new HashMap<>();
        int agree = 0;
        for (int i = 0; i < n; i++) {
            T a = Objects.requireNonNull(raterA.get(i), "label");
            T b = Objects.requireNonNull(raterB.get(i), "label");
            countsA.merge(a, 1, Integer::sum);
            countsB.merge(b, 1, Integer::sum);
            if (a.equals(b)) {
                agree++;
            }
        }
        double expected = 0;
        for (Map.Entry<T, Integer> entry : countsA.entrySet()) {
            expected += (double) entry.getValue() / n * countsB.getOrDefault(entry.getKey(), 0) / n;
        }
        if (expected >= 1.0) {
            throw new IllegalStateException(
                    "Cohen's kappa is undefined: both raters give every item the same single label");
        }
        return ((double) agree / n - expected) / (1 - expected);
    }

    private void checkNotEmpty() {
        if (total() == 0) {
            throw new IllegalStateException("No labels to compare");
        }
    }

    private static void checkRate(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, but was " + value);
        }
    }
}
