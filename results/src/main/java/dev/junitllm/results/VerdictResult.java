package dev.junitllm.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.apiguardian.api.API;

/**
 * One assertion's verdict on one sample: the metric, its score and threshold on the 0..1 scale
 * (null when a reader meets a verdict without them), whether it passed and why.
 *
 * <pre>{@code
 * new VerdictResult("containsIgnoringCase", 1.0, 1.0, true, "contains \"30 days\"");
 * }</pre>
 *
 * <p>A judge verdict carries a {@link JudgeReview} ({@code review}, absent otherwise): its criterion,
 * the hash of the judged answer and the judge's own verdict; when a person labelled exactly that answer
 * ({@link LabelsFile}), {@code passed}, {@code score} and {@code reason} are the person's.
 */
@API(status = API.Status.EXPERIMENTAL)
public record VerdictResult(
        String metric,
        Double score,
        Double threshold,
        boolean passed,
        String reason,
        @JsonInclude(JsonInclude.Include.NON_NULL) JudgeReview review) {

    /** A verdict no labels file was consulted for (every check but a judge's). */
    public VerdictResult(String metric, Double score, Double threshold, boolean passed, String reason) {
        this(metric, score, threshold, passed, reason, null);
    }

    /** Whether a person's label, not the check, decided this verdict. */
    public boolean decidedByHuman() {
        return review != null && review.decidedByHuman();
    }
}
