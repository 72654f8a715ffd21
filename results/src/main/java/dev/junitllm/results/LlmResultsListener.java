package dev.junitllm.results;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
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
     * The run started, before its first case. {@code configuration} reads the run's JUnit configuration
     * parameters ({@code -Dkey=value}, {@code junit-platform.properties}), so a listener takes its
     * settings where users put every other {@code llm.*} key. An exception thrown here fails the run's
     * tests as a configuration error naming this listener: throw {@link IllegalArgumentException} for a
     * bad value, naming the key.
     *
     * <pre>{@code
     * public void runStarted(Function<String, Optional<String>> configuration) {
     *     channel = configuration.apply("llm.slack.channel").orElse("#llm-tests");
     * }
     * }</pre>
     *
     * @param configuration the value of a configuration parameter, empty when unset
     */
    default void runStarted(Function<String, Optional<String>> configuration) {}

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
