package dev.junitllm.results;

import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * Hears about finished cases and the finished run; found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.junitllm.results.LlmResultsListener}). The Allure publisher is one.
 *
 * <p>What is handed over is exactly what {@code llm-results.json} holds (see docs/results-schema.md),
 * as the schema records of this module, so a listener depends on the documented schema, not on the
 * extension's internals. {@link ResultsWriter#toTree} gives the JSON of any of them.
 *
 * <pre>{@code
 * public final class SlackListener implements LlmResultsListener {
 *     public void runFinished(LlmResults results, Path file) {
 *         post(results.totals().passedCases() + "/" + results.totals().cases() + " cases passed");
 *     }
 * }
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL)
public interface LlmResultsListener {

    /**
     * A case (one {@code @LlmTest} invocation) finished all its samples. Called on the thread that ran
     * the test, while the test is still open (so Allure attachments land on it), before its outcome
     * is reported to JUnit.
     *
     * @param caseResult one element of {@code tests[].cases[]}
     */
    default void caseFinished(CaseResult caseResult) {}

    /**
     * The run finished and the results file was written.
     *
     * @param results the whole results document
     * @param resultsFile where it was written
     */
    default void runFinished(LlmResults results, Path resultsFile) {}
}
