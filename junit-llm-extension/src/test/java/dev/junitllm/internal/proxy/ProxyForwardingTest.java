package dev.junitllm.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junitllm.CallRole;
import dev.junitllm.internal.client.HttpTransport;
import dev.junitllm.internal.client.HttpTransportConfig;
import dev.junitllm.internal.cost.Budget;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What reaches the provider when an SDK calls through the proxy in record or live mode. */
class ProxyForwardingTest {
    private static final String MESSAGE = "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"model\":\"claude-haiku-4-5\",\"content\":[{\"type\":\"text\",\"text\":\"Hi\"}],"
            + "\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}";

    private final MockWebServer server = new MockWebServer();
    private final HttpClient sdk =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private HttpTransport transport;
    private LocalLlmProxy proxy;

    @BeforeEach
    void start() throws Exception {
        server.start();
        Map<String, String> config = Map.of(
                "llm.anthropic.base-url", server.url("/").toString(),
                "llm.openai.base-url", server.url("/v1").toString());
        Map<String, String> env =
                Map.of("ANTHROPIC_API_KEY", "env-anthropic-key-123456", "OPENAI_API_KEY", "env-openai-key-123456");
        transport = new HttpTransport(
                HttpTransportConfig.from(k -> Optional.ofNullable(config.get(k)), env::get), Budget.unlimited());
        proxy = LocalLlmProxy.start(transport, CallRole.MODEL, ProxyListener.NONE);
    }

    @AfterEach
    void stop() {
        proxy.close();
        transport.close();
        server.close();
    }

    private HttpResponse<String> post(String url, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return sdk.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void forwardsWhatTheSdkSentItsKeyIncludedButNoHopByHopHeaders() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .addHeader("Content-Type", "application/json")
                .body(MESSAGE)
                .build());

        HttpResponse<String> response = post(
                proxy.baseUrl("anthropic") + "/v1/messages",
                "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "x-api-key",
                "sdk-anthropic-key-987654",
                "anthropic-version",
                "2025-01-01",
                "anthropic-beta",
                "prompt-caching-2024-07-31",
                "X-Team-Header",
                "blue",
                "Proxy-Authorization",
                "Basic c2VjcmV0",
                "TE",
                "trailers");

        assertThat(response.statusCode()).isEqualTo(200);
        RecordedRequest received = server.takeRequest();
        assertThat(received.getHeaders().get("x-api-key")).isEqualTo("sdk-anthropic-key-987654");
        assertThat(received.getHeaders().values("anthropic-version")).containsExactly("2025-01-01");
        assertThat(received.getHeaders().get("anthropic-beta")).isEqualTo("prompt-caching-2024-07-31");
        assertThat(received.getHeaders().get("x-team-header")).isEqualTo("blue");
        assertThat(received.getHeaders().get("proxy-authorization")).isNull();
        assertThat(received.getHeaders().get("te")).isNull();
        assertThat(received.getHeaders().toString()).doesNotContain("env-anthropic-key");
    }

    @Test
    void withoutSdkCredentialsTheEnvironmentKeyAndDefaultVersionAreUsed() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .addHeader("Content-Type", "application/json")
                .body(MESSAGE)
                .build());

        post(
                proxy.baseUrl("anthropic") + "/v1/messages",
                "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        RecordedRequest received = server.takeRequest();
        assertThat(received.getHeaders().get("x-api-key")).isEqualTo("env-anthropic-key-123456");
        assertThat(received.getHeaders().get("anthropic-version")).isEqualTo("2023-06-01");
    }

    @Test
    void aProviderErrorEchoingTheSdkKeyReachesTheSdkRedacted() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(401)
                .addHeader("Content-Type", "application/json")
                .body("{\"error\":{\"message\":\"Incorrect API key provided: custom-sdk-secret-42. "
                        + "You sent Authorization: Bearer custom-sdk-secret-42\",\"type\":\"invalid_request_error\"}}")
                .build());

        HttpResponse<String> response = post(
                proxy.baseUrl("openai") + "/chat/completions",
                "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "Authorization",
                "Bearer custom-sdk-secret-42");

        assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer custom-sdk-secret-42");
        assertThat(response.body()).contains("Incorrect API key provided").doesNotContain("custom-sdk-secret-42");
    }
}
