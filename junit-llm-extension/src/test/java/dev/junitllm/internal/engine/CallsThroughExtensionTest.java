package dev.junitllm.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junitllm.BudgetExceededException;
import dev.junitllm.LlmClient;
import dev.junitllm.LlmConfiguration;
import dev.junitllm.LlmContext;
import dev.junitllm.LlmRequest;
import dev.junitllm.LlmResponse;
import dev.junitllm.LlmTest;
import dev.junitllm.MissingRecordingException;
import dev.junitllm.Model;
import dev.junitllm.Prompt;
import dev.junitllm.PromptTemplate;
import dev.junitllm.Verdict;
import dev.junitllm.testkit.ScriptedLlmServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.io.TempDir;

/**
 * What happens to a case's calls through the JUnit Platform: fallback models, the budget, judge
 * calls and their cost, a second model in one test, and prompts in the results.
 */
class CallsThroughExtensionTest {

    static final List<String> ANSWERS = new CopyOnWriteArrayList<>();

    final EngineRuns engine;

    CallsThroughExtensionTest(@TempDir Path tmp) {
        this.engine = new EngineRuns(tmp);
    }

    @BeforeEach
    void reset() {
        ANSWERS.clear();
    }

    private static String[] against(ScriptedLlmServer server, String mode, String... more) {
        List<String> config = new ArrayList<>(List.of(
                LlmConfiguration.MODE,
                mode,
                LlmConfiguration.OPENAI_BASE_URL,
                server == null ? "http://127.0.0.1:9/v1" : server.openAiBaseUrl(),
                LlmConfiguration.ANTHROPIC_BASE_URL,
                server == null ? "http://127.0.0.1:9" : server.anthropicBaseUrl()));
        config.addAll(List.of(more));
        return config.toArray(String[]::new);
    }

    // ── fallback ───────────────────────────────────────────────────────────────────────────────

    static class ConfiguredFallbackFixture {
        @LlmTest
        void answers(LlmClient llm) {
            ANSWERS.add(llm.chat("What is the refund window?").text());
        }
    }

    @Test
    void aFallbackCanComeFromConfigurationForTestsThatNameNone() {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.when(r -> !r.endpoint().isAnthropic()).fail(503, "server_error", "The server is overloaded");
            server.when(r -> r.endpoint().isAnthropic()).reply("Refunds within 30 days.");
            engine.run(
                            ConfiguredFallbackFixture.class,
                            against(
                                    server,
                                    "record",
                                    LlmConfiguration.MAX_RETRIES,
                                    "0",
                                    LlmConfiguration.MODEL,
                                    "openai:gpt-4o-mini",
                                    LlmConfiguration.FALLBACK_MODEL,
                                    "anthropic:claude-haiku-4-5"))
                    .testEvents()
                    .assertStatistics(s -> s.succeeded(1).failed(0));
        }
        assertThat(ANSWERS).containsExactly("Refunds within 30 days.");
        assertThat(engine.results()
                        .at("/tests/0/cases/0/samples/0/calls/1/fallbackReason")
                        .asText())
                .startsWith("openai:gpt-4o-mini failed");
    }

    @Model(value = "openai:gpt-4o-mini", fallback = "anthropic:claude-haiku-4-5")
    static class FallbackFixture {
        @LlmTest
        void answers(LlmClient llm) {
            LlmResponse r = llm.chat("What is the refund window?");
            ANSWERS.add(r.text());
            if (!r.text().contains("30 days")) {
                throw new AssertionError(r.text());
            }
        }
    }

    @Test
    void aFailingPrimaryHandsOverToTheFallbackAndBothCallsAreInTheResults() {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.when(r -> !r.endpoint().isAnthropic()).fail(503, "server_error", "The server is overloaded");
            server.when(r -> r.endpoint().isAnthropic()).reply("Refunds within 30 days.");
            engine.run(FallbackFixture.class, against(server, "record", LlmConfiguration.MAX_RETRIES, "0"))
                    .testEvents()
                    .assertStatistics(s -> s.succeeded(1).failed(0));
            assertThat(server.requests())
                    .extracting(r -> r.endpoint().isAnthropic())
                    .containsExactly(false, true);
        }
        assertThat(ANSWERS).containsExactly("Refunds within 30 days.");
        JsonNode calls = engine.results().at("/tests/0/cases/0/samples/0/calls");
        assertThat(calls).hasSize(2);
        assertThat(calls.at("/0/model").asText()).isEqualTo("openai:gpt-4o-mini");
        assertThat(calls.at("/0/error").asText()).contains("503").contains("overloaded");
        assertThat(calls.at("/0/fallbackReason").isNull()).isTrue();
        assertThat(calls.at("/1/model").asText()).isEqualTo("anthropic:claude-haiku-4-5");
        assertThat(calls.at("/1/error").isNull()).isTrue();
        assertThat(calls.at("/1/fallbackReason").asText())
                .startsWith("openai:gpt-4o-mini failed")
                .contains("503");
        // the failed call has a start and no finish reason; the fallback started after it
        assertThat(calls.at("/0/finishReason").isNull()).isTrue();
        assertThat(calls.at("/1/finishReason").asText()).isEqualTo("end_turn");
        assertThat(Instant.parse(calls.at("/1/startedAt").asText()))
                .isAfterOrEqualTo(Instant.parse(calls.at("/0/startedAt").asText()));
        assertThat(engine.results().at("/tests/0/cases/0/status").asText()).isEqualTo("passed");

        ANSWERS.clear();
        Instant replayBegan = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        engine.run(FallbackFixture.class, against(null, "replay", LlmConfiguration.MAX_RETRIES, "0"))
                .testEvents()
                .assertStatistics(s -> s.succeeded(1).failed(0));
        assertThat(ANSWERS).containsExactly("Refunds within 30 days.");
        JsonNode replayed = engine.results().at("/tests/0/cases/0/samples/0/calls");
        assertThat(replayed.at("/0/error").asText()).startsWith("No recording in cassette");
        assertThat(replayed.at("/1/replayed").asBoolean()).isTrue();
        assertThat(replayed.at("/1/fallbackReason").asText()).startsWith("openai:gpt-4o-mini has no recording");
        // a replayed call started in this run and keeps the recorded latency and finish reason
        assertThat(Instant.parse(replayed.at("/1/startedAt").asText())).isAfterOrEqualTo(replayBegan);
        assertThat(replayed.at("/1/latencyMs").asLong())
                .isEqualTo(calls.at("/1/latencyMs").asLong());
        assertThat(replayed.at("/1/finishReason").asText()).isEqualTo("end_turn");
    }

    @Model(value = "openai:gpt-4o-mini", fallback = "anthropic:claude-haiku-4-5")
    static class StreamingFallbackFixture {
        @LlmTest
        void streams(LlmClient llm) {
            StringBuilder deltas = new StringBuilder();
            LlmResponse r = llm.chatStream(LlmRequest.ofUser("What is the refund window?"), deltas::append);
            ANSWERS.add(deltas + " | " + r.text());
        }
    }

    @Test
    void aStreamedCaseThatFellBackIsRecordedAndReplayedAsAStreamFromTheFallback() {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.when(r -> !r.endpoint().isAnthropic()).fail(503, "server_error", "The server is overloaded");
            server.when(r -> r.endpoint().isAnthropic()).reply("Refunds within 30 days.");
            engine.run(StreamingFallbackFixture.class, against(server, "record", LlmConfiguration.MAX_RETRIES, "0"))
                    .testEvents()
                    .assertStatistics(s -> s.succeeded(1));
        }
        engine.run(StreamingFallbackFixture.class, against(null, "replay"))
                .testEvents()
                .assertStatistics(s -> s.succeeded(1));
        assertThat(ANSWERS)
                .containsExactly(
                        "Refunds within 30 days. | Refunds within 30 days.",
                        "Refunds within 30 days. | Refunds within 30 days.");
        assertThat(engine.results()
                        .at("/tests/0/cases/0/samples/0/calls/1/fallbackReason")
                        .asText())
                .startsWith("openai:gpt-4o-mini has no recording");
    }

    @Model(value = "openai:gpt-4o-mini", fallback = "anthropic:claude-haiku-4-5")
    static class ChangedFallbackFixture {
        @LlmTest
        void answers(LlmClient llm) {
            llm.chat("What is the refund window for sale items?");
        }
    }

    @Test
    void whenNeitherModelHasARecordingTheMissIsReportedWithTheCommandThatRecordsIt() {
        EngineRuns.assertOneTestFailed(
                engine.run(ChangedFallbackFixture.class, against(null, "replay"))
                        .testEvents(),
                MissingRecordingException.class,
                m -> m.contains("anthropic:claude-haiku-4-5") && m.contains("mvn test -Dllm.mode=record -Dtest="));
    }

    // ── budget ─────────────────────────────────────────────────────────────────────────────────

    @Model("openai:gpt-4o-mini")
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class BudgetFixture {
        @LlmTest
        void a_spendsTheBudget(LlmClient llm) {
            llm.chat("first question");
        }

        @LlmTest
        void b_isRefused(LlmClient llm) {
            llm.chat("second question");
        }
    }

    @Test
    void onceTheBudgetIsSpentTheNextCallFailsAtOnceWithoutReachingTheProvider() {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.whenAnyRequest().reply("word ".repeat(200).strip());
            var events = engine.run(BudgetFixture.class, against(server, "live", LlmConfiguration.BUDGET_USD, "0.0001"))
                    .testEvents();
            events.assertStatistics(s -> s.succeeded(1).failed(1));
            JsonNode first = engine.results().at("/tests").get(0).at("/cases/0/samples/0/calls/0");
            double spent = first.path("costUsd").asDouble();
            assertThat(spent).isGreaterThanOrEqualTo(0.0001);
            EngineRuns.assertOneTestFailed(
                    events,
                    BudgetExceededException.class,
                    m -> m.startsWith(String.format(
                                    Locale.ROOT,
                                    "Budget reached: this run has spent $%.6f live, at or over its cap llm.budget.usd=0.0001",
                                    spent))
                            && m.contains("openai:gpt-4o-mini"));
            assertThat(server.requestCount()).isEqualTo(1);
        }
        JsonNode refused = engine.results().at("/tests").get(1).at("/cases/0");
        assertThat(refused.path("status").asText()).isEqualTo("error");
        assertThat(refused.at("/samples/0/calls/0/error").asText()).startsWith("Budget reached");
    }

    // ── judge ──────────────────────────────────────────────────────────────────────────────────

    @Model("openai:gpt-4o-mini")
    static class JudgedFixture {
        @LlmTest
        void statesTheRefundWindow(LlmClient llm) {
            LlmResponse answer = llm.chat("What is the refund window?");
            LlmContext context = LlmContext.current().orElseThrow();
            LlmResponse grade = context.judge()
                    .chat(LlmRequest.builder()
                            .system("You are a strict grader.")
                            .user("Answer: " + answer.text() + "\nDoes it state 30 days?")
                            .build());
            ANSWERS.add(grade.text());
            context.record(Verdict.binary("statesWindow", grade.text().startsWith("PASS"), grade.text()));
        }
    }

    @Test
    void judgeCallsAreTaggedCostedApartRecordedAndReplayed() {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.whenSystemContains("grader").reply("PASS: states 30 days");
            server.whenUserContains("refund window").reply("Refunds within 30 days.");
            engine.run(
                            JudgedFixture.class,
                            against(server, "record", LlmConfiguration.JUDGE_MODEL, "anthropic:claude-haiku-4-5"))
                    .testEvents()
                    .assertStatistics(s -> s.succeeded(1));
            assertThat(server.requestCount()).isEqualTo(2);
        }
        JsonNode c = engine.results().at("/tests/0/cases/0");
        JsonNode model = c.at("/samples/0/calls/0");
        JsonNode judge = c.at("/samples/0/calls/1");
        assertThat(model.path("role").asText()).isEqualTo("model");
        assertThat(judge.path("role").asText()).isEqualTo("judge");
        assertThat(judge.path("model").asText()).isEqualTo("anthropic:claude-haiku-4-5");
        assertThat(c.at("/samples/0/verdicts/0/metric").asText()).isEqualTo("statesWindow");
        assertThat(c.at("/samples/0/verdicts/0/passed").asBoolean()).isTrue();
        assertThat(c.at("/samples/0/verdicts/0/reason").asText()).isEqualTo("PASS: states 30 days");
        double modelCost = model.path("costUsd").asDouble();
        double judgeCost = judge.path("costUsd").asDouble();
        assertThat(modelCost).isPositive();
        assertThat(judgeCost).isPositive().isNotEqualTo(modelCost);
        assertThat(c.at("/costUsd/model").asDouble()).isEqualTo(modelCost);
        assertThat(c.at("/costUsd/judge").asDouble()).isEqualTo(judgeCost);
        assertThat(c.at("/costUsd/total").asDouble()).isCloseTo(modelCost + judgeCost, within(1e-15));
        JsonNode totals = engine.results().at("/totals/costUsd");
        assertThat(totals.path("model").asDouble()).isEqualTo(modelCost);
        assertThat(totals.path("judge").asDouble()).isEqualTo(judgeCost);
        List<String> roles = new ArrayList<>();
        engine.cassetteJson(JudgedFixture.class)
                .path("entries")
                .forEach(e -> roles.add(e.path("role").asText()));
        assertThat(roles).containsExactlyInAnyOrder("model", "judge");

        ANSWERS.clear();
        engine.run(
                        JudgedFixture.class,
                        against(null, "replay", LlmConfiguration.JUDGE_MODEL, "anthropic:claude-haiku-4-5"))
                .testEvents()
                .assertStatistics(s -> s.succeeded(1));
        assertThat(ANSWERS).containsExactly("PASS: states 30 days");
        JsonNode replayedJudge = engine.results().at("/tests/0/cases/0/samples/0/calls/1");
        assertThat(replayedJudge.path("role").asText()).isEqualTo("judge");
        assertThat(replayedJudge.path("replayed").asBoolean()).isTrue();
        assertThat(engine.results().at("/totals/costUsd/judge").asDouble()).isEqualTo(judgeCost);
    }

    // ── a second model in one test ─────────────────────────────────────────────────────────────

    @Model("openai:gpt-4o-mini")
    static class TwoModelsFixture {
        @LlmTest
        void compares(LlmClient llm, @Model("anthropic:claude-haiku-4-5") LlmClient other) {
            ANSWERS.add(llm.modelId() + ": " + llm.chat("Capital of France?").text());
            ANSWERS.add(
                    other.modelId() + ": " + other.chat("Capital of France?").text());
        }
    }

    @Test
    void aModelAnnotatedParameterIsASecondModelRecordedAndReplayedWithTheCase() {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.when(r -> r.endpoint().isAnthropic()).reply("Paris, says Claude.");
            server.otherwise().reply("Paris, says GPT.");
            engine.run(TwoModelsFixture.class, against(server, "record"))
                    .testEvents()
                    .assertStatistics(s -> s.succeeded(1));
            assertThat(server.requestCount()).isEqualTo(2);
        }
        List<String> recorded = List.copyOf(ANSWERS);
        assertThat(recorded)
                .containsExactly(
                        "openai:gpt-4o-mini: Paris, says GPT.", "anthropic:claude-haiku-4-5: Paris, says Claude.");
        List<String> providers = new ArrayList<>();
        engine.cassetteJson(TwoModelsFixture.class)
                .path("entries")
                .forEach(e -> providers.add(e.path("provider").asText()));
        assertThat(providers).containsExactlyInAnyOrder("openai", "anthropic");

        ANSWERS.clear();
        engine.run(TwoModelsFixture.class, against(null, "replay")).testEvents().assertStatistics(s -> s.succeeded(1));
        assertThat(ANSWERS).isEqualTo(recorded);
        JsonNode calls = engine.results().at("/tests/0/cases/0/samples/0/calls");
        assertThat(calls.at("/1/model").asText()).isEqualTo("anthropic:claude-haiku-4-5");
        assertThat(calls.at("/1/replayed").asBoolean()).isTrue();
        // the case belongs to the test's model; the second model's calls land in it
        assertThat(engine.results().at("/tests/0/cases/0/model").asText()).isEqualTo("openai:gpt-4o-mini");
    }

    // ── prompts ────────────────────────────────────────────────────────────────────────────────

    @Model("openai:gpt-4o-mini")
    static class PromptFixture {
        @LlmTest
        void rendersTheSystemPrompt(@Prompt("prompts/support-system.v3.md") PromptTemplate system) {
            ANSWERS.add(system.render(Map.of("company", "ACME", "refundDays", 30)));
        }
    }

    @Model("openai:gpt-4o-mini")
    static class MissingPromptFixture {
        @LlmTest
        void needsAPrompt(@Prompt("prompts/no-such-prompt.md") PromptTemplate system) {}
    }

    @Model("openai:gpt-4o-mini")
    static class MissingVariableFixture {
        @LlmTest
        void forgetsAVariable(@Prompt("prompts/support-system.v3.md") PromptTemplate system) {
            system.render(Map.of("company", "ACME"));
        }
    }

    private static String sha256Prefix(String resource) throws Exception {
        try (InputStream in = CallsThroughExtensionTest.class.getClassLoader().getResourceAsStream(resource)) {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(in.readAllBytes());
            return HexFormat.of().formatHex(digest).substring(0, 12);
        }
    }

    @Test
    void thePromptsNameVersionAndHashAreRecordedWithTheCaseAndTheRun() throws Exception {
        engine.run(PromptFixture.class).testEvents().assertStatistics(s -> s.succeeded(1));

        assertThat(ANSWERS.get(0)).contains("support assistant of ACME").contains("within 30 days");
        String hash = sha256Prefix("prompts/support-system.v3.md");
        for (JsonNode prompt : List.of(
                engine.results().at("/tests/0/cases/0/prompts/0"),
                engine.results().at("/run/prompts/0"))) {
            assertThat(prompt.path("name").asText()).isEqualTo("prompts/support-system.v3.md");
            assertThat(prompt.path("version").asText()).isEqualTo("3");
            assertThat(prompt.path("hash").asText()).isEqualTo(hash);
        }
        assertThat(engine.results().at("/run/prompts")).hasSize(1);
    }

    @Test
    void aMissingPromptFileIsAParameterResolutionErrorNamingTheFile() {
        EngineRuns.assertOneTestFailed(
                engine.run(MissingPromptFixture.class).testEvents(),
                ParameterResolutionException.class,
                m -> m.startsWith("@Prompt [prompts/no-such-prompt.md]: not found as a classpath resource")
                        && !m.contains("]: @Prompt"));
        assertThat(engine.results().at("/tests/0/cases/0/status").asText()).isEqualTo("error");
    }

    @Test
    void aMissingVariableFailsTheTestNamingTheVariable() throws IOException {
        EngineRuns.assertOneTestFailed(
                engine.run(MissingVariableFixture.class).testEvents(),
                IllegalArgumentException.class,
                m -> m.startsWith("@Prompt [prompts/support-system.v3.md]: no value for variable 'refundDays'"));
        assertThat(engine.results().at("/tests/0/cases/0/failureReason").asText())
                .contains("'refundDays'");
    }
}
