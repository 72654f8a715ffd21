package dev.junitllm.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junitllm.CallRole;
import dev.junitllm.LlmFault.Kind;
import dev.junitllm.internal.client.Exchange;
import dev.junitllm.internal.client.ExchangeResult;
import dev.junitllm.internal.client.SseEvent;
import dev.junitllm.internal.client.Transport;
import dev.junitllm.internal.fault.FaultPlan;
import dev.junitllm.internal.fault.FaultSpec;
import dev.junitllm.internal.fault.FiredFaults;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What an SDK sees on the wire when the {@link LocalLlmProxy} injects a fault: each provider's status,
 * headers and error body, a closed or silent connection, a cut or malformed stream, a filtered answer.
 * Checked with the JDK's HTTP client against the proxy on 127.0.0.1.
 */
class ProxyFaultsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OPENAI_CHAT =
            "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"What is the refund window?\"}]}";
    private static final String OPENAI_STREAM = OPENAI_CHAT.replace("}]}", "}],\"stream\":true}");
    private static final String ANTHROPIC_CHAT = "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":100,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"What is the refund window?\"}]}";

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicInteger transportCalls = new AtomicInteger();
    private final List<String> recorded = Collections.synchronizedList(new ArrayList<>());

    private final List<SseEvent> events = List.of(
            new SseEvent(null, chunk("Refunds ")),
            new SseEvent(null, chunk("within ")),
            new SseEvent(null, chunk("30 days.")),
            new SseEvent(null, "[DONE]"));

    private static String chunk(String text) {
        return "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"content\":\"" + text + "\"},\"finish_reason\":null}]}";
    }

    /** The cassette stand-in: a real answer for every call. */
    private final Transport answers = (exchange, onEvent) -> {
        transportCalls.incrementAndGet();
        if (exchange.streaming()) {
            events.forEach(onEvent);
            return new ExchangeResult(200, null, events, null, Duration.ofMillis(5), Duration.ofMillis(1), null, true);
        }
        JsonNode body = exchange.model().provider().equals("anthropic")
                ? json("{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-haiku-4-5\","
                        + "\"content\":[{\"type\":\"text\",\"text\":\"Refunds within 30 days.\"}],\"stop_reason\":"
                        + "\"end_turn\",\"usage\":{\"input_tokens\":5,\"output_tokens\":5}}")
                : json(
                        "{\"id\":\"c1\",\"object\":\"chat.completion\",\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,"
                                + "\"message\":{\"role\":\"assistant\",\"content\":\"Refunds within 30 days.\"},"
                                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":5,"
                                + "\"total_tokens\":10}}");
        return new ExchangeResult(200, body, List.of(), null, Duration.ofMillis(5), null, null, true);
    };

    private final ProxyListener listener = new ProxyListener() {
        @Override
        public void onExchange(Exchange exchange, ExchangeResult result, Instant receivedAt) {
            // made up by the fault, or the answer of the transport behind it (a provider or a cassette)
            recorded.add(result.status() + (result.injected() ? " injected " : " ") + FiredFaults.take());
        }

        @Override
        public void onFailure(Exchange exchange, RuntimeException error, Instant receivedAt) {
            recorded.add("failed " + FiredFaults.take() + " " + error.getMessage());
        }
    };

    private static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private LocalLlmProxy proxy(FaultSpec... faults) {
        return LocalLlmProxy.start(answers, CallRole.MODEL, listener, new FaultPlan(List.of(faults)));
    }

    private static FaultSpec fault(Kind kind, int retryAfter) {
        return new FaultSpec(kind, 1, 1, 1.0, 0, null, retryAfter, null, -1, "@LlmFault(" + kind + ")");
    }

    private HttpResponse<String> post(LocalLlmProxy proxy, String provider, String path, String body)
            throws IOException, InterruptedException {
        return http.send(request(proxy, provider, path, body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(LocalLlmProxy proxy, String provider, String path, String body) {
        return HttpRequest.newBuilder(URI.create(proxy.baseUrl(provider) + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    @Test
    void aRateLimitIsOpenAisOwn429WithRetryAfterAndTheNextCallGetsTheRealAnswer() throws Exception {
        try (LocalLlmProxy proxy = proxy(fault(Kind.RATE_LIMITED, 1))) {
            HttpResponse<String> limited = post(proxy, "openai", "/chat/completions", OPENAI_CHAT);
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("retry-after")).contains("1");
            assertThat(limited.headers().firstValue("x-request-id"))
                    .hasValueSatisfying(id -> assertThat(id).startsWith("req-junitllm-fault-"));
            assertThat(limited.headers().firstValue("content-type")).contains("application/json");
            JsonNode error = json(limited.body()).path("error");
            assertThat(error.path("code").asText()).isEqualTo("rate_limit_exceeded");
            assertThat(error.path("type").asText()).isEqualTo("requests");
            assertThat(error.has("param")).isTrue();
            assertThat(error.path("message").asText())
                    .startsWith("Rate limit reached for gpt-4o-mini")
                    .endsWith("(injected by junit-llm @LlmFault)");

            HttpResponse<String> answered = post(proxy, "openai", "/chat/completions", OPENAI_CHAT);
            assertThat(answered.statusCode()).isEqualTo(200);
            assertThat(answered.body()).contains("Refunds within 30 days.");
        }
        assertThat(transportCalls).hasValue(1);
        assertThat(recorded).containsExactly("429 injected [rate_limited: HTTP 429, retry-after 1]", "200 []");
    }

    @Test
    void anthropicFaultsUseItsErrorShapeAnd529ForOverload() throws Exception {
        try (LocalLlmProxy proxy = proxy(
                fault(Kind.OVERLOADED, -1),
                new FaultSpec(Kind.QUOTA_EXHAUSTED, 2, 1, 1.0, 0, null, -1, null, -1, "q"))) {
            HttpResponse<String> overloaded = post(proxy, "anthropic", "/v1/messages", ANTHROPIC_CHAT);
            assertThat(overloaded.statusCode()).isEqualTo(529);
            assertThat(overloaded.headers().firstValue("retry-after")).isEmpty();
            assertThat(overloaded.headers().firstValue("request-id")).isPresent();
            JsonNode body = json(overloaded.body());
            assertThat(body.path("type").asText()).isEqualTo("error");
            assertThat(body.at("/error/type").asText()).isEqualTo("overloaded_error");
            assertThat(body.at("/error/message").asText()).startsWith("Overloaded");
            assertThat(body.path("request_id").asText())
                    .isEqualTo(overloaded.headers().firstValue("request-id").orElseThrow());

            HttpResponse<String> billing = post(proxy, "anthropic", "/v1/messages", ANTHROPIC_CHAT);
            assertThat(billing.statusCode()).isEqualTo(402);
            assertThat(json(billing.body()).at("/error/type").asText()).isEqualTo("billing_error");
        }
        assertThat(transportCalls).hasValue(0);
    }

    @Test
    void openAiQuotaServerErrorAndUnavailableFollowOpenAisErrorCodes() throws Exception {
        try (LocalLlmProxy proxy = proxy(
                fault(Kind.QUOTA_EXHAUSTED, 5),
                new FaultSpec(Kind.SERVER_ERROR, 2, 1, 1.0, 0, null, -1, null, -1, "s"),
                new FaultSpec(Kind.SERVICE_UNAVAILABLE, 3, 1, 1.0, 0, null, 2, null, -1, "u"),
                new FaultSpec(Kind.OVERLOADED, 4, 1, 1.0, 0, null, -1, null, -1, "o"))) {
            HttpResponse<String> quota = post(proxy, "openai", "/chat/completions", OPENAI_CHAT);
            assertThat(quota.statusCode()).isEqualTo(429);
            assertThat(quota.headers().firstValue("retry-after"))
                    .as("waiting does not help")
                    .isEmpty();
            assertThat(json(quota.body()).at("/error/code").asText()).isEqualTo("insufficient_quota");
            assertThat(json(quota.body()).at("/error/type").asText()).isEqualTo("insufficient_quota");

            HttpResponse<String> server = post(proxy, "openai", "/chat/completions", OPENAI_CHAT);
            assertThat(server.statusCode()).isEqualTo(500);
            assertThat(json(server.body()).at("/error/type").asText()).isEqualTo("server_error");
            assertThat(json(server.body()).at("/error/code").isNull()).isTrue();

            HttpResponse<String> unavailable = post(proxy, "openai", "/chat/completions", OPENAI_CHAT);
            assertThat(unavailable.statusCode()).isEqualTo(503);
            assertThat(unavailable.headers().firstValue("retry-after")).contains("2");

            HttpResponse<String> overloaded = post(proxy, "openai", "/chat/completions", OPENAI_CHAT);
            assertThat(overloaded.statusCode()).as("OpenAI has no 529").isEqualTo(503);
            assertThat(json(overloaded.body()).at("/error/message").asText()).contains("overloaded");
        }
    }

    @Test
    void aConnectionResetClosesTheConnectionWithoutAStatusLine() {
        try (LocalLlmProxy proxy = proxy(fault(Kind.CONNECTION_RESET, -1))) {
            assertThatThrownBy(() -> post(proxy, "openai", "/chat/completions", OPENAI_CHAT))
                    .isInstanceOf(IOException.class);
        }
        assertThat(transportCalls).hasValue(0);
        assertThat(recorded).singleElement().asString().startsWith("failed [connection_reset: connection closed");
    }

    @Test
    void theListenerHearsWhenTheProxyReceivedEachCallAnsweredOrFailed() throws Exception {
        List<String> heard = Collections.synchronizedList(new ArrayList<>());
        List<Instant> started = Collections.synchronizedList(new ArrayList<>());
        List<Instant> told = Collections.synchronizedList(new ArrayList<>());
        ProxyListener timed = new ProxyListener() {
            @Override
            public void onExchange(Exchange exchange, ExchangeResult result, Instant startedAt) {
                heard.add("answered " + result.status());
                started.add(startedAt);
                told.add(Instant.now());
            }

            @Override
            public void onFailure(Exchange exchange, RuntimeException error, Instant startedAt) {
                heard.add("failed");
                started.add(startedAt);
                told.add(Instant.now());
            }
        };
        Transport slow = (exchange, onEvent) -> {
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return answers.execute(exchange, onEvent);
        };
        Instant before = Instant.now();
        try (LocalLlmProxy proxy = LocalLlmProxy.start(
                slow, CallRole.MODEL, timed, new FaultPlan(List.of(fault(Kind.CONNECTION_RESET, -1))))) {
            assertThatThrownBy(() -> post(proxy, "openai", "/chat/completions", OPENAI_CHAT))
                    .isInstanceOf(IOException.class);
            assertThat(post(proxy, "openai", "/chat/completions", OPENAI_CHAT).statusCode())
                    .isEqualTo(200);
        }

        assertThat(heard).containsExactly("failed", "answered 200");
        assertThat(started.get(0)).isAfterOrEqualTo(before).isBeforeOrEqualTo(told.get(0));
        assertThat(started.get(1)).isAfterOrEqualTo(told.get(0));
        // received before the 150 ms the provider took, not when the answer came back
        assertThat(Duration.between(started.get(1), told.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(140));
    }

    @Test
    void aTimeoutKeepsTheConnectionSilentUntilTheClientGivesUp() {
        FaultSpec silence =
                new FaultSpec(Kind.TIMEOUT, 1, 1, 1.0, 0, null, -1, Duration.ofSeconds(5), -1, "@LlmFault(TIMEOUT)");
        long start = System.nanoTime();
        try (LocalLlmProxy proxy = proxy(silence)) {
            assertThatThrownBy(() -> http.send(
                            request(proxy, "openai", "/chat/completions", OPENAI_CHAT)
                                    .timeout(Duration.ofMillis(300))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(HttpTimeoutException.class);
            assertThat(recorded).singleElement().asString().startsWith("failed [timeout: no answer for 5000 ms]");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("closing the proxy ends the silence")
                .isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void aCutStreamStopsBeforeItsTerminalEventAndTheClientSeesAnIncompleteBody() throws Exception {
        FaultSpec cut = new FaultSpec(Kind.STREAM_CUT, 1, 1, 1.0, 0, null, -1, null, 2, "@LlmFault(STREAM_CUT)");
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        try (LocalLlmProxy proxy = proxy(cut)) {
            assertThatThrownBy(() -> http.send(
                                    request(proxy, "openai", "/chat/completions", OPENAI_STREAM)
                                            .build(),
                                    HttpResponse.BodyHandlers.ofLines())
                            .body()
                            .forEach(lines::add))
                    .hasRootCauseInstanceOf(IOException.class);
        }
        assertThat(String.join("\n", lines))
                .contains("Refunds ")
                .contains("within ")
                .doesNotContain("30 days.");
        assertThat(lines).doesNotContain("data: [DONE]");
        assertThat(recorded)
                .singleElement()
                .asString()
                .startsWith("failed [stream_cut: stream cut after 2 of 4 events]");
    }

    @Test
    void malformedJsonIsA200ThatDoesNotParse() throws Exception {
        try (LocalLlmProxy proxy = proxy(new FaultSpec(Kind.MALFORMED_JSON, 1, 2, 1.0, 0, null, -1, null, -1, "m"))) {
            HttpResponse<String> plain = post(proxy, "openai", "/chat/completions", OPENAI_CHAT);
            assertThat(plain.statusCode()).isEqualTo(200);
            assertThatThrownBy(() -> JSON.readTree(plain.body())).isInstanceOf(IOException.class);

            HttpResponse<String> stream = post(proxy, "openai", "/chat/completions", OPENAI_STREAM);
            assertThat(stream.statusCode()).isEqualTo(200);
            assertThat(stream.headers().firstValue("content-type")).contains("text/event-stream");
            String firstData = stream.body()
                    .lines()
                    .filter(l -> l.startsWith("data: "))
                    .findFirst()
                    .orElseThrow();
            assertThatThrownBy(() -> JSON.readTree(firstData.substring(6))).isInstanceOf(IOException.class);
        }
        assertThat(transportCalls).hasValue(0);
    }

    @Test
    void aContentFilterIsAFinishedAnswerInEachProvidersWords() throws Exception {
        try (LocalLlmProxy proxy = proxy(new FaultSpec(Kind.CONTENT_FILTER, 1, 3, 1.0, 0, null, -1, null, -1, "c"))) {
            JsonNode openai =
                    json(post(proxy, "openai", "/chat/completions", OPENAI_CHAT).body());
            assertThat(openai.at("/choices/0/finish_reason").asText()).isEqualTo("content_filter");
            assertThat(openai.at("/choices/0/message/content").isNull()).isTrue();
            assertThat(openai.path("object").asText()).isEqualTo("chat.completion");

            String stream =
                    post(proxy, "openai", "/chat/completions", OPENAI_STREAM).body();
            assertThat(stream).contains("\"finish_reason\":\"content_filter\"").endsWith("data: [DONE]\n\n");

            JsonNode anthropic = json(
                    post(proxy, "anthropic", "/v1/messages", ANTHROPIC_CHAT).body());
            assertThat(anthropic.path("stop_reason").asText()).isEqualTo("refusal");
            assertThat(anthropic.path("type").asText()).isEqualTo("message");
            assertThat(anthropic.path("content")).isEmpty();
        }
        assertThat(recorded)
                .containsExactly(
                        "200 injected [content_filter: finish_reason content_filter]",
                        "200 injected [content_filter: finish_reason content_filter]",
                        "200 injected [content_filter: stop_reason refusal]");
    }

    @Test
    void aSlowFirstTokenHoldsTheRealAnswerBack() throws Exception {
        FaultSpec slow = new FaultSpec(
                Kind.SLOW_FIRST_TOKEN, 1, 1, 1.0, 0, null, -1, Duration.ofMillis(400), -1, "@LlmFault(SLOW)");
        try (LocalLlmProxy proxy = proxy(slow)) {
            long start = System.nanoTime();
            HttpResponse<String> r = post(proxy, "openai", "/chat/completions", OPENAI_STREAM);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
            assertThat(r.body()).contains("30 days.").contains("[DONE]");
        }
        assertThat(recorded).containsExactly("200 [slow_first_token: first byte after 400 ms]");
    }

    @Test
    void judgesAndEmbeddingsAreNeverFaulted() throws Exception {
        try (LocalLlmProxy proxy = LocalLlmProxy.start(
                answers, CallRole.JUDGE, listener, new FaultPlan(List.of(fault(Kind.SERVER_ERROR, -1))))) {
            assertThat(post(proxy, "openai", "/chat/completions", OPENAI_CHAT).statusCode())
                    .isEqualTo(200);
        }
        assertThat(recorded).containsExactly("200 []");
    }
}
