package dev.junitllm.internal.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junitllm.CallRole;
import dev.junitllm.LlmClient;
import dev.junitllm.ModelId;
import dev.junitllm.internal.cost.Budget;
import dev.junitllm.internal.cost.PriceTable;
import dev.junitllm.internal.results.CallRecord;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A MockWebServer, started for each test, and a transport pointed at it, with fake keys, a recording
 * sleeper and a call log. Register per test instance: {@code @RegisterExtension final Fixture f = new
 * Fixture();} (it runs before the test class's own {@code @BeforeEach} methods).
 */
final class Fixture implements BeforeEachCallback, AfterEachCallback {

    final MockWebServer server = new MockWebServer();
    final Map<String, String> config = new HashMap<>();
    final Map<String, String> env = new HashMap<>();
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    final List<CallRecord> calls = new CopyOnWriteArrayList<>();
    Budget budget = Budget.unlimited();
    PriceTable prices = PriceTable.bundled();
    Clock clock = Clock.systemUTC();
    Runnable onSleep = () -> {};
    private HttpTransport transport;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        server.start();
        config.put("llm.openai.base-url", server.url("/v1").toString());
        config.put("llm.anthropic.base-url", server.url("/").toString());
        config.put("llm.ollama.base-url", server.url("/ollama/v1").toString());
        env.put("OPENAI_API_KEY", "fake-openai-key");
        env.put("ANTHROPIC_API_KEY", "fake-anthropic-key");
    }

    HttpTransport transport() {
        if (transport == null) {
            transport = new HttpTransport(
                    HttpTransportConfig.from(key -> Optional.ofNullable(config.get(key)), env::get),
                    budget,
                    d -> {
                        sleeps.add(d);
                        onSleep.run();
                    },
                    System::nanoTime,
                    clock);
        }
        return transport;
    }

    LlmClient client(String model) {
        return client(model, CallRole.MODEL);
    }

    LlmClient client(String model, CallRole role) {
        return LlmClients.create(ModelId.parse(model), role, transport(), prices, budget, calls::add);
    }

    void enqueueJson(String body) {
        server.enqueue(json(200, body));
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder()
                .code(code)
                .addHeader("Content-Type", "application/json")
                .addHeader("x-request-id", "req_" + code)
                .body(body)
                .build();
    }

    static MockResponse sse(String body) {
        return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "text/event-stream")
                .body(body)
                .build();
    }

    static JsonNode body(RecordedRequest r) {
        return Json.tryParse(r.getBody().utf8());
    }

    static JsonNode json(String text) {
        return Json.tryParse(text);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (transport != null) {
            transport.close();
        }
        server.close();
    }
}
