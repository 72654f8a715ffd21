package dev.junitllm.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junitllm.GoldenCase;
import dev.junitllm.GoldenDataset;
import dev.junitllm.LlmClient;
import dev.junitllm.LlmConfiguration;
import dev.junitllm.LlmTest;
import dev.junitllm.Model;
import dev.junitllm.testkit.ScriptedLlmServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 50 dataset cases recorded concurrently into one class cassette, then replayed with the server gone. */
class ParallelRecordingThroughExtensionTest {

    static final int CASES = 50;

    @TempDir
    Path tmp;

    @Model("openai:gpt-4o-mini")
    static class FiftyCases {
        @LlmTest
        @GoldenDataset("fixtures/datasets/gate-100-3-failing.jsonl")
        void answers(GoldenCase c, LlmClient llm) {
            String text = llm.chat(c.input()).text();
            if (!text.equals("answer to " + c.input())) {
                throw new AssertionError(c.id() + " got " + text);
            }
        }
    }

    private static String[] config(String mode, String baseUrl) {
        List<String> config = new ArrayList<>(List.of(EngineRuns.parallel(8)));
        config.addAll(List.of(
                LlmConfiguration.DATASET_LIMIT,
                Integer.toString(CASES),
                LlmConfiguration.MODE,
                mode,
                LlmConfiguration.OPENAI_BASE_URL,
                baseUrl));
        return config.toArray(String[]::new);
    }

    @Test
    void fiftyCasesRecordedInParallelIntoOneCassetteAllReplay() {
        EngineRuns engine = new EngineRuns(tmp);
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            for (int i = 1; i <= CASES; i++) {
                String question = "question " + i;
                server.when(r -> r.lastUserMessage().equals(question))
                        .delay(Duration.ofMillis(20))
                        .reply("answer to " + question);
            }
            engine.run(FiftyCases.class, config("record", server.openAiBaseUrl()))
                    .testEvents()
                    .assertStatistics(s -> s.succeeded(CASES + 1).failed(0).aborted(0));
            assertThat(server.requestCount()).isEqualTo(CASES);
            assertThat(server.maxConcurrentRequests())
                    .as("cases ran concurrently")
                    .isGreaterThan(1);
        }
        JsonNode entries = engine.cassetteJson(FiftyCases.class).path("entries");
        assertThat(entries).hasSize(CASES);
        Set<String> owners = new HashSet<>();
        entries.forEach(e -> owners.add(e.path("test").asText()));
        assertThat(owners).hasSize(CASES);

        engine.run(FiftyCases.class, config("replay", "http://127.0.0.1:9/v1"))
                .testEvents()
                .assertStatistics(s -> s.succeeded(CASES + 1).failed(0).aborted(0));
        JsonNode cases = engine.results().at("/tests/0/cases");
        assertThat(cases).hasSize(CASES);
        cases.forEach(c -> assertThat(c.at("/samples/0/calls/0/replayed").asBoolean())
                .as(c.path("caseId").asText())
                .isTrue());
        assertThat(engine.results().at("/datasets/0/passedCases").asInt()).isEqualTo(CASES);
    }
}
