package dev.junitllm.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junitllm.CallRole;
import dev.junitllm.LlmClient;
import dev.junitllm.cost.Budget;
import dev.junitllm.cost.PriceTable;
import dev.junitllm.results.CallRecord;
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

/** A transport pointed at a MockWebServer, with fake keys, a recording sleeper and a call log. */
final class Fixture implements AutoCloseable {

    final MockWebServer server;
    final Map<String, String> config = new HashMap<>();
    final Map<String, String> env = new HashMap<>();
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    final List<CallRecord> calls = new CopyOnWriteArrayList<>();
    Budget budget = Budget.unlimited();
    PriceTable prices = PriceTable.bundled();
    Clock clock = Clock.systemUTC();
    Runnable onSleep = () -> {};
    private HttpTransport transport;

    Fixture(MockWebServer server) {
        this.server = server;
        config.put("llm.openai.base-url", server.url("/v1").toString());
        config.put("llm.anthropic.base-url", server.url("/").toString());
        config.put("llm.ollama.base-url", server.url("/ollama/v1").toString());
        env.put("OPENAI_API_KEY", "sk-test-openai");
        env.put("ANTHROPIC_API_KEY", "sk-ant-test");
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
    public void close() {
        if (transport != null) {
            transport.close();
        }
    }
}
