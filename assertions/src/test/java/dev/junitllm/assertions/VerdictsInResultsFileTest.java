package dev.junitllm.assertions;

import static dev.junitllm.assertions.LlmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junitllm.LlmClient;
import dev.junitllm.LlmConfiguration;
import dev.junitllm.LlmRequest;
import dev.junitllm.LlmResponse;
import dev.junitllm.LlmTest;
import dev.junitllm.Model;
import dev.junitllm.testkit.ScriptedLlmServer;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Assertions inside a real {@code @LlmTest}: every check lands as a verdict in {@code llm-results.json},
 * and the judge's call is recorded with role {@code judge} and its cost counted as judge cost.
 */
class VerdictsInResultsFileTest {

    @TempDir
    Path tmp;

    @Model("openai:gpt-4o-mini")
    static class Passing {
        @LlmTest
        void refunds(LlmClient llm) {
            LlmResponse r = llm.chat(LlmRequest.builder()
                    .system("You are ACME support.")
                    .user("What is the refund window?")
                    .build());
            assertThat(r)
                    .containsIgnoringCase("30 days")
                    .satisfiesRubric("States the 30-day refund window")
                    .usedAtMostTokens(1_000);
        }
    }

    @Model("openai:gpt-4o-mini")
    static class Failing {
        @LlmTest
        void refunds(LlmClient llm) {
            LlmResponse r = llm.chat("What is the refund window?");
            assertThat(r).containsIgnoringCase("30 days").containsIgnoringCase("45 days");
        }
    }

    private EngineExecutionResults record(Class<?> fixture) {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.whenSystemContains("meticulous evaluator")
                    .replyJson("{\"critique\": \"It names the 30-day window.\", \"verdict\": \"pass\"}");
            server.whenUserContains("refund window").reply("Our refund window is 30 days from delivery.");
            return EngineTestKit.engine("junit-jupiter")
                    .selectors(selectClass(fixture))
                    .configurationParameter(LlmConfiguration.MODE, "record")
                    .configurationParameter(LlmConfiguration.OPENAI_BASE_URL, server.openAiBaseUrl())
                    .configurationParameter(
                            LlmConfiguration.CASSETTES_DIR,
                            tmp.resolve("cassettes").toString())
                    .configurationParameter(
                            LlmConfiguration.RESULTS_DIR, tmp.resolve("results").toString())
                    .execute();
        }
    }

    private JsonNode results() throws IOException {
        return new ObjectMapper()
                .readTree(tmp.resolve("results/llm-results.json").toFile());
    }

    @Test
    void everyCheckIsAVerdictAndTheJudgeCallIsJudgeCost() throws IOException {
        record(Passing.class).testEvents().assertStatistics(s -> s.succeeded(1));

        JsonNode sample = results().at("/tests/0/cases/0/samples/0");
        assertThat(sample.path("verdicts"))
                .extracting(v -> v.path("metric").asText())
                .containsExactly("containsIgnoringCase", "rubric", "tokens");
        JsonNode rubric = sample.at("/verdicts/1");
        assertThat(rubric.path("passed").asBoolean()).isTrue();
        assertThat(rubric.path("score").asDouble()).isEqualTo(1.0);
        assertThat(rubric.path("reason").asText()).contains("It names the 30-day window.");
        assertThat(sample.path("calls"))
                .extracting(c -> c.path("role").asText())
                .containsExactly("model", "judge");
        JsonNode cost = results().at("/tests/0/cases/0/costUsd");
        assertThat(cost.path("judge").asDouble()).isPositive();
        assertThat(cost.path("model").asDouble()).isPositive();
        assertThat(cost.path("total").asDouble())
                .isEqualTo(cost.path("model").asDouble() + cost.path("judge").asDouble());
    }

    @Test
    void aFailedCheckIsAFailedVerdictWithItsReasonAndTheCaseFails() throws IOException {
        record(Failing.class).testEvents().assertStatistics(s -> s.failed(1));

        JsonNode c = results().at("/tests/0/cases/0");
        assertThat(c.path("status").asText()).isEqualTo("failed");
        JsonNode failed = c.at("/samples/0/verdicts/1");
        assertThat(failed.path("metric").asText()).isEqualTo("containsIgnoringCase");
        assertThat(failed.path("passed").asBoolean()).isFalse();
        assertThat(failed.path("score").asDouble()).isZero();
        assertThat(failed.path("reason").asText()).contains("45 days");
        assertThat(c.path("failureReason").asText()).contains("45 days");
    }
}
