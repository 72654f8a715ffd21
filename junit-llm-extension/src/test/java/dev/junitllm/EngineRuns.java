package dev.junitllm;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

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
