package dev.junitllm.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.StopReason;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junitllm.LlmFault;
import dev.junitllm.LlmFault.Kind;
import dev.junitllm.LlmProxy;
import dev.junitllm.LlmTest;
import dev.junitllm.Model;
import dev.junitllm.testkit.ScriptedLlmServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Injected faults as the official SDKs meet them through {@link LlmProxy}: the error bodies and headers
 * are the providers' own, so openai-java and anthropic-java retry (honouring {@code Retry-After}), give
 * up and parse filtered answers as they would in production. Recorded against a scripted server, then
 * replayed offline; the faulted attempts are never recorded.
 */
class FaultsThroughSdksTest {

    static final List<String> SEEN = new CopyOnWriteArrayList<>();

    @BeforeEach
    void reset() {
        SEEN.clear();
    }

    static OpenAIClient openAi(LlmProxy proxy) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(proxy.baseUrl("openai"))
                .apiKey(SdkRuns.SDK_KEY)
                .maxRetries(2)
                .build();
    }

    static ChatCompletionCreateParams refundQuestion() {
        return ChatCompletionCreateParams.builder()
                .model("gpt-4o-mini")
                .addUserMessage("What is the refund window?")
                .build();
    }

    static class OpenAiRetriesFixture {
        @LlmTest
        @Model("openai:gpt-4o-mini")
        @LlmFault(value = Kind.RATE_LIMITED, retryAfter = 2)
        @LlmFault(value = Kind.SERVER_ERROR, onCall = 2)
        void retriesA429AfterItsRetryAfterAndA500ThenAnswers(LlmProxy proxy) {
            long start = System.nanoTime();
            ChatCompletion c = openAi(proxy).chat().completions().create(refundQuestion());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            SEEN.add(c.choices().get(0).message().content().orElseThrow() + " after " + took.toMillis());
        }
    }

    static class OpenAiStormFixture {
        @LlmTest
        @Model("openai:gpt-4o-mini")
        @LlmFault(value = Kind.RATE_LIMITED, calls = LlmFault.ALL, retryAfter = 0)
        void givesUpAfterItsRetries(LlmProxy proxy) {
            try {
                openAi(proxy).chat().completions().create(refundQuestion());
                SEEN.add("answered");
            } catch (OpenAIServiceException e) {
                SEEN.add(e.getClass().getSimpleName() + " " + e.statusCode() + " "
                        + e.body().toString());
            }
        }
    }

    static class AnthropicFixture {
        static AnthropicClient client(LlmProxy proxy) {
            return AnthropicOkHttpClient.builder()
                    .baseUrl(proxy.baseUrl("anthropic"))
                    .apiKey(SdkRuns.SDK_KEY)
                    .putHeader("x-api-key", SdkRuns.SDK_KEY)
                    .maxRetries(2)
                    .build();
        }

        @LlmTest
        @Model("anthropic:claude-haiku-4-5")
        @LlmFault(value = Kind.OVERLOADED, retryAfter = 0)
        @LlmFault(value = Kind.CONTENT_FILTER, onCall = 3)
        void retriesA529ThenReadsARefusal(LlmProxy proxy) {
            AnthropicClient client = client(proxy);
            Message first = client.messages()
                    .create(AnthropicJavaProxyTest.Fixture.ask("What is the refund window?")
                            .build());
            SEEN.add(AnthropicJavaProxyTest.Fixture.text(first) + " "
                    + first.stopReason().orElseThrow());
            Message second = client.messages()
                    .create(AnthropicJavaProxyTest.Fixture.ask("What is the refund window?")
                            .build());
            SEEN.add(second.content().size() + " "
                    + second.stopReason().orElseThrow().equals(StopReason.REFUSAL));
        }
    }

    private static List<String> faults(JsonNode call) {
        return StreamSupport.stream(call.path("faults").spliterator(), false)
                .map(JsonNode::asText)
                .toList();
    }

    @Test
    void openAiJavaRetriesA429HonouringRetryAfterAndA500ThenReplaysOffline(@TempDir Path dir) {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            SdkRuns.script(server);
            SdkRuns.assertPassed(SdkRuns.record(OpenAiRetriesFixture.class, server, dir), 1);
            assertThat(server.requestCount())
                    .as("only the answered attempt went out")
                    .isEqualTo(1);
        }
        assertThat(SdkRuns.allFiles(dir.resolve("cassettes")))
                .contains("Refunds within 30 days.")
                .doesNotContain("rate_limit_exceeded")
                .doesNotContain("server_error")
                .doesNotContain("injected by junit-llm");
        SdkRuns.assertPassed(SdkRuns.replay(OpenAiRetriesFixture.class, dir), 1);

        assertThat(SEEN).hasSize(2).allSatisfy(seen -> {
            assertThat(seen).startsWith("Refunds within 30 days. after ");
            long millis = Long.parseLong(seen.substring(seen.lastIndexOf(' ') + 1));
            assertThat(millis).as("waited the 2 s the 429 asked for").isGreaterThanOrEqualTo(2000);
        });
        List<JsonNode> calls = SdkRuns.calls(SdkRuns.results(dir, "replay"));
        assertThat(calls).hasSize(3);
        assertThat(faults(calls.get(0))).containsExactly("rate_limited: HTTP 429, retry-after 2");
        assertThat(calls.get(0).path("error").asText()).startsWith("HTTP 429: ").contains("rate_limit_exceeded");
        assertThat(faults(calls.get(1))).containsExactly("server_error: HTTP 500");
        assertThat(calls.get(2).has("faults")).isFalse();
        assertThat(calls.get(2).path("replayed").asBoolean()).isTrue();
        assertThat(calls.get(2).path("response").asText()).isEqualTo("Refunds within 30 days.");
    }

    @Test
    void openAiJavaGivesUpUnderA429StormWithItsRateLimitException(@TempDir Path dir) {
        SdkRuns.assertPassed(SdkRuns.replay(OpenAiStormFixture.class, dir), 1);
        assertThat(SEEN)
                .singleElement()
                .asString()
                .startsWith("RateLimitException 429 ")
                .contains("rate_limit_exceeded");
        assertThat(SdkRuns.calls(SdkRuns.results(dir, "replay")))
                .as("the first attempt and openai-java's two retries")
                .hasSize(3)
                .allSatisfy(c -> assertThat(faults(c)).containsExactly("rate_limited: HTTP 429, retry-after 0"));
    }

    @Test
    void anthropicJavaRetriesA529AndReadsARefusal(@TempDir Path dir) {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            SdkRuns.script(server);
            SdkRuns.assertPassed(SdkRuns.record(AnthropicFixture.class, server, dir), 1);
            assertThat(server.requestCount()).isEqualTo(1);
        }
        SdkRuns.assertPassed(SdkRuns.replay(AnthropicFixture.class, dir), 1);
        assertThat(SEEN)
                .containsExactly(
                        "Refunds within 30 days. end_turn", "0 true", "Refunds within 30 days. end_turn", "0 true");
        List<JsonNode> calls = SdkRuns.calls(SdkRuns.results(dir, "replay"));
        assertThat(calls).hasSize(3);
        assertThat(faults(calls.get(0))).containsExactly("overloaded: HTTP 529, retry-after 0");
        assertThat(calls.get(0).path("error").asText()).contains("overloaded_error");
        assertThat(calls.get(1).has("faults")).isFalse();
        assertThat(faults(calls.get(2))).containsExactly("content_filter: stop_reason refusal");
    }
}
