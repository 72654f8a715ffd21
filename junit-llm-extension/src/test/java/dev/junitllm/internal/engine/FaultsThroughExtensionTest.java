package dev.junitllm.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junitllm.LlmClient;
import dev.junitllm.LlmConfiguration;
import dev.junitllm.LlmFault;
import dev.junitllm.LlmFault.Kind;
import dev.junitllm.LlmProviderException;
import dev.junitllm.LlmRequest;
import dev.junitllm.LlmResponse;
import dev.junitllm.LlmTest;
import dev.junitllm.Model;
import dev.junitllm.testkit.ScriptedLlmServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LlmFault} through the JUnit Platform with junit-llm's own {@link LlmClient}: faults are
 * injected in front of the cassette (recorded against a local scripted server, replayed with no
 * server at all), retried as over HTTP, handed to the fallback model, and recorded per call.
 */
class FaultsThroughExtensionTest {

    static final List<String> SEEN = new CopyOnWriteArrayList<>();

    @TempDir
    Path tmp;

    EngineRuns engine;

    @BeforeEach
    void setUp() {
        engine = new EngineRuns(tmp);
        SEEN.clear();
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

    private static void script(ScriptedLlmServer server) {
        server.whenUserContains("refund window").reply("Refunds within 30 days.");
        server.whenUserContains("Stream").reply("one two three four five six");
    }

    private JsonNode calls() {
        return engine.results().at("/tests/0/cases/0/samples/0/calls");
    }

    private static List<String> faults(JsonNode call) {
        return StreamSupport.stream(call.path("faults").spliterator(), false)
                .map(JsonNode::asText)
                .toList();
    }

    // ── retried like HTTP, in front of the cassette ────────────────────────────────────────────

    @Model("openai:gpt-4o-mini")
    static class TwoRateLimitsFixture {
        @LlmTest
        @LlmFault(value = Kind.RATE_LIMITED, calls = 2, retryAfter = 0)
        void answers(LlmClient llm) {
            SEEN.add(llm.chat("What is the refund window?").text());
        }
    }

    @Test
    void twoRateLimitsAreRetriedAndNeverReachTheProviderOrTheCassetteThenReplayOffline() {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            script(server);
            engine.run(TwoRateLimitsFixture.class, against(server, "record"))
                    .testEvents()
                    .assertStatistics(s -> s.succeeded(1).failed(0));
            assertThat(server.requestCount())
                    .as("faulted attempts never went out")
                    .isEqualTo(1);
        }
        JsonNode entries = engine.cassetteJson(TwoRateLimitsFixture.class).path("entries");
        assertThat(entries).hasSize(1);
        assertThat(entries.toString()).contains("Refunds within 30 days.").doesNotContain("429");
        assertThat(calls()).hasSize(1);
        assertThat(faults(calls().get(0)))
                .containsExactly("rate_limited: HTTP 429, retry-after 0", "rate_limited: HTTP 429, retry-after 0");

        engine.run(TwoRateLimitsFixture.class, against(null, "replay"))
                .testEvents()
                .assertStatistics(s -> s.succeeded(1).failed(0));
        assertThat(SEEN).containsExactly("Refunds within 30 days.", "Refunds within 30 days.");
        assertThat(calls().get(0).path("replayed").asBoolean()).isTrue();
        assertThat(faults(calls().get(0))).hasSize(2);
    }

    @Model("openai:gpt-4o-mini")
    static class QuotaFixture {
        @LlmTest
        @LlmFault(value = Kind.QUOTA_EXHAUSTED, calls = LlmFault.ALL)
        void answers(LlmClient llm) {
            try {
                llm.chat("What is the refund window?");
            } catch (LlmProviderException e) {
                SEEN.add(e.status() + " " + e.errorType() + " " + e.isTransient() + " " + e.getMessage());
            }
        }
    }

    @Test
    void quotaExhaustionIsNotRetriedAndSaysSo() {
        engine.run(QuotaFixture.class, against(null, "replay"))
                .testEvents()
                .assertStatistics(s -> s.succeeded(1).failed(0));
        assertThat(SEEN)
                .singleElement()
                .asString()
                .startsWith("429 insufficient_quota true openai:gpt-4o-mini /chat/completions failed with HTTP 429")
                .contains("You exceeded your current quota")
                .contains("retrying does not help")
                .doesNotContain("attempts");
        assertThat(faults(calls().get(0))).containsExactly("quota_exhausted: HTTP 429");
        assertThat(calls().get(0).path("error").asText()).contains("insufficient_quota");
    }

    // ── the fallback model under a 429 storm ───────────────────────────────────────────────────

    @Model(value = "openai:gpt-4o-mini", fallback = "anthropic:claude-haiku-4-5")
    static class StormFixture {
        @LlmTest
        @LlmFault(value = Kind.RATE_LIMITED, calls = LlmFault.ALL, model = "openai:gpt-4o-mini", retryAfter = 0)
        void answers(LlmClient llm) {
            LlmResponse r = llm.chat("What is the refund window?");
            SEEN.add(r.model() + " | " + r.text() + " | " + r.fallbackReason().orElse("-"));
        }
    }

    @Test
    void aRateLimitStormOnThePrimaryHandsOverToTheFallbackModel() {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            script(server);
            engine.run(StormFixture.class, against(server, "record"))
                    .testEvents()
                    .assertStatistics(s -> s.succeeded(1).failed(0));
            assertThat(server.requests())
                    .singleElement()
                    .satisfies(r -> assertThat(r.endpoint().isAnthropic()).isTrue());
        }
        engine.run(StormFixture.class, against(null, "replay"))
                .testEvents()
                .assertStatistics(s -> s.succeeded(1).failed(0));
        assertThat(SEEN)
                .hasSize(2)
                .allSatisfy(seen -> assertThat(seen)
                        .contains("Refunds within 30 days.")
                        .contains("openai:gpt-4o-mini /chat/completions failed with HTTP 429 (rate_limit_exceeded)")
                        .contains("after 3 attempts"));
        JsonNode calls = calls();
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).path("model").asText()).isEqualTo("openai:gpt-4o-mini");
        assertThat(faults(calls.get(0)))
                .hasSize(3)
                .allSatisfy(f -> assertThat(f).startsWith("rate_limited: HTTP 429"));
        assertThat(calls.get(1).path("model").asText()).isEqualTo("anthropic:claude-haiku-4-5");
        assertThat(calls.get(1).has("faults"))
                .as("no fault fired on the fallback")
                .isFalse();
        assertThat(calls)
                .as("the primary's answers were made up by the fault, the fallback's come from the cassette")
                .extracting(c -> c.path("replayed").asBoolean())
                .containsExactly(false, true);
    }

    // ── streams, content filter, malformed JSON, timeouts ──────────────────────────────────────

    @Model("openai:gpt-4o-mini")
    static class StreamCutFixture {
        @LlmTest
        @LlmFault(value = Kind.STREAM_CUT, afterEvents = 2)
        void streams(LlmClient llm) {
            StringBuilder deltas = new StringBuilder();
            try {
                llm.chatStream(LlmRequest.ofUser("Stream the answer"), deltas::append);
                SEEN.add("completed");
            } catch (LlmProviderException e) {
                SEEN.add(deltas + " | " + e.isTransient() + " | " + e.getMessage());
            }
        }
    }

    @Test
    void aCutStreamDeliversItsFirstEventsThenFailsWithoutRetryingWhileTheRecordingKeepsTheWholeAnswer() {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            script(server);
            engine.run(StreamCutFixture.class, against(server, "record"))
                    .testEvents()
                    .assertStatistics(s -> s.succeeded(1).failed(0));
            assertThat(server.requestCount()).isEqualTo(1);
        }
        JsonNode entry =
                engine.cassetteJson(StreamCutFixture.class).path("entries").get(0);
        assertThat(entry.toString()).contains("[DONE]");
        engine.run(StreamCutFixture.class, against(null, "replay"))
                .testEvents()
                .assertStatistics(s -> s.succeeded(1).failed(0));
        assertThat(SEEN)
                .hasSize(2)
                .allSatisfy(
                        seen -> assertThat(seen)
                                .doesNotContain("completed")
                                .contains(
                                        "| true | openai:gpt-4o-mini /chat/completions failed after 2 stream events (not retried"));
        assertThat(SEEN.get(0)).isEqualTo(SEEN.get(1));
        assertThat(faults(calls().get(0))).singleElement().asString().startsWith("stream_cut: stream cut after 2 of ");
    }

    @Model("openai:gpt-4o-mini")
    static class ContentFilterFixture {
        @LlmTest
        @LlmFault(value = Kind.CONTENT_FILTER, onCall = 2)
        void filtered(LlmClient llm) {
            SEEN.add(llm.chat("What is the refund window?").finishReason() + "");
            LlmResponse second = llm.chat("What is the refund window?");
            SEEN.add(second.finishReason() + " '" + second.text() + "'");
            LlmResponse third = llm.chatStream(LlmRequest.ofUser("What is the refund window?"), d -> {});
            SEEN.add(third.finishReason() + "");
        }
    }

    @Model("anthropic:claude-haiku-4-5")
    static class RefusalFixture {
        @LlmTest
        @LlmFault(value = Kind.CONTENT_FILTER, calls = LlmFault.ALL)
        void refused(LlmClient llm) {
            SEEN.add(llm.chat("What is the refund window?").finishReason() + "");
            SEEN.add(llm.chatStream(LlmRequest.ofUser("What is the refund window?"), d -> {})
                            .finishReason()
                    + "");
        }
    }

    @Test
    void aContentFilterFinishesTheCallInEachProvidersOwnWords() {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            script(server);
            engine.run(ContentFilterFixture.class, against(server, "record"))
                    .testEvents()
                    .assertStatistics(s -> s.succeeded(1).failed(0));
            assertThat(server.requestCount())
                    .as("the filtered call never went out")
                    .isEqualTo(2);
        }
        assertThat(SEEN).containsExactly("STOP", "CONTENT_FILTER ''", "STOP");
        assertThat(faults(calls().get(1))).containsExactly("content_filter: finish_reason content_filter");
        // the results keep each provider's own finish reason, the stream's from its last chunk
        assertThat(calls())
                .extracting(c -> c.path("finishReason").asText())
                .containsExactly("stop", "content_filter", "stop");

        engine.run(RefusalFixture.class, against(null, "replay"))
                .testEvents()
                .assertStatistics(s -> s.succeeded(1).failed(0));
        assertThat(SEEN.subList(3, 5)).containsExactly("REFUSAL", "REFUSAL");
        assertThat(faults(calls().get(0))).containsExactly("content_filter: stop_reason refusal");
        assertThat(calls()).extracting(c -> c.path("finishReason").asText()).containsExactly("refusal", "refusal");
        assertThat(calls())
                .as("made up by the fault, not read from the cassette")
                .extracting(c -> c.path("replayed").asBoolean())
                .containsExactly(false, false);
    }

    @Model("openai:gpt-4o-mini")
    static class MalformedFixture {
        @LlmTest
        @LlmFault(value = Kind.MALFORMED_JSON, calls = LlmFault.ALL)
        void malformed(LlmClient llm) {
            assertThatThrownBy(() -> llm.chat("What is the refund window?"))
                    .isInstanceOf(LlmProviderException.class)
                    .hasMessageContaining("answered HTTP 200 with a body that is not a JSON object");
            assertThatThrownBy(() -> llm.chatStream(LlmRequest.ofUser("Stream the answer"), d -> {}))
                    .isInstanceOf(RuntimeException.class);
            SEEN.add("checked");
        }
    }

    @Test
    void malformedJsonFailsTheCallWithoutRetrying() {
        engine.run(MalformedFixture.class, against(null, "replay"))
                .testEvents()
                .assertStatistics(s -> s.succeeded(1).failed(0));
        assertThat(SEEN).containsExactly("checked");
        assertThat(calls())
                .hasSize(2)
                .allSatisfy(c ->
                        assertThat(faults(c)).containsExactly("malformed_json: HTTP 200 with a body that is not JSON"));
    }

    @Model("openai:gpt-4o-mini")
    static class TimeoutFixture {
        @LlmTest
        @LlmFault(value = Kind.TIMEOUT, delay = "150ms")
        void timesOut(LlmClient llm) {
            try {
                llm.chat("What is the refund window?");
            } catch (LlmProviderException e) {
                SEEN.add(e.isTransient() + " " + e.getMessage());
            }
        }
    }

    @Test
    void aTimeoutWaitsThenFailsAsTimedOut() {
        engine.run(TimeoutFixture.class, against(null, "replay", LlmConfiguration.MAX_RETRIES, "0"))
                .testEvents()
                .assertStatistics(s -> s.succeeded(1).failed(0));
        assertThat(SEEN)
                .singleElement()
                .asString()
                .startsWith("true openai:gpt-4o-mini /chat/completions timed out after 1 attempt");
        assertThat(calls().get(0).path("latencyMs").asLong()).isGreaterThanOrEqualTo(150);
        assertThat(faults(calls().get(0))).containsExactly("timeout: no answer for 150 ms");
    }

    @Model("openai:gpt-4o-mini")
    static class SlowFixture {
        @LlmTest
        @LlmFault(value = Kind.SLOW_FIRST_TOKEN, delay = "300ms")
        void slow(LlmClient llm) {
            LlmResponse r = llm.chatStream(LlmRequest.ofUser("Stream the answer"), d -> {});
            SEEN.add(r.text() + " " + r.timeToFirstToken().orElseThrow().compareTo(Duration.ofMillis(300)));
        }
    }

    @Test
    void aSlowFirstTokenDelaysTheRealAnswer() {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            script(server);
            engine.run(SlowFixture.class, against(server, "record"))
                    .testEvents()
                    .assertStatistics(s -> s.succeeded(1).failed(0));
        }
        assertThat(SEEN)
                .singleElement()
                .asString()
                .startsWith("one two three four five six")
                .doesNotEndWith("-1");
        assertThat(calls().get(0).path("timeToFirstTokenMs").asLong()).isGreaterThanOrEqualTo(300);
        assertThat(calls().get(0).path("latencyMs").asLong()).isGreaterThanOrEqualTo(300);
    }

    // ── a rate with a seed, per sample ─────────────────────────────────────────────────────────

    @Model("openai:gpt-4o-mini")
    static class SeededFixture {
        @LlmTest
        @LlmFault(value = Kind.SERVER_ERROR, calls = LlmFault.ALL, rate = 0.5, seed = 42)
        void flaky(LlmClient llm) {
            StringBuilder pattern = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                try {
                    llm.chat("What is the refund window?");
                    pattern.append('.');
                } catch (LlmProviderException e) {
                    pattern.append(e.status() == 500 ? 'x' : '?');
                }
            }
            SEEN.add(pattern.toString());
        }
    }

    @Test
    void aRateWithASeedHitsTheSameCallsOnEveryRun() {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            script(server);
            engine.run(SeededFixture.class, against(server, "record", LlmConfiguration.MAX_RETRIES, "0"))
                    .testEvents()
                    .assertStatistics(s -> s.succeeded(1).failed(0));
            assertThat(server.requestCount())
                    .isEqualTo((int) SEEN.get(0).chars().filter(c -> c == '.').count());
        }
        engine.run(SeededFixture.class, against(null, "replay", LlmConfiguration.MAX_RETRIES, "0"))
                .testEvents()
                .assertStatistics(s -> s.succeeded(1).failed(0));
        assertThat(SEEN).hasSize(2);
        assertThat(SEEN.get(1))
                .isEqualTo(SEEN.get(0))
                .doesNotContain("?")
                .contains("x")
                .contains(".");
        long hits = SEEN.get(0).chars().filter(c -> c == 'x').count();
        assertThat(hits).isBetween(4L, 16L);
    }

    // ── judges are never faulted; a bad annotation is a clear error ────────────────────────────

    @Model("openai:gpt-4o-mini")
    static class BadFaultFixture {
        @LlmTest
        @LlmFault(value = Kind.RATE_LIMITED, onCall = 0)
        void answers(LlmClient llm) {
            llm.chat("What is the refund window?");
        }
    }

    @Test
    void anInvalidAttributeFailsTheTestNamingTheAnnotationAndWhatIsAllowed() {
        var events = engine.run(BadFaultFixture.class, against(null, "replay")).testEvents();
        EngineRuns.assertOneTestFailed(
                events,
                ParameterResolutionException.class,
                m -> m.endsWith(": @LlmFault(RATE_LIMITED) on BadFaultFixture#answers: onCall = 0 is not allowed;"
                        + " give a call number from 1"));
    }
}
