package dev.junitllm.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junitllm.LlmClient;
import dev.junitllm.LlmConfiguration;
import dev.junitllm.LlmProxy;
import dev.junitllm.LlmRequest;
import dev.junitllm.LlmResponse;
import dev.junitllm.LlmTest;
import dev.junitllm.Model;
import dev.junitllm.testkit.ScriptedLlmServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Record against a local scripted server, then replay with the server gone: through the JUnit
 * Platform, as a user's {@code mvn test -Dllm.mode=record} and {@code mvn test} would.
 */
class RecordReplayThroughExtensionTest {

    /** Set by surefire in this module's pom; must never reach a cassette. */
    static final String KEY = System.getenv("OPENAI_API_KEY");

    static final List<String> ANSWERS = new CopyOnWriteArrayList<>();

    @TempDir
    Path tmp;

    @BeforeEach
    void reset() {
        ANSWERS.clear();
    }

    @Model("openai:gpt-4o-mini")
    static class RefundFixture {
        @LlmTest(samples = 3, earlyStop = false)
        void answers(LlmClient llm) {
            LlmResponse r = llm.chat(LlmRequest.builder()
                    .system("You are ACME support.")
                    .user("What is the refund window?")
                    .temperature(0.7)
                    .build());
            ANSWERS.add(r.text());
            if (!r.text().contains("30 days")) {
                throw new AssertionError("no refund window in: " + r.text());
            }
        }
    }

    @Model("openai:gpt-4o-mini")
    static class ChangedPromptFixture {
        @LlmTest
        void answers(LlmClient llm) {
            llm.chat(LlmRequest.builder()
                    .system("You are ACME support.")
                    .user("What is the refund window for sale items?")
                    .temperature(0.7)
                    .build());
        }
    }

    @Model("openai:gpt-4o-mini")
    static class ProxyFixture {
        @LlmTest
        void throughAnSdk(LlmProxy proxy) throws Exception {
            String body =
                    "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Shipping time?\"}]}";
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(proxy.baseUrl("openai") + "/chat/completions"))
                                    .header("Content-Type", "application/json")
                                    .header("Authorization", "Bearer " + KEY)
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            ANSWERS.add(new ObjectMapper()
                    .readTree(response.body())
                    .at("/choices/0/message/content")
                    .asText());
        }
    }

    private EngineExecutionResults run(Class<?> fixture, String mode, String baseUrl) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(fixture))
                .configurationParameter(LlmConfiguration.MODE, mode)
                .configurationParameter(
                        LlmConfiguration.CASSETTES_DIR, tmp.resolve("cassettes").toString())
                .configurationParameter(
                        LlmConfiguration.RESULTS_DIR, tmp.resolve("results").toString())
                .configurationParameter(LlmConfiguration.OPENAI_BASE_URL, baseUrl)
                .execute();
    }

    private JsonNode results() throws IOException {
        return new ObjectMapper()
                .readTree(tmp.resolve("results/llm-results.json").toFile());
    }

    @Test
    void recordsThreeSamplesThenReplaysThemInOrderWithTheServerGone() throws IOException {
        List<String> recorded;
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.whenUserContains("refund window")
                    .replyInTurn("Refunds: 30 days (A).", "You have 30 days (B).", "Within 30 days (C).");
            run(RefundFixture.class, "record", server.openAiBaseUrl())
                    .testEvents()
                    .assertStatistics(s -> s.succeeded(1));
            assertThat(server.requestCount()).isEqualTo(3);
            recorded = List.copyOf(ANSWERS);
        }
        assertThat(recorded).containsExactly("Refunds: 30 days (A).", "You have 30 days (B).", "Within 30 days (C).");

        ANSWERS.clear();
        run(RefundFixture.class, "replay", "http://127.0.0.1:9/v1").testEvents().assertStatistics(s -> s.succeeded(1));

        assertThat(ANSWERS).containsExactlyElementsOf(recorded);
        JsonNode call = results().at("/tests/0/cases/0/samples/2/calls/0");
        assertThat(call.path("replayed").asBoolean()).isTrue();
        assertThat(call.path("providerModel").asText()).isEqualTo("gpt-4o-mini-scripted");
        assertThat(call.path("costUsd").isNumber()).isTrue();
        assertThat(call.at("/tokens/input").asLong()).isPositive();
        assertThat(results().at("/run/mode").asText()).isEqualTo("replay");
    }

    @Test
    void noApiKeyInAnyWrittenFile() throws IOException {
        assertThat(KEY)
                .as("surefire sets a fake OPENAI_API_KEY for this module")
                .isNotBlank();
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            // The key also comes back in an answer: redaction must catch it anywhere.
            server.whenUserContains("refund window").reply("30 days. Your key is " + KEY);
            run(RefundFixture.class, "record", server.openAiBaseUrl());
            assertThat(server.requests().get(0).header("Authorization")).contains("Bearer " + KEY);
        }
        List<Path> written;
        try (Stream<Path> files = Files.walk(tmp)) {
            written = files.filter(Files::isRegularFile).toList();
        }
        assertThat(written).isNotEmpty();
        for (Path file : written) {
            assertThat(Files.readString(file)).as(file.toString()).doesNotContain(KEY);
        }
    }

    @Test
    void aChangedPromptMissesWithThePathTheRequestAndTheCommandThatRecordsIt() {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.whenUserContains("refund window").reply("30 days.");
            run(RefundFixture.class, "record", server.openAiBaseUrl());
        }
        run(ChangedPromptFixture.class, "replay", "http://127.0.0.1:9/v1")
                .testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                test(),
                                finishedWithFailure(message(
                                        m -> m.contains("RecordReplayThroughExtensionTest.ChangedPromptFixture.json")
                                                && m.contains("What is the refund window for sale items?")
                                                && m.contains("mvn test -Dllm.mode=record -Dtest=")))));
    }

    @Test
    void proxyRecordsAndReplaysAThirdPartyClientsCallsIntoTheResults() throws IOException {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.whenUserContains("Shipping").reply("3 to 5 business days.");
            run(ProxyFixture.class, "record", server.openAiBaseUrl())
                    .testEvents()
                    .assertStatistics(s -> s.succeeded(1));
            assertThat(server.requestCount()).isEqualTo(1);
        }
        ANSWERS.clear();
        run(ProxyFixture.class, "replay", "http://127.0.0.1:9/v1").testEvents().assertStatistics(s -> s.succeeded(1));

        assertThat(ANSWERS).containsExactly("3 to 5 business days.");
        JsonNode call = results().at("/tests/0/cases/0/samples/0/calls/0");
        assertThat(call.path("replayed").asBoolean()).isTrue();
        assertThat(call.path("request").asText()).isEqualTo("Shipping time?");
        assertThat(call.at("/tokens/output").asLong()).isPositive();
    }
}
