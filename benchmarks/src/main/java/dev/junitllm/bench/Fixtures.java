package dev.junitllm.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junitllm.GoldenCase;
import dev.junitllm.GoldenDataset;
import dev.junitllm.LlmClient;
import dev.junitllm.LlmResponse;
import dev.junitllm.LlmTest;
import dev.junitllm.Model;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The test classes the benchmarks run through the JUnit Platform. */
final class Fixtures {
    private Fixtures() {}

    /** The three cheap checks every case makes, on the model's answer or on the expected text. */
    static void threeChecks(String text) {
        assertThat(text).contains("30 days");
        assertThat(text).containsPattern("order #\\d{1,5}\\b");
        assertThat(text).hasSizeBetween(100, 2_000);
    }

    /** junit-llm: a golden dataset replayed from the cassette. */
    @Model("openai:gpt-4o-mini")
    static class LlmReplay {
        @LlmTest
        @GoldenDataset(BenchData.REPLAY)
        void answers(GoldenCase c, LlmClient llm) {
            LlmResponse r = llm.chat(c.input());
            threeChecks(r.text());
        }
    }

    /** The baseline: plain JUnit over the same file, the same checks on the expected answer. */
    static class PlainParameterized {
        private static final ObjectMapper JSON = new ObjectMapper();

        static Stream<Arguments> rows() {
            BufferedReader reader;
            try {
                reader = Files.newBufferedReader(Path.of(BenchData.REPLAY), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return reader.lines()
                    .onClose(() -> close(reader))
                    .filter(line -> !line.isBlank())
                    .map(line -> {
                        try {
                            JsonNode row = JSON.readTree(line);
                            return Arguments.of(
                                    row.get("id").asText(),
                                    row.get("input").asText(),
                                    row.get("expected").asText());
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        }

        private static void close(BufferedReader reader) {
            try {
                reader.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("rows")
        void answers(String id, String input, String expected) {
            threeChecks(expected);
        }
    }

    /** Live against the scripted server: every case one call of 200 ms. */
    @Model("openai:gpt-4o-mini")
    static class LlmLive {
        @LlmTest
        @GoldenDataset(BenchData.LIVE)
        void answers(GoldenCase c, LlmClient llm) {
            threeChecks(llm.chat(c.input()).text());
        }
    }

    /** 10,000 cases replayed, for the heap peak. */
    @Model("openai:gpt-4o-mini")
    static class LlmMemory {
        @LlmTest
        @GoldenDataset(BenchData.MEMORY)
        void answers(GoldenCase c, LlmClient llm) {
            threeChecks(llm.chat(c.input()).text());
        }
    }
}
