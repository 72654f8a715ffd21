package dev.junitllm.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junitllm.LlmFault;
import dev.junitllm.LlmFault.Kind;
import dev.junitllm.LlmProxy;
import dev.junitllm.LlmTest;
import dev.junitllm.Model;
import dev.junitllm.testkit.ScriptedLlmServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.api.OpenAiApi;
import org.springframework.ai.retry.NonTransientAiException;
import org.springframework.ai.retry.RetryUtils;
import org.springframework.ai.retry.TransientAiException;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.retry.support.RetryTemplate;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.ResponseErrorHandler;

/**
 * Spring AI 1.1's OpenAI {@code ChatModel} under injected faults through {@link LlmProxy}: what its
 * retry (spring-retry's {@code RetryTemplate} and {@code RetryUtils}' error handler) makes of the
 * providers' own error bodies. Spring AI classifies by status only: a 4xx is a {@code
 * NonTransientAiException} and is not retried, 429 included, unless the error handler says otherwise (as
 * {@code spring.ai.retry.on-http-codes=429} does in Spring Boot); a 5xx is a {@code TransientAiException},
 * retried with the template's backoff, never reading {@code Retry-After}. Recorded against a scripted
 * server, then replayed offline; the faulted attempts are never recorded.
 */
class SpringAiUnderFaultsTest {

    static final List<String> SEEN = new CopyOnWriteArrayList<>();

    /** Retries like Spring AI's own defaults, but 100 ms apart instead of 2 s, 10 s, 50 s, 180 s... */
    static final Duration SHORT_BACKOFF = Duration.ofMillis(100);

    @BeforeEach
    void reset() {
        SEEN.clear();
    }

    /** Spring AI as a plain (non-Boot) user builds it: the builders' defaults, retry template included. */
    static OpenAiChatModel withDefaults(LlmProxy proxy) {
        return OpenAiChatModel.builder()
                .openAiApi(OpenAiApi.builder()
                        .baseUrl(proxy.baseUrl("openai"))
                        .apiKey(SdkRuns.SDK_KEY)
                        .build())
                .defaultOptions(OpenAiChatOptions.builder().model("gpt-4o-mini").build())
                .build();
    }

    /**
     * Spring AI with a 429 treated as transient (what {@code spring.ai.retry.on-http-codes=429} configures
     * in Spring Boot) and a retry template of {@code attempts} attempts, {@link #SHORT_BACKOFF} apart.
     */
    static OpenAiChatModel retrying429(LlmProxy proxy, int attempts) {
        ResponseErrorHandler on429 = new ResponseErrorHandler() {
            @Override
            public boolean hasError(ClientHttpResponse response) throws IOException {
                return response.getStatusCode().isError();
            }

            @Override
            public void handleError(URI url, HttpMethod method, ClientHttpResponse response) throws IOException {
                String message = response.getStatusCode().value() + " - "
                        + StreamUtils.copyToString(response.getBody(), StandardCharsets.UTF_8);
                if (response.getStatusCode().value() == 429
                        || response.getStatusCode().is5xxServerError()) {
                    throw new TransientAiException(message);
                }
                throw new NonTransientAiException(message);
            }
        };
        return OpenAiChatModel.builder()
                .openAiApi(OpenAiApi.builder()
                        .baseUrl(proxy.baseUrl("openai"))
                        .apiKey(SdkRuns.SDK_KEY)
                        .responseErrorHandler(on429)
                        .build())
                .defaultOptions(OpenAiChatOptions.builder().model("gpt-4o-mini").build())
                .retryTemplate(shortRetries(attempts))
                .build();
    }

    /** Spring AI's default retry policy (what it retries on, how many attempts) with a short backoff. */
    static RetryTemplate shortRetries(int attempts) {
        return RetryTemplate.builder()
                .maxAttempts(attempts)
                .retryOn(TransientAiException.class)
                .retryOn(ResourceAccessException.class)
                .fixedBackoff(SHORT_BACKOFF)
                .build();
    }

    /** Asks the refund question; notes the answer, or the exception's type and message, and the time taken. */
    static void ask(OpenAiChatModel model) {
        long start = System.nanoTime();
        String outcome;
        try {
            outcome = "answered " + model.call("What is the refund window?");
        } catch (RuntimeException e) {
            outcome = e.getClass().getSimpleName() + " " + e.getMessage();
        }
        SEEN.add(outcome + " | " + Duration.ofNanos(System.nanoTime() - start).toMillis());
    }

    static class DefaultsFixture {
        @LlmTest
        @Model("openai:gpt-4o-mini")
        @LlmFault(value = Kind.RATE_LIMITED, retryAfter = 0)
        void meetsOne429WithItsDefaults(LlmProxy proxy) {
            ask(withDefaults(proxy));
        }
    }

    static class Retries429Fixture {
        @LlmTest
        @Model("openai:gpt-4o-mini")
        @LlmFault(value = Kind.RATE_LIMITED, retryAfter = 0)
        void retriesOne429WhenTold(LlmProxy proxy) {
            ask(retrying429(proxy, 10));
        }
    }

    static class StormFixture {
        @LlmTest
        @Model("openai:gpt-4o-mini")
        @LlmFault(value = Kind.SERVER_ERROR, calls = LlmFault.ALL)
        void givesUpUnderA500Storm(LlmProxy proxy) {
            ask(OpenAiChatModel.builder()
                    .openAiApi(OpenAiApi.builder()
                            .baseUrl(proxy.baseUrl("openai"))
                            .apiKey(SdkRuns.SDK_KEY)
                            .build())
                    .defaultOptions(
                            OpenAiChatOptions.builder().model("gpt-4o-mini").build())
                    .retryTemplate(RetryUtils.SHORT_RETRY_TEMPLATE)
                    .build());
        }

        @LlmTest
        @Model("openai:gpt-4o-mini")
        @LlmFault(value = Kind.RATE_LIMITED, calls = LlmFault.ALL, retryAfter = 0)
        void givesUpUnderA429Storm(LlmProxy proxy) {
            ask(retrying429(proxy, 3));
        }
    }

    static class ContentFilterFixture {
        @LlmTest
        @Model("openai:gpt-4o-mini")
        @LlmFault(value = Kind.CONTENT_FILTER)
        void readsAFilteredAnswer(LlmProxy proxy) {
            ChatResponse response = withDefaults(proxy).call(new Prompt("What is the refund window?"));
            SEEN.add(response.getResult().getMetadata().getFinishReason() + " | "
                    + response.getResult().getOutput().getText() + " | "
                    + response.getMetadata().getUsage().getTotalTokens());
        }
    }

    private static List<String> faults(JsonNode call) {
        return StreamSupport.stream(call.path("faults").spliterator(), false)
                .map(JsonNode::asText)
                .toList();
    }

    private static long millis(String seen) {
        return Long.parseLong(seen.substring(seen.lastIndexOf(' ') + 1));
    }

    @Test
    void withItsDefaultsSpringAiDoesNotRetryA429(@TempDir Path dir) {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            SdkRuns.script(server);
            SdkRuns.assertPassed(SdkRuns.record(DefaultsFixture.class, server, dir), 1);
            assertThat(server.requestCount()).as("the 429 was not retried").isZero();
        }
        SdkRuns.assertPassed(SdkRuns.replay(DefaultsFixture.class, dir), 1);

        assertThat(SEEN)
                .hasSize(2)
                .allSatisfy(seen -> assertThat(seen)
                        .startsWith("NonTransientAiException 429 - {")
                        .contains("rate_limit_exceeded")
                        .contains("injected by junit-llm @LlmFault"));
        assertThat(SdkRuns.calls(SdkRuns.results(dir, "replay")))
                .singleElement()
                .satisfies(c -> {
                    assertThat(faults(c)).containsExactly("rate_limited: HTTP 429, retry-after 0");
                    assertThat(c.path("error").asText()).startsWith("HTTP 429: ");
                });
    }

    @Test
    void toldThatA429IsTransientSpringAiRetriesItAndAnswersThenReplaysOffline(@TempDir Path dir) {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            SdkRuns.script(server);
            SdkRuns.assertPassed(SdkRuns.record(Retries429Fixture.class, server, dir), 1);
            assertThat(server.requestCount()).as("only the retry went out").isEqualTo(1);
        }
        assertThat(SdkRuns.allFiles(dir.resolve("cassettes")))
                .contains("Refunds within 30 days.")
                .doesNotContain("rate_limit_exceeded")
                .doesNotContain("injected by junit-llm");
        SdkRuns.assertPassed(SdkRuns.replay(Retries429Fixture.class, dir), 1);

        assertThat(SEEN).hasSize(2).allSatisfy(seen -> {
            assertThat(seen).startsWith("answered Refunds within 30 days. | ");
            assertThat(millis(seen)).as("waited the template's backoff").isGreaterThanOrEqualTo(100);
        });
        List<JsonNode> calls = SdkRuns.calls(SdkRuns.results(dir, "replay"));
        assertThat(calls).hasSize(2);
        assertThat(faults(calls.get(0))).containsExactly("rate_limited: HTTP 429, retry-after 0");
        assertThat(calls.get(1).has("faults")).isFalse();
        assertThat(calls.get(1).path("replayed").asBoolean()).isTrue();
        assertThat(calls.get(1).path("response").asText()).isEqualTo("Refunds within 30 days.");
    }

    @Test
    void underAStormSpringAiGivesUpAfterItsAttemptsWithTransientAiException(@TempDir Path dir) {
        SdkRuns.assertPassed(SdkRuns.replay(StormFixture.class, dir), 2);

        assertThat(SEEN).hasSize(2);
        String serverErrors =
                SEEN.stream().filter(s -> s.contains(" 500 - ")).findFirst().orElseThrow();
        assertThat(serverErrors).startsWith("TransientAiException 500 - {").contains("server_error");
        assertThat(millis(serverErrors))
                .as("nine waits of RetryUtils.SHORT_RETRY_TEMPLATE's 100 ms")
                .isGreaterThanOrEqualTo(900);
        String rateLimits =
                SEEN.stream().filter(s -> s.contains(" 429 - ")).findFirst().orElseThrow();
        assertThat(rateLimits).startsWith("TransientAiException 429 - {").contains("rate_limit_exceeded");

        List<JsonNode> calls = SdkRuns.calls(SdkRuns.results(dir, "replay"));
        assertThat(calls.stream().filter(c -> faults(c).equals(List.of("server_error: HTTP 500"))))
                .as("SHORT_RETRY_TEMPLATE's ten attempts")
                .hasSize(10);
        assertThat(calls.stream().filter(c -> faults(c).equals(List.of("rate_limited: HTTP 429, retry-after 0"))))
                .as("the three attempts the template allows")
                .hasSize(3);
        assertThat(calls).hasSize(13);
    }

    @Test
    void aContentFilteredAnswerComesBackWithFinishReasonContentFilter(@TempDir Path dir) {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            SdkRuns.script(server);
            SdkRuns.assertPassed(SdkRuns.record(ContentFilterFixture.class, server, dir), 1);
            assertThat(server.requestCount()).isZero();
        }
        SdkRuns.assertPassed(SdkRuns.replay(ContentFilterFixture.class, dir), 1);

        assertThat(SEEN).containsExactly("CONTENT_FILTER | null | 0", "CONTENT_FILTER | null | 0");
        assertThat(SdkRuns.calls(SdkRuns.results(dir, "replay")))
                .singleElement()
                .satisfies(c -> assertThat(faults(c)).containsExactly("content_filter: finish_reason content_filter"));
    }
}
