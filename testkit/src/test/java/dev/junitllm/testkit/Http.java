package dev.junitllm.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A plain JDK HTTP client for the wire tests: nothing of ours between the test and the bytes. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private Http() {}

    static HttpResponse<String> post(String url, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(20))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    static HttpResponse<String> send(HttpRequest request) {
        // The request timeout does not cover the body: bound the whole exchange so a test can never hang.
        try {
            return CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? new UncheckedIOException(io) : new IllegalStateException(cause);
        } catch (TimeoutException e) {
            throw new AssertionError("no complete response within 20 s from " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Posts to an Anthropic path with the two required headers. */
    static HttpResponse<String> anthropic(ScriptedLlmServer server, String body) {
        return post(
                server.anthropicBaseUrl() + "/v1/messages",
                body,
                "x-api-key",
                "test-key",
                "anthropic-version",
                "2023-06-01");
    }

    static HttpResponse<String> openAi(ScriptedLlmServer server, String body) {
        return post(server.openAiBaseUrl() + "/chat/completions", body, "authorization", "Bearer test-key");
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** The text of the first choice of an OpenAI chat completion. */
    static String openAiContent(HttpResponse<String> response) {
        return json(response)
                .path("choices")
                .get(0)
                .path("message")
                .path("content")
                .asText();
    }

    /** The text an OpenAI stream chunk adds to the answer; empty when it adds none. */
    static String openAiDelta(JsonNode chunk) {
        return chunk.path("choices").get(0).path("delta").path("content").asText("");
    }

    /** One server-sent event: its {@code event:} name (null when absent) and its {@code data:}. */
    record Sse(String event, String data) {
        JsonNode json() {
            return Http.json(data);
        }
    }

    /** Splits an SSE body into events, checking that every event ends with a blank line. */
    static List<Sse> events(String body) {
        List<Sse> events = new ArrayList<>();
        if (body.isEmpty()) {
            return events;
        }
        if (!body.endsWith("\n\n")) {
            throw new AssertionError("SSE body does not end with a blank line: " + body);
        }
        for (String block : body.split("\n\n")) {
            String event = null;
            String data = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = line.substring(6);
                } else {
                    throw new AssertionError("unexpected SSE line: " + line);
                }
            }
            events.add(new Sse(event, data));
        }
        return events;
    }
}
