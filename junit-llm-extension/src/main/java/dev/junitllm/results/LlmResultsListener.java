package dev.junitllm.results;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/**
 * Hears about finished cases and the finished run; found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.junitllm.results.LlmResultsListener}). The Allure publisher is one.
 *
 * <p>The JSON handed over is exactly what {@code llm-results.json} holds (see docs/results-schema.md),
 * so a listener depends on the documented schema, not on internal classes.
 */
public interface LlmResultsListener {

    /**
     * A case (one {@code @LlmTest} invocation) finished all its samples. Called on the thread that ran
     * the test, while the test is still open (so Allure attachments land on it), before its outcome
     * is reported to JUnit.
     *
     * @param caseResult one element of {@code tests[].cases[]}
     */
    default void caseFinished(ObjectNode caseResult) {}

    /**
     * The run finished and the results file was written.
     *
     * @param results the whole results document
     * @param resultsFile where it was written
     */
    default void runFinished(ObjectNode results, Path resultsFile) {}
}
