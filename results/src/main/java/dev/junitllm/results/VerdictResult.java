package dev.junitllm.results;

import org.apiguardian.api.API;

/**
 * One assertion's verdict on one sample: the metric, its score and threshold on the 0..1 scale
 * (null when a reader meets a verdict without them), whether it passed and why.
 *
 * <pre>{@code
 * new VerdictResult("containsIgnoringCase", 1.0, 1.0, true, "contains \"30 days\"");
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL)
public record VerdictResult(String metric, Double score, Double threshold, boolean passed, String reason) {}
