package dev.junitllm.internal.engine;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junitllm.LlmConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Predicate;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.junit.platform.testkit.engine.TestExecutionResultConditions;

/**
 * Runs fixture classes through the JUnit Platform as {@code mvn test} would, with the cassettes and
 * the results file in a temporary folder.
 */
final class EngineRuns {

    private final Path tmp;

    EngineRuns(Path tmp) {
        this.tmp = tmp;
    }

    /** Runs the fixtures with the given configuration, as key, value, key, value... */
    EngineExecutionResults run(Class<?> fixture, String... config) {
        return run(new Class<?>[] {fixture}, config);
    }

    EngineExecutionResults run(Class<?>[] fixtures, String... config) {
        var kit = EngineTestKit.engine("junit-jupiter")
                .selectors(Arrays.stream(fixtures).map(c -> selectClass(c)).toArray(ClassSelector[]::new))
                .configurationParameter(
                        LlmConfiguration.CASSETTES_DIR, cassettes().toString())
                .configurationParameter(
                        LlmConfiguration.RESULTS_DIR, resultsDir().toString());
        for (int i = 0; i < config.length; i += 2) {
            kit = kit.configurationParameter(config[i], config[i + 1]);
        }
        return kit.execute();
    }

    /** Asserts that exactly one test of {@code events} failed with {@code type} and a message {@code message} accepts. */
    static void assertOneTestFailed(Events events, Class<? extends Throwable> type, Predicate<String> message) {
        events.assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                test(),
                                finishedWithFailure(instanceOf(type), TestExecutionResultConditions.message(message))));
    }

    /** The configuration of JUnit's parallel execution with a fixed number of threads. */
    static String[] parallel(int threads) {
        return new String[] {
            "junit.jupiter.execution.parallel.enabled", "true",
            "junit.jupiter.execution.parallel.mode.default", "concurrent",
            "junit.jupiter.execution.parallel.config.strategy", "fixed",
            "junit.jupiter.execution.parallel.config.fixed.parallelism", Integer.toString(threads)
        };
    }

    Path cassettes() {
        return tmp.resolve("cassettes");
    }

    Path resultsDir() {
        return tmp.resolve("results");
    }

    /** Where the cassette of a fixture class is written. */
    Path cassette(Class<?> fixture) {
        String name = fixture.getName();
        int dot = name.lastIndexOf('.');
        return cassettes()
                .resolve(name.substring(0, dot).replace('.', '/'))
                .resolve(name.substring(dot + 1).replace('$', '.') + ".json");
    }

    JsonNode cassetteJson(Class<?> fixture) {
        return read(cassette(fixture));
    }

    JsonNode results() {
        return read(resultsDir().resolve("llm-results.json"));
    }

    private static JsonNode read(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
