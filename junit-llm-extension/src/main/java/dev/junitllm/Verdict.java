package dev.junitllm;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The outcome of one check on a response: which metric, its score on 0..1, the threshold it had to
 * reach, whether it passed, and why. Assertions record one verdict per check into the current sample,
 * so reports show why a case failed and how close it was.
 *
 * <pre>{@code
 * new Verdict("semanticSimilarity", 0.71, 0.75, false, "similarity 0.71 < 0.75");
 * }</pre>
 *
 * @param metric the check's name, e.g. {@code containsIgnoringCase}, {@code rubric}
 * @param score the score on 0..1 (1 for a passed binary check, 0 for a failed one)
 * @param threshold the minimum score to pass (for "at most" checks, see {@code reason})
 * @param passed whether the check passed
 * @param reason a short human-readable explanation; for judges, the judge's critique
 */
@API(status = STABLE)
public record Verdict(String metric, double score, double threshold, boolean passed, String reason) {
    public Verdict {
        Objects.requireNonNull(metric, "metric");
        if (Double.isNaN(score)) {
            throw new IllegalArgumentException("score of " + metric + " is NaN");
        }
        reason = reason == null ? "" : reason;
    }

    /** A binary check: score 1 when passed, 0 when not, threshold 1. */
    public static Verdict binary(String metric, boolean passed, String reason) {
        return new Verdict(metric, passed ? 1.0 : 0.0, 1.0, passed, reason);
    }
}
