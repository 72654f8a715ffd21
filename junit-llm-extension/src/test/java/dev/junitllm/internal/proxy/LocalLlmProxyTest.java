package dev.junitllm.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junitllm.CallRole;
import dev.junitllm.LlmMode;
import dev.junitllm.internal.cassette.Cassette;
import dev.junitllm.internal.cassette.CassetteStore;
import dev.junitllm.internal.cassette.CassetteTransport;
import dev.junitllm.internal.cassette.Fixtures;
import dev.junitllm.internal.client.Exchange;
import dev.junitllm.internal.client.ExchangeResult;
import dev.junitllm.internal.client.SseEvent;
import dev.junitllm.internal.client.Transport;
import dev.junitllm.internal.redact.Redactor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalLlmProxyTest {
    private static final String CLASS = "dev.example.ProxyTest";
    private static final String TEST = CLASS + "#anthropic";

    @TempDir
    Path dir;

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<Exchange> exchanges = Collections.synchronizedList(new ArrayList<>());
    private final List<ExchangeResult> results = Collections.synchronizedList(new ArrayList<>());
    private final ProxyListener listener = (exchange, result, receivedAt) -> {
        exchanges.add(exchange);
        results.add(result);
    };
    private final AtomicInteger liveCalls = new AtomicInteger();

    private static final List<SseEvent> ANTHROPIC_EVENTS = List.of(
            new SseEvent(
                    "message_start",
                    "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"claude-haiku-4-5-20251001\","
                            + "\"usage\":{\"input_tokens\":10,\"output_tokens\":1}}}"),
            new SseEvent(
                    "content_block_start",
                    "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"),
            new SseEvent("ping", "{\"type\": \"ping\"}"),
            new SseEvent(
                    "content_block_delta",
                    "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}"),
            new SseEvent("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"),
            new SseEvent(
                    "message_delta",
                    "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":2}}"),
            new SseEvent("message_stop", "{\"type\":\"message_stop\"}"));

    /** An in-memory provider: Anthropic streams, OpenAI JSON, and a 429 for the prompt "limit". */
    private final Transport provider = (exchange, onEvent) -> {
        liveCalls.incrementAndGet();
        if ("limit"
                .equals(dev.junitllm.internal.cassette.Fixtures.json(
                                exchange.body().toString())
                        .at("/messages/0/content")
                        .asText())) {
            return new ExchangeResult(
                    429,
                    Fixtures.json("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit_error\"}}"),
                    List.of(),
                    "req_429",
                    Duration.ofMillis(3),
                    null,
                    Instant.now(),
                    false);
        }
        if (exchange.streaming()) {
            ANTHROPIC_EVENTS.forEach(onEvent);
            return new ExchangeResult(
                    200,
                    null,
                    ANTHROPIC_EVENTS,
                    "req_s",
                    Duration.ofMillis(30),
                    Duration.ofMillis(5),
                    Instant.now(),
                    false);
        }
        if (exchange.path().equals("/embeddings")) {
            return new ExchangeResult(
                    200,
                    Fixtures.json(
                            "{\"data\":[{\"index\":0,\"embedding\":[0.1,-0.2,0.3]}],\"model\":\"text-embedding-3-small\","
                                    + "\"usage\":{\"prompt_tokens\":2,\"total_tokens\":2}}"),
                    List.of(),
                    "req_e",
                    Duration.ofMillis(4),
                    null,
                    Instant.now(),
                    false);
        }
        return new ExchangeResult(
                200,
                Fixtures.json(Fixtures.completion("plain")),
                List.of(),
                "req_p",
                Duration.ofMillis(4),
                null,
                Instant.now(),
                false);
    };

    private HttpResponse<String> post(String url, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .header("x-api-key", "fake-anthropic-key-never-stored-000000")
                        .header("anthropic-version", "2023-06-01")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static final String ANTHROPIC_STREAM_REQUEST =
            "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":64,\"stream\":true,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"Say hi\"}]}";

    private static String expectedSse() {
        StringBuilder text = new StringBuilder();
        for (SseEvent event : ANTHROPIC_EVENTS) {
            text.append("event: ").append(event.event()).append('\n');
            text.append("data: ").append(event.data()).append("\n\n");
        }
        return text.toString();
    }

    @Test
    void anthropicStreamsAreRecordedAndReplayedAsServerSentEvents() throws Exception {
        CassetteStore store = new CassetteStore(dir, Redactor.none(), true);
        Cassette recording = store.cassette(CLASS);
        String live;
        try (LocalLlmProxy proxy = LocalLlmProxy.start(
                new CassetteTransport(recording, LlmMode.RECORD, provider, TEST, () -> 0), CallRole.MODEL, listener)) {
            HttpResponse<String> response = post(proxy.baseUrl("anthropic") + "/v1/messages", ANTHROPIC_STREAM_REQUEST);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
            live = response.body();
        }
        recording.close();
        assertThat(live).isEqualTo(expectedSse());
        assertThat(exchanges).singleElement().satisfies(e -> {
            assertThat(e.model().toString()).isEqualTo("anthropic:claude-haiku-4-5");
            assertThat(e.path()).isEqualTo("/v1/messages");
            assertThat(e.streaming()).isTrue();
            assertThat(e.role()).isEqualTo(CallRole.MODEL);
        });

        Cassette replaying = new CassetteStore(dir, Redactor.none(), true).cassette(CLASS);
        try (LocalLlmProxy proxy = LocalLlmProxy.start(
                new CassetteTransport(replaying, LlmMode.REPLAY, null, TEST, () -> 0), CallRole.MODEL, listener)) {
            HttpResponse<String> response = post(proxy.baseUrl("anthropic") + "/v1/messages", ANTHROPIC_STREAM_REQUEST);
            assertThat(response.statusCode()).isEqualTo(200);
            // the same events; JSON data re-serialized compactly ("type": "ping" loses its space)
            assertThat(response.body()).isEqualTo(expectedSse().replace("{\"type\": \"ping\"}", "{\"type\":\"ping\"}"));
        }
        assertThat(liveCalls).hasValue(1);
        assertThat(results).extracting(ExchangeResult::replayed).containsExactly(false, true);
    }

    @Test
    void eventsStreamAsTheyComeAndTheListenerHearsBeforeTheLastOne() throws Exception {
        java.util.concurrent.CountDownLatch firstSeen = new java.util.concurrent.CountDownLatch(1);
        Transport slow = (exchange, onEvent) -> {
            onEvent.accept(ANTHROPIC_EVENTS.get(0));
            onEvent.accept(ANTHROPIC_EVENTS.get(1)); // pushes the first one out
            try {
                assertThat(firstSeen.await(10, java.util.concurrent.TimeUnit.SECONDS))
                        .isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            ANTHROPIC_EVENTS.subList(2, ANTHROPIC_EVENTS.size()).forEach(onEvent);
            return new ExchangeResult(
                    200, null, ANTHROPIC_EVENTS, null, Duration.ZERO, Duration.ZERO, Instant.now(), false);
        };
        java.util.concurrent.atomic.AtomicBoolean heard = new java.util.concurrent.atomic.AtomicBoolean();
        List<Boolean> heardWhenSeen = new ArrayList<>();
        try (LocalLlmProxy proxy = LocalLlmProxy.start(slow, CallRole.MODEL, (e, r, at) -> heard.set(true))) {
            HttpResponse<java.util.stream.Stream<String>> response = http.send(
                    HttpRequest.newBuilder(URI.create(proxy.baseUrl("anthropic") + "/v1/messages"))
                            .POST(HttpRequest.BodyPublishers.ofString(ANTHROPIC_STREAM_REQUEST))
                            .build(),
                    HttpResponse.BodyHandlers.ofLines());
            response.body().filter(line -> line.startsWith("event: ")).forEach(line -> {
                heardWhenSeen.add(heard.get());
                firstSeen.countDown();
            });
        }
        assertThat(heardWhenSeen).hasSize(ANTHROPIC_EVENTS.size());
        assertThat(heardWhenSeen.get(0)).isFalse(); // the first event arrived while the call was still running
        assertThat(heardWhenSeen.get(heardWhenSeen.size() - 1)).isTrue();
    }

    @Test
    void aStreamThatBreaksHalfWayEndsWithAnErrorEvent() throws Exception {
        Transport breaking = (exchange, onEvent) -> {
            onEvent.accept(ANTHROPIC_EVENTS.get(0));
            onEvent.accept(ANTHROPIC_EVENTS.get(1));
            throw new dev.junitllm.LlmException("connection reset by provider");
        };
        List<RuntimeException> failures = new ArrayList<>();
        ProxyListener onFailure = new ProxyListener() {
            @Override
            public void onExchange(Exchange exchange, ExchangeResult result, Instant receivedAt) {}

            @Override
            public void onFailure(Exchange exchange, RuntimeException error, Instant receivedAt) {
                failures.add(error);
            }
        };
        try (LocalLlmProxy proxy = LocalLlmProxy.start(breaking, CallRole.MODEL, onFailure)) {
            HttpResponse<String> response = post(proxy.baseUrl("anthropic") + "/v1/messages", ANTHROPIC_STREAM_REQUEST);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body())
                    .startsWith("event: message_start\n")
                    .contains("event: content_block_start\n")
                    .endsWith("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"junit_llm_proxy_error\","
                            + "\"message\":\"connection reset by provider\"}}\n\n");
        }
        assertThat(failures)
                .singleElement()
                .extracting(Throwable::getMessage)
                .isEqualTo("connection reset by provider");
    }

    @Test
    void openAiJsonAndEmbeddingsPassThroughWithTheirPaths() throws Exception {
        Cassette cassette = new CassetteStore(dir, Redactor.none(), true).cassette(CLASS);
        try (LocalLlmProxy proxy = LocalLlmProxy.start(
                new CassetteTransport(cassette, LlmMode.AUTO, provider, TEST, () -> 0), CallRole.JUDGE, listener)) {
            HttpResponse<String> chat = post(
                    proxy.baseUrl("openai") + "/chat/completions",
                    Fixtures.chatBody("Hi", false).toString());
            HttpResponse<String> embedding = post(
                    proxy.baseUrl("openai") + "/embeddings",
                    "{\"model\":\"text-embedding-3-small\",\"input\":\"refund\"}");
            assertThat(chat.statusCode()).isEqualTo(200);
            assertThat(chat.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(chat.headers().firstValue("x-request-id")).hasValue("req_p");
            assertThat(Fixtures.json(chat.body())
                            .at("/choices/0/message/content")
                            .asText())
                    .isEqualTo("plain");
            JsonNode vector = Fixtures.json(embedding.body()).at("/data/0/embedding");
            assertThat(vector.get(1).asDouble()).isEqualTo(-0.2);
        }
        assertThat(exchanges).extracting(Exchange::path).containsExactly("/chat/completions", "/embeddings");
        assertThat(exchanges).extracting(Exchange::role).containsOnly(CallRole.JUDGE);
        assertThat(exchanges)
                .extracting(e -> e.model().toString())
                .containsExactly("openai:gpt-4o-mini", "openai:text-embedding-3-small");
    }

    @Test
    void providerErrorsPassThroughAndAreNotRecorded() throws Exception {
        Cassette cassette = new CassetteStore(dir, Redactor.none(), true).cassette(CLASS);
        try (LocalLlmProxy proxy = LocalLlmProxy.start(
                new CassetteTransport(cassette, LlmMode.RECORD, provider, TEST, () -> 0), CallRole.MODEL, listener)) {
            HttpResponse<String> response = post(
                    proxy.baseUrl("openai") + "/chat/completions",
                    "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"limit\"}]}");
            assertThat(response.statusCode()).isEqualTo(429);
            assertThat(response.body()).contains("Rate limit reached");
        }
        cassette.close();
        assertThat(Fixtures.filesUnder(dir)).isEmpty();
        assertThat(results).extracting(ExchangeResult::status).containsExactly(429);
    }

    @Test
    void aMissIsA404WithTheMessageInTheProvidersErrorShape() throws Exception {
        Cassette cassette = new CassetteStore(dir, Redactor.none(), true).cassette(CLASS);
        List<RuntimeException> failures = new ArrayList<>();
        ProxyListener recordingFailures = new ProxyListener() {
            @Override
            public void onExchange(Exchange exchange, ExchangeResult result, Instant receivedAt) {}

            @Override
            public void onFailure(Exchange exchange, RuntimeException error, Instant receivedAt) {
                failures.add(error);
            }
        };
        try (LocalLlmProxy proxy = LocalLlmProxy.start(
                new CassetteTransport(cassette, LlmMode.REPLAY, null, TEST, () -> 0),
                CallRole.MODEL,
                recordingFailures)) {
            HttpResponse<String> anthropic =
                    post(proxy.baseUrl("anthropic") + "/v1/messages", ANTHROPIC_STREAM_REQUEST);
            assertThat(anthropic.statusCode()).isEqualTo(404);
            assertThat(anthropic.headers().firstValue("x-should-retry")).hasValue("false");
            JsonNode error = Fixtures.json(anthropic.body());
            assertThat(error.get("type").asText()).isEqualTo("error");
            assertThat(error.at("/error/type").asText()).isEqualTo("junit_llm_missing_recording");
            assertThat(error.at("/error/message").asText())
                    .contains(
                            "No recording in cassette",
                            "\"Say hi\"",
                            "mvn test -Dllm.mode=record -Dtest=ProxyTest#anthropic");

            HttpResponse<String> openai = post(
                    proxy.baseUrl("openai") + "/chat/completions",
                    Fixtures.chatBody("x", false).toString());
            assertThat(Fixtures.json(openai.body()).at("/error/message").asText())
                    .contains("No recording in cassette");
        }
        assertThat(failures).hasSize(2);
    }

    @Test
    void acceptsBaseUrlsWithAndWithoutTheVersionSegment() throws Exception {
        try (LocalLlmProxy proxy = LocalLlmProxy.start(provider, CallRole.MODEL, listener)) {
            String root = "http://127.0.0.1:" + proxy.port();
            String chat = Fixtures.chatBody("Hi", false).toString();
            String messages = "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":8,\"messages\":[]}";
            for (String path : List.of(
                    "/openai/chat/completions", "/openai/v1/chat/completions", "/openai/v1/v1/chat/completions")) {
                assertThat(post(root + path, chat).statusCode()).as(path).isEqualTo(200);
            }
            for (String path : List.of("/anthropic/messages", "/anthropic/v1/messages", "/anthropic/v1/v1/messages")) {
                assertThat(post(root + path, messages).statusCode()).as(path).isEqualTo(200);
            }
            assertThat(post(root + "/ollama/v1/chat/completions", chat).statusCode())
                    .isEqualTo(200);
            assertThat(post(root + "/openai/v1/", chat).statusCode()).isEqualTo(404);
        }
        assertThat(exchanges)
                .extracting(e -> e.model().provider() + " " + e.path())
                .containsExactly(
                        "openai /chat/completions",
                        "openai /chat/completions",
                        "openai /chat/completions",
                        "anthropic /v1/messages",
                        "anthropic /v1/messages",
                        "anthropic /v1/messages",
                        "ollama /chat/completions");
    }

    @Test
    void rejectsWhatItCannotRecord() throws Exception {
        try (LocalLlmProxy proxy = LocalLlmProxy.start(provider, CallRole.MODEL, listener)) {
            String root = "http://127.0.0.1:" + proxy.port();
            assertThat(post(root + "/elsewhere/v1/chat", "{}").statusCode()).isEqualTo(404);
            assertThat(post(root + "/openai/v1/chat/completions", "not json").body())
                    .contains("not a JSON object");
            assertThat(post(root + "/openai/v1/chat/completions", "[1]").statusCode())
                    .isEqualTo(400);
            assertThat(post(root + "/openai/v1/chat/completions", "{\"messages\":[]}")
                            .body())
                    .contains("has no \\\"model\\\"");
            HttpResponse<String> get = http.send(
                    HttpRequest.newBuilder(URI.create(root + "/openai/v1/models"))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).isEqualTo(405);
            assertThat(get.body()).contains("only POST model calls");
        }
        assertThat(liveCalls).hasValue(0);
    }

    @Test
    void baseUrlsFollowWhatEachSdkExpects() {
        try (LocalLlmProxy proxy = LocalLlmProxy.start(provider, CallRole.MODEL, ProxyListener.NONE)) {
            assertThat(proxy.baseUrl("openai")).isEqualTo("http://127.0.0.1:" + proxy.port() + "/openai/v1");
            assertThat(proxy.baseUrl("anthropic")).isEqualTo("http://127.0.0.1:" + proxy.port() + "/anthropic");
            assertThat(proxy.baseUrl("OLLAMA")).isEqualTo("http://127.0.0.1:" + proxy.port() + "/ollama/v1");
            assertThatThrownBy(() -> proxy.baseUrl("gemini"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(
                            "LlmProxy.baseUrl(\"gemini\"): unknown provider; allowed are openai, anthropic, ollama");
        }
    }

    @Test
    void closingStopsTheServer() throws Exception {
        LocalLlmProxy proxy = LocalLlmProxy.start(provider, CallRole.MODEL, listener);
        String url = proxy.baseUrl("openai") + "/chat/completions";
        proxy.close();
        assertThatThrownBy(() -> post(url, "{}")).isInstanceOf(java.io.IOException.class);
    }
}
