package dev.junitllm.internal.cassette;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junitllm.CallRole;
import dev.junitllm.ModelId;
import dev.junitllm.internal.client.Exchange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;

/** Provider-shaped requests and answers for tests. */
public final class Fixtures {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    public static final ModelId MINI = new ModelId("openai", "gpt-4o-mini");

    private Fixtures() {}

    public static ObjectNode json(String text) {
        try {
            return (ObjectNode) MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode chatBody(String user, boolean stream) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("model", "gpt-4o-mini");
        body.putArray("messages")
                .addObject()
                .put("role", "system")
                .put("content", "You answer questions about refunds.");
        ((com.fasterxml.jackson.databind.node.ArrayNode) body.get("messages"))
                .addObject()
                .put("role", "user")
                .put("content", user);
        body.put("temperature", 0.7);
        if (stream) {
            body.put("stream", true);
            body.putObject("stream_options").put("include_usage", true).put("include_obfuscation", false);
        }
        return body;
    }

    public static Exchange chat(String user) {
        return new Exchange(MINI, CallRole.MODEL, "/chat/completions", chatBody(user, false), false);
    }

    public static Exchange chatStream(String user) {
        return new Exchange(MINI, CallRole.MODEL, "/chat/completions", chatBody(user, true), true);
    }

    public static String completion(String answer) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("id", "chatcmpl-" + Math.abs(answer.hashCode()));
        body.put("object", "chat.completion");
        body.put("created", 1764250000);
        body.put("model", "gpt-4o-mini-2024-07-18");
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", answer);
        choice.put("finish_reason", "stop");
        body.putObject("usage")
                .put("prompt_tokens", 12)
                .put("completion_tokens", 8)
                .put("total_tokens", 20);
        return body.toString();
    }

    public static MockResponse completionResponse(String answer) {
        return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json")
                .addHeader("x-request-id", "req_123")
                .body(completion(answer))
                .build();
    }

    /** An OpenAI chat stream: role chunk, one chunk per token, finish chunk, usage chunk, [DONE]. */
    public static String completionStream(String... tokens) {
        List<String> chunks = new ArrayList<>();
        chunks.add(chunk("{\"role\":\"assistant\",\"content\":\"\"}", null));
        for (String token : tokens) {
            chunks.add(chunk("{\"content\":" + MAPPER.valueToTree(token) + "}", null));
        }
        chunks.add(chunk("{}", "\"stop\""));
        chunks.add("{\"id\":\"chatcmpl-s\",\"object\":\"chat.completion.chunk\",\"created\":1764250000,"
                + "\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[],"
                + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":" + tokens.length + ",\"total_tokens\":"
                + (12 + tokens.length) + "}}");
        chunks.add("[DONE]");
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> text.append("data: ").append(c).append("\n\n"));
        return text.toString();
    }

    private static String chunk(String delta, String finishReason) {
        return "{\"id\":\"chatcmpl-s\",\"object\":\"chat.completion.chunk\",\"created\":1764250000,"
                + "\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,\"delta\":" + delta
                + ",\"finish_reason\":" + finishReason + "}],\"usage\":null}";
    }

    public static MockResponse streamResponse(String... tokens) {
        return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "text/event-stream")
                .body(completionStream(tokens))
                .build();
    }

    /** Every regular file under {@code root}. */
    public static List<Path> filesUnder(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
