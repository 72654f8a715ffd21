package dev.junitllm.stats;

/**
 * Wald's sequential probability ratio test for a pass rate: is the case "good" (pass rate
 * {@code p0}) or "bad" (pass rate {@code p1 < p0})? After each sample the log-likelihood ratio moves
 * by {@code ln(p1/p0)} for a pass and {@code ln((1−p1)/(1−p0))} for a failure; the test accepts the
 * good hypothesis at {@code ln(β/(1−α))} and rejects it at {@code ln((1−β)/α)}.
 *
 * <p>junit-llm's own early stop uses the exact rule of {@link SamplePlan}; the SPRT is offered for
 * reporting and for choosing sample counts when the question is "is the true rate about p0?" rather
 * than "did k of n pass?".
 *
 * <pre>{@code
 * Sprt sprt = Sprt.of(0.9, 0.7, 0.05, 0.05);
 * sprt.decide(12, 0);   // ACCEPT — 12 straight passes
 * sprt.decide(0, 3);    // REJECT — 3 early failures
 * sprt.decide(5, 1);    // CONTINUE
 * }</pre>
 *
 * @param p0 the pass rate of a good case
 * @param p1 the pass rate of a bad case, {@code 0 < p1 < p0 < 1}
 * @param alpha the chance of rejecting a good case
 * @param beta the chance of accepting a bad case
 */
public record Sprt(double p0, double p1, double alpha, double beta) {

    /** What the test says after the samples seen so far. */
    public enum Decision {
        /** The pass rate is about {@code p0}: the case is good. */
        ACCEPT,
        /** The pass rate is about {@code p1}: the case is bad. */
        REJECT,
        /** Not enough evidence yet: take another sample. */
        CONTINUE
    }

    public Sprt {
        if (!(p1 > 0 && p1 < p0 && p0 < 1)) {
            throw new IllegalArgumentException("SPRT needs 0 < p1 < p0 < 1, but p0 = " + p0 + " and p1 = " + p1);
        }
        if (!(alpha > 0 && alpha < 1 && beta > 0 && beta < 1 && alpha + beta < 1)) {
            throw new IllegalArgumentException(
                    "SPRT needs 0 < alpha, beta and alpha + beta < 1, but alpha = " + alpha + " and beta = " + beta);
        }
    }

    /** A test of pass rate {@code p0} against {@code p1} with error rates {@code alpha} and {@code beta}. */
    public static Sprt of(double p0, double p1, double alpha, double beta) {
        return new Sprt(p0, p1, alpha, beta);
    }

    /** The log-likelihood ratio (bad over good) after {@code passes} passes and {@code failures} failures. */
    public double logLikelihoodRatio(int passes, int failures) {
        if (passes < 0 || failures < 0) {
            throw new IllegalArgumentException(
                    "Sample counts must be >= 0, but passes = " + passes + " and failures = " + failures);
        }
        return passes * Math.log(p1 / p0) + failures * Math.log((1 - p1) / (1 - p0));
    }

    /** {@code ln((1−β)/α)}: at or above it the test rejects the good hypothesis. */
    public double rejectBound() {
        return Math.log((1 - beta) / alpha);
    }

    /** {@code ln(β/(1−α))}: at or below it the test accepts the good hypothesis. */
    public double acceptBound() {
        return Math.log(beta / (1 - alpha));
    }

    /** The decision after {@code passes} passes and {@code failures} failures, in any order. */
    public Decision decide(int passes, int failures) {
        double llr = logLikelihoodRatio(passes, failures);
        if (llr >= rejectBound()) {
            return Decision.REJECT;
        }
        if (llr <= acceptBound()) {
            return Decision.ACCEPT;
        }
        return Decision.CONTINUE;
    }
}
