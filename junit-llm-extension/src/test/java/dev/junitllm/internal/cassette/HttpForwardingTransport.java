package dev.junitllm.internal.cassette;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junitllm.LlmException;
import dev.junitllm.internal.client.Exchange;
import dev.junitllm.internal.client.ExchangeResult;
import dev.junitllm.internal.client.SseEvent;
import dev.junitllm.internal.client.Transport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A minimal live transport for tests: posts the exchange to a local mock provider and parses JSON or
 * server-sent events. It sends the API key as a header, as a real client would.
 */
public final class HttpForwardingTransport implements Transport {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final MediaType JSON = MediaType.get("application/json");

    private final HttpUrl base;
    private final String apiKey;
    private final OkHttpClient client = new OkHttpClient();
    private final AtomicInteger calls = new AtomicInteger();

    public HttpForwardingTransport(HttpUrl base, String apiKey) {
        this.base = base;
        this.apiKey = apiKey;
    }

    public int calls() {
        return calls.get();
    }

    @Override
    public ExchangeResult execute(Exchange exchange, Consumer<SseEvent> onEvent) {
        calls.incrementAndGet();
        String url = base.toString().replaceAll("/$", "") + exchange.path();
        Request request = new Request.Builder()
                .url(url)
                .header("Authorization", "Bearer " + apiKey)
                .header("x-api-key", apiKey)
                .post(RequestBody.create(exchange.body().toString(), JSON))
                .build();
        long start = System.nanoTime();
        try (Response response = client.newCall(request).execute()) {
            String requestId = response.header("x-request-id");
            if (!exchange.streaming() || !response.isSuccessful()) {
                JsonNode body = MAPPER.readTree(response.body().string());
                return new ExchangeResult(
                        response.code(), body, List.of(), requestId, since(start), null, Instant.now(), false);
            }
            List<SseEvent> events = new ArrayList<>();
            Duration firstEvent = null;
            try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(response.body().byteStream(), StandardCharsets.UTF_8))) {
                String name = null;
                StringBuilder data = null;
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (line.isEmpty()) {
                        if (data != null) {
                            SseEvent event = new SseEvent(name, data.toString());
                            firstEvent = firstEvent == null ? since(start) : firstEvent;
                            events.add(event);
                            onEvent.accept(event);
                        }
                        name = null;
                        data = null;
                    } else if (line.startsWith("event:")) {
                        name = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        String value = line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5);
                        data = data == null
                                ? new StringBuilder(value)
                                : data.append('\n').append(value);
                    }
                }
            }
            return new ExchangeResult(
                    response.code(), null, events, requestId, since(start), firstEvent, Instant.now(), false);
        } catch (IOException e) {
            throw new LlmException("HTTP call to " + url + " failed: " + e.getMessage(), e);
        }
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
