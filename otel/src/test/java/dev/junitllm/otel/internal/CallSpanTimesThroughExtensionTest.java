package dev.junitllm.otel.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junitllm.LlmClient;
import dev.junitllm.LlmConfiguration;
import dev.junitllm.LlmContext;
import dev.junitllm.LlmException;
import dev.junitllm.LlmProxy;
import dev.junitllm.LlmRequest;
import dev.junitllm.LlmTest;
import dev.junitllm.Model;
import dev.junitllm.testkit.ScriptedLlmServer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Call spans start when the call started and carry the provider's finish reason: a case run through
 * the JUnit Platform against the scripted server, recorded and then replayed, its spans exported by
 * the SDK's in-memory exporter. Timing is asserted as order and lower bounds only.
 */
class CallSpanTimesThroughExtensionTest {

    static final long THINK_MS = 300;
    static final AttributeKey<List<String>> FINISH_REASONS =
            AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");

    @TempDir
    Path tmp;

    /** One case: chat, think, a cut answer, a stream, a failing call, a proxied call, then the judge. */
    @Model("openai:gpt-4o-mini")
    static class Calls {
        @LlmTest
        void callsApart(LlmClient llm, LlmProxy proxy) throws Exception {
            llm.chat("first question");
            TimeUnit.MILLISECONDS.sleep(THINK_MS);
            llm.chat(LlmRequest.builder()
                    .user("second question, answered at length")
                    .maxTokens(2)
                    .build());
            llm.chatStream(LlmRequest.ofUser("third question, streamed"), delta -> {});
            try {
                llm.chat("broken question");
                throw new AssertionError("the broken question must fail");
            } catch (LlmException expected) {
                // recorded as a failed call
            }
            HttpResponse<String> proxied = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(proxy.baseUrl("openai") + "/chat/completions"))
                                    .header("Content-Type", "application/json")
                                    .header("Authorization", "Bearer " + "sk" + "-" + "proxied")
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\","
                                                    + "\"content\":\"fourth question, proxied\"}]}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(proxied.statusCode()).isEqualTo(200);
            LlmContext.current()
                    .orElseThrow()
                    .judge()
                    .chat(LlmRequest.builder()
                            .system("You are a strict grader.")
                            .user("Grade: first answer")
                            .build());
        }
    }

    @BeforeEach
    void memoryExporter() {
        MemoryExporterProvider.SPANS.reset();
        System.setProperty("otel.traces.exporter", "memory");
    }

    @AfterEach
    void clear() {
        System.clearProperty("otel.traces.exporter");
    }

    private void run(ScriptedLlmServer server, String mode) {
        EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(Calls.class))
                .configurationParameter(
                        LlmConfiguration.CASSETTES_DIR, tmp.resolve("cassettes").toString())
                .configurationParameter(
                        LlmConfiguration.RESULTS_DIR,
                        tmp.resolve("results-" + mode).toString())
                .configurationParameter(LlmConfiguration.MODE, mode)
                .configurationParameter(LlmConfiguration.OPENAI_BASE_URL, server.openAiBaseUrl())
                .configurationParameter(LlmConfiguration.ANTHROPIC_BASE_URL, server.anthropicBaseUrl())
                .configurationParameter(LlmConfiguration.JUDGE_MODEL, "anthropic:claude-haiku-4-5")
                .execute()
                .testEvents()
                .assertStatistics(s -> s.succeeded(1).failed(0));
    }

    /** The scripted answers; a slow first answer when {@code slowFirst} (the first matching rule answers). */
    private static ScriptedLlmServer server(boolean slowFirst) {
        ScriptedLlmServer server = ScriptedLlmServer.start();
        if (slowFirst) {
            server.whenUserContains("first question")
                    .delay(Duration.ofMillis(200))
                    .reply("A slow answer.");
        }
        server.whenUserContains("broken").fail(400, "invalid_request_error", "scripted failure");
        server.whenUserContains("at length")
                .reply("A long answer that goes on well past the two tokens it is allowed.");
        server.whenUserContains("Grade").reply("PASS");
        server.whenUserContains("question").reply("An answer.");
        return server;
    }

    /** The case's call spans, in start order. */
    private static List<SpanData> callSpans(List<SpanData> spans, SpanData caseSpan) {
        List<SpanData> calls = new ArrayList<>(spans.stream()
                .filter(s -> s.getParentSpanId().equals(caseSpan.getSpanId()))
                .toList());
        calls.sort(Comparator.comparingLong(SpanData::getStartEpochNanos));
        return calls;
    }

    private static String input(SpanData span) {
        return String.valueOf(span.getAttributes().get(OtelResultsListener.INPUT_MESSAGES));
    }

    @Test
    void callSpansStartWhenTheCallsStartedAndCarryTheFinishReason() throws Exception {
        System.setProperty(OtelResultsListener.CAPTURE_CONTENT, "true");
        try (ScriptedLlmServer server = server(false)) {
            run(server, "record");
        } finally {
            System.clearProperty(OtelResultsListener.CAPTURE_CONTENT);
        }
        List<SpanData> spans = MemoryExporterProvider.SPANS.getFinishedSpanItems();
        SpanData caseSpan = spans.stream()
                .filter(s -> !s.getParentSpanContext().isValid())
                .findFirst()
                .orElseThrow();
        List<SpanData> calls = callSpans(spans, caseSpan);
        assertThat(calls).hasSize(6);
        // in the order the test made them: laid by their real start times
        assertThat(calls.get(0)).satisfies(s -> assertThat(input(s)).contains("first question"));
        assertThat(calls.get(1)).satisfies(s -> assertThat(input(s)).contains("second question"));
        assertThat(calls.get(2)).satisfies(s -> assertThat(input(s)).contains("third question"));
        assertThat(calls.get(3)).satisfies(s -> assertThat(input(s)).contains("broken question"));
        assertThat(calls.get(4)).satisfies(s -> assertThat(input(s)).contains("fourth question"));
        assertThat(calls.get(5)).satisfies(s -> assertThat(input(s)).contains("Grade"));

        // the think time lies between the first call's end and the second's start
        long gapNanos = calls.get(1).getStartEpochNanos() - calls.get(0).getEndEpochNanos();
        assertThat(gapNanos).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(THINK_MS - 20));
        for (int i = 1; i < calls.size(); i++) {
            assertThat(calls.get(i).getStartEpochNanos())
                    .as("call %d starts after call %d ended", i, i - 1)
                    .isGreaterThanOrEqualTo(calls.get(i - 1).getEndEpochNanos());
        }
        assertThat(calls).allSatisfy(s -> {
            assertThat(s.getStartEpochNanos()).isGreaterThanOrEqualTo(caseSpan.getStartEpochNanos());
            assertThat(s.getEndEpochNanos()).isLessThanOrEqualTo(caseSpan.getEndEpochNanos());
        });

        assertThat(calls.get(0).getAttributes().get(FINISH_REASONS)).containsExactly("stop");
        assertThat(calls.get(1).getAttributes().get(FINISH_REASONS)).containsExactly("length");
        assertThat(calls.get(2).getAttributes().get(FINISH_REASONS)).containsExactly("stop");
        assertThat(calls.get(3).getAttributes().get(FINISH_REASONS)).isNull();
        assertThat(calls.get(4).getAttributes().get(FINISH_REASONS)).containsExactly("stop");
        assertThat(calls.get(5).getAttributes().get(FINISH_REASONS)).containsExactly("end_turn");

        JsonNode results = new ObjectMapper()
                .readTree(tmp.resolve("results-record/llm-results.json").toFile())
                .at("/tests/0/cases/0/samples/0/calls");
        assertThat(results.size()).isEqualTo(6);
        JsonNode failed = results.get(3);
        assertThat(failed.path("error").asText()).contains("scripted failure");
        assertThat(failed.path("finishReason").isNull()).isTrue();
        assertThat(Instant.parse(failed.path("startedAt").asText()))
                .isAfterOrEqualTo(Instant.parse(results.at("/2/startedAt").asText()));
        assertThat(results.at("/1/finishReason").asText()).isEqualTo("length");
        assertThat(results.at("/5/finishReason").asText()).isEqualTo("end_turn");
    }

    @Test
    void aReplayedCallStartsInTheReplayAndKeepsItsRecordedLatency() throws Exception {
        Instant replayBegan;
        try (ScriptedLlmServer server = server(true)) {
            run(server, "record");
            MemoryExporterProvider.SPANS.reset();
            replayBegan = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            run(server, "replay");
        }
        ObjectMapper json = new ObjectMapper();
        JsonNode recorded = json.readTree(
                        tmp.resolve("results-record/llm-results.json").toFile())
                .at("/tests/0/cases/0/samples/0/calls/0");
        JsonNode replayed = json.readTree(
                        tmp.resolve("results-replay/llm-results.json").toFile())
                .at("/tests/0/cases/0/samples/0/calls/0");
        assertThat(replayed.path("replayed").asBoolean()).isTrue();
        assertThat(replayed.path("latencyMs").asLong())
                .isEqualTo(recorded.path("latencyMs").asLong())
                .isGreaterThanOrEqualTo(200);
        assertThat(replayed.path("finishReason").asText()).isEqualTo("stop");

        List<SpanData> spans = MemoryExporterProvider.SPANS.getFinishedSpanItems();
        SpanData first = spans.stream()
                .filter(s -> s.getParentSpanContext().isValid())
                .min(Comparator.comparingLong(SpanData::getStartEpochNanos))
                .orElseThrow();
        long replayBeganNanos = TimeUnit.SECONDS.toNanos(replayBegan.getEpochSecond()) + replayBegan.getNano();
        assertThat(first.getStartEpochNanos()).isGreaterThanOrEqualTo(replayBeganNanos);
        assertThat(first.getEndEpochNanos() - first.getStartEpochNanos())
                .isEqualTo(
                        TimeUnit.MILLISECONDS.toNanos(replayed.path("latencyMs").asLong()));
    }
}
