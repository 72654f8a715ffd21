package dev.junitllm.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junitllm.LlmClient;
import dev.junitllm.LlmProviderException;
import dev.junitllm.LlmRequest;
import dev.junitllm.LlmResponse;
import dev.junitllm.internal.results.CallRecord;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FallbackTest {

    static final String UNAVAILABLE = "{\"error\":{\"message\":\"Service unavailable\",\"type\":\"server_error\"}}";

    @RegisterExtension
    final Fixture f = new Fixture();

    LlmClient llm;

    @BeforeEach
    void start() throws Exception {
        f.config.put("llm.retries", "1");
        llm = LlmClients.withFallback(f.client("openai:gpt-4o-mini"), f.client("anthropic:claude-haiku-4-5"));
    }

    @Test
    void theFallbackAnswersWhenThePrimaryStillFailsAfterItsRetries() throws Exception {
        f.server.enqueue(RetryTest.status(503, UNAVAILABLE, "x-request-id", "req_a"));
        f.server.enqueue(RetryTest.status(503, UNAVAILABLE, "x-request-id", "req_b"));
        f.enqueueJson(AnthropicChatTest.MESSAGE);

        LlmResponse r = llm.chat("How long?");

        assertThat(r.text()).isEqualTo("You can return items within 30 days.");
        assertThat(r.model()).isEqualTo("claude-haiku-4-5-20251001");
        assertThat(r.requestedModel()).isEqualTo("anthropic:claude-haiku-4-5");
        assertThat(r.fallbackReason())
                .hasValueSatisfying(reason -> assertThat(reason)
                        .startsWith("openai:gpt-4o-mini failed: ")
                        .contains("HTTP 503")
                        .contains("Service unavailable")
                        .contains("after 2 attempts"));
        assertThat(llm.modelId()).isEqualTo("openai:gpt-4o-mini");
        assertThat(f.server.getRequestCount()).isEqualTo(3);
        f.server.takeRequest(1, TimeUnit.SECONDS);
        f.server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(f.server.takeRequest(1, TimeUnit.SECONDS).getUrl().encodedPath())
                .isEqualTo("/v1/messages");

        assertThat(f.calls).hasSize(2);
        CallRecord failed = f.calls.get(0);
        assertThat(failed.model()).isEqualTo("openai:gpt-4o-mini");
        assertThat(failed.error()).contains("HTTP 503");
        CallRecord served = f.calls.get(1);
        assertThat(served.model()).isEqualTo("anthropic:claude-haiku-4-5");
        assertThat(served.providerModel()).isEqualTo("claude-haiku-4-5-20251001");
        assertThat(served.fallbackReason()).contains("openai:gpt-4o-mini failed");
        assertThat(served.error()).isNull();
    }

    @Test
    void aBadRequestIsNotHandedToTheFallback() {
        f.server.enqueue(RetryTest.status(
                400, "{\"error\":{\"message\":\"Unsupported parameter: 'seed'\",\"type\":\"invalid_request_error\"}}"));

        assertThatThrownBy(() -> llm.chat("x"))
                .isInstanceOfSatisfying(
                        LlmProviderException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThat(f.server.getRequestCount()).isEqualTo(1);
        assertThat(f.calls).hasSize(1);
    }

    @Test
    void aStreamFallsBackWhenThePrimaryFailedBeforeAnyDelta() {
        f.server.enqueue(RetryTest.status(500, UNAVAILABLE));
        f.server.enqueue(RetryTest.status(500, UNAVAILABLE));
        f.server.enqueue(Fixture.sse(StreamingTest.ANTHROPIC_STREAM));
        StreamingTest.Seen seen = new StreamingTest.Seen();

        LlmResponse r = llm.chatStream(LlmRequest.ofUser("weather?"), seen);

        assertThat(seen.text).hasToString("Let me check.");
        assertThat(r.fallbackReason()).isPresent();
        assertThat(r.requestedModel()).isEqualTo("anthropic:claude-haiku-4-5");
        assertThat(f.server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void aStreamThatAlreadyDeliveredDeltasDoesNotFallBack() {
        String truncated =
                StreamingTest.OPENAI_TEXT_STREAM.substring(0, StreamingTest.OPENAI_TEXT_STREAM.indexOf("data: [DONE]"));
        f.server.enqueue(Fixture.sse(truncated));
        f.enqueueJson(AnthropicChatTest.MESSAGE);
        StreamingTest.Seen seen = new StreamingTest.Seen();

        assertThatThrownBy(() -> llm.chatStream(LlmRequest.ofUser("hi"), seen))
                .isInstanceOf(LlmProviderException.class)
                .hasMessageContaining("terminal event");
        assertThat(seen.text).hasToString("Hello world");
        assertThat(f.server.getRequestCount()).isEqualTo(1);
    }
}
