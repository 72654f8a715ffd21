package dev.junitllm.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junitllm.LlmProviderException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RetryTest {

    static final String OK = OpenAiChatTest.COMPLETION;
    static final String RATE_LIMITED = """
            {"error":{"message":"Rate limit reached for gpt-4o-mini in organization org-1 on requests per min (RPM): Limit 3, Used 3, Requested 1.","type":"requests","param":null,"code":"rate_limit_exceeded"}}
            """;

    @RegisterExtension
    final Fixture f = new Fixture();

    static MockResponse status(int code, String body, String... headers) {
        MockResponse.Builder b = new MockResponse.Builder()
                .code(code)
                .addHeader("Content-Type", "application/json")
                .body(body);
        for (int i = 0; i < headers.length; i += 2) {
            b.addHeader(headers[i], headers[i + 1]);
        }
        return b.build();
    }

    @Test
    void honoursRetryAfterSeconds() {
        f.server.enqueue(status(429, RATE_LIMITED, "retry-after", "2"));
        f.enqueueJson(OK);

        assertThat(f.client("openai:gpt-4o-mini").chat("hi").text()).contains("30 days");
        assertThat(f.server.getRequestCount()).isEqualTo(2);
        assertThat(f.sleeps).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void retryAfterMsWinsOverRetryAfter() {
        f.server.enqueue(status(429, RATE_LIMITED, "retry-after-ms", "1500", "retry-after", "9"));
        f.enqueueJson(OK);

        f.client("openai:gpt-4o-mini").chat("hi");

        assertThat(f.sleeps).containsExactly(Duration.ofMillis(1500));
    }

    @Test
    void retryAfterAsHttpDateIsMeasuredFromNowAndCapped() {
        f.clock = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
        f.config.put("llm.retry.max-wait", "30s");
        f.server.enqueue(status(503, "{}", "retry-after", "Fri, 27 Nov 2026 10:00:07 GMT"));
        f.server.enqueue(status(503, "{}", "retry-after", "Fri, 27 Nov 2026 11:00:00 GMT"));
        f.enqueueJson(OK);

        f.client("openai:gpt-4o-mini").chat("hi");

        assertThat(f.sleeps).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(30));
    }

    @Test
    void withoutRetryAfterBacksOffExponentiallyWithJitter() {
        f.config.put("llm.retries", "3");
        f.server.enqueue(status(500, "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}"));
        f.server.enqueue(status(502, "<html>Bad gateway</html>"));
        f.server.enqueue(status(408, "{}"));
        f.enqueueJson(OK);

        f.client("openai:gpt-4o-mini").chat("hi");

        assertThat(f.sleeps).hasSize(3);
        assertThat(f.sleeps.get(0)).isBetween(Duration.ofMillis(375), Duration.ofMillis(500));
        assertThat(f.sleeps.get(1)).isBetween(Duration.ofMillis(750), Duration.ofMillis(1000));
        assertThat(f.sleeps.get(2)).isBetween(Duration.ofMillis(1500), Duration.ofMillis(2000));
    }

    @Test
    void attemptsAreBoundedAndTheErrorCarriesProviderMessageStatusAndRequestId() {
        f.config.put("llm.retries", "2");
        for (int i = 0; i < 5; i++) {
            f.server.enqueue(status(
                    503,
                    "{\"error\":{\"message\":\"The server is overloaded\",\"type\":\"server_error\"}}",
                    "x-request-id",
                    "req_" + i,
                    "retry-after",
                    "1"));
        }

        assertThatThrownBy(() -> f.client("openai:gpt-4o-mini").chat("hi"))
                .isInstanceOfSatisfying(LlmProviderException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.requestId()).isEqualTo("req_2");
                    assertThat(e.providerMessage()).isEqualTo("The server is overloaded");
                    assertThat(e.errorType()).isEqualTo("server_error");
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.getMessage())
                            .contains("openai:gpt-4o-mini /chat/completions failed with HTTP 503")
                            .contains("The server is overloaded")
                            .contains("req_2")
                            .contains("after 3 attempts");
                });
        assertThat(f.server.getRequestCount()).isEqualTo(3);
        assertThat(f.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertThat(f.calls).singleElement().satisfies(c -> assertThat(c.error()).contains("HTTP 503"));
    }

    @Test
    void badRequestsAreNeverRetried() {
        f.server.enqueue(status(
                400,
                "{\"error\":{\"message\":\"Invalid value for 'temperature'\",\"type\":\"invalid_request_error\",\"param\":\"temperature\",\"code\":null}}",
                "x-request-id",
                "req_bad"));

        assertThatThrownBy(() -> f.client("openai:gpt-4o-mini").chat("hi"))
                .isInstanceOfSatisfying(LlmProviderException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errorType()).isEqualTo("invalid_request_error");
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.getMessage())
                            .contains("Invalid value for 'temperature'")
                            .contains("req_bad");
                });
        assertThat(f.server.getRequestCount()).isEqualTo(1);
        assertThat(f.sleeps).isEmpty();
    }

    @Test
    void aSpendLimit429IsNotRetried() {
        f.server.enqueue(status(
                429,
                "{\"error\":{\"message\":\"You exceeded your current quota, please check your plan and billing details.\",\"type\":\"insufficient_quota\",\"param\":null,\"code\":\"insufficient_quota\"}}",
                "retry-after",
                "1"));
        f.enqueueJson(OK);

        assertThatThrownBy(() -> f.client("openai:gpt-4o-mini").chat("hi"))
                .isInstanceOfSatisfying(LlmProviderException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.errorType()).isEqualTo("insufficient_quota");
                    assertThat(e.getMessage()).contains("spend limit or quota is reached");
                });
        assertThat(f.server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void anthropicOverloaded529IsRetriedAndItsErrorShapeIsRead() {
        f.config.put("llm.retries", "1");
        String overloaded = """
                {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"}
                """;
        f.server.enqueue(status(529, overloaded));
        f.server.enqueue(status(529, overloaded));

        assertThatThrownBy(() -> f.client("anthropic:claude-haiku-4-5").chat("hi"))
                .isInstanceOfSatisfying(LlmProviderException.class, e -> {
                    assertThat(e.status()).isEqualTo(529);
                    assertThat(e.errorType()).isEqualTo("overloaded_error");
                    assertThat(e.providerMessage()).isEqualTo("Overloaded");
                    assertThat(e.requestId()).isEqualTo("req_011CSHoEeqs5C35K2UUqR7Fy");
                    assertThat(e.getMessage()).contains("after 2 attempts");
                });
        assertThat(f.server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void xShouldRetryFalseIsRespected() {
        f.server.enqueue(status(500, "{}", "x-should-retry", "false"));

        assertThatThrownBy(() -> f.client("openai:gpt-4o-mini").chat("hi")).isInstanceOf(LlmProviderException.class);
        assertThat(f.server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void connectionFailuresAreRetried() {
        f.server.enqueue(new MockResponse.Builder()
                .onRequestStart(new SocketEffect.CloseSocket(true, false, false))
                .build());
        f.enqueueJson(OK);

        assertThat(f.client("openai:gpt-4o-mini").chat("hi").text()).contains("30 days");
        assertThat(f.sleeps).hasSize(1);
    }

    @Test
    void aSlowServerTimesOutAfterTheConfiguredTimeout() {
        f.config.put("llm.timeout", "300ms");
        f.config.put("llm.retries", "0");
        f.server.enqueue(new MockResponse.Builder()
                .headersDelay(3, TimeUnit.SECONDS)
                .body(OK)
                .build());

        long start = System.nanoTime();
        assertThatThrownBy(() -> f.client("openai:gpt-4o-mini").chat("hi"))
                .isInstanceOfSatisfying(LlmProviderException.class, e -> {
                    assertThat(e.status()).isZero();
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.getMessage()).contains("timed out after 1 attempt");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void invalidConfigurationNamesKeyValueAndWhatIsAllowed() {
        f.config.put("llm.retries", "many");
        assertThatThrownBy(() -> f.transport())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("llm.retries=many is not allowed: give a whole number from 0 to 10");

        f.config.remove("llm.retries");
        f.config.put("llm.timeout", "fast");
        assertThatThrownBy(() -> f.transport())
                .hasMessageContaining("llm.timeout=fast is not allowed")
                .hasMessageContaining("30s");

        f.config.remove("llm.timeout");
        f.config.put("llm.concurrency", "0");
        assertThatThrownBy(() -> f.transport()).hasMessageContaining("llm.concurrency=0");

        f.config.remove("llm.concurrency");
        f.config.put("llm.openai.base-url", "not a url");
        assertThatThrownBy(() -> f.transport()).hasMessageContaining("llm.openai.base-url=not a url");
    }

    @Test
    void durationsInSeveralForms() {
        assertThat(HttpTransportConfig.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(HttpTransportConfig.parseDuration("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(HttpTransportConfig.parseDuration("45")).isEqualTo(Duration.ofSeconds(45));
        assertThat(HttpTransportConfig.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(HttpTransportConfig.parseDuration("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
        assertThat(HttpTransportConfig.parseDuration("soon")).isNull();
    }
}
