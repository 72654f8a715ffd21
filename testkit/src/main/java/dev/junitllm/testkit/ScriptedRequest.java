package dev.junitllm.testkit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apiguardian.api.API;

/**
 * One request the {@link ScriptedLlmServer} received, as rules see it and as {@link
 * ScriptedLlmServer#requests()} logs it.
 *
 * <p>The text accessors flatten the provider's message shapes: string content and text parts or
 * blocks are joined with a newline; Anthropic {@code tool_result} blocks count as user text.
 *
 * <pre>{@code
 * ScriptedRequest first = server.requests().get(0);
 * assertThat(first.model()).isEqualTo("gpt-4o-mini");
 * assertThat(first.lastUserMessage()).contains("refund");
 * assertThat(first.header("authorization")).hasValue("Bearer test-key");
 * }</pre>
 */
@API(status = EXPERIMENTAL)
public final class ScriptedRequest {

    /** The API a request was sent to, decided by its path. */
    public enum Endpoint {
        /** {@code POST /v1/chat/completions} (or without {@code /v1}). */
        OPENAI_CHAT_COMPLETIONS,
        /** {@code POST /v1/embeddings} (or without {@code /v1}). */
        OPENAI_EMBEDDINGS,
        /** {@code POST /v1/messages} (or without {@code /v1}). */
        ANTHROPIC_MESSAGES,
        /** Any other path: answered with a 404 in OpenAI's error shape. */
        UNKNOWN;

        /** Whether errors and bodies for this endpoint use Anthropic's shapes. */
        public boolean isAnthropic() {
            return this == ANTHROPIC_MESSAGES;
        }
    }

    private final int sequence;
    private final String method;
    private final String path;
    private final Endpoint endpoint;
    private final Map<String, List<String>> headers;
    private final String bodyText;
    private final JsonNode body;

    ScriptedRequest(
            int sequence,
            String method,
            String path,
            Endpoint endpoint,
            Map<String, List<String>> headers,
            String bodyText,
            JsonNode body) {
        this.sequence = sequence;
        this.method = method;
        this.path = path;
        this.endpoint = endpoint;
        this.headers = headers;
        this.bodyText = bodyText;
        this.body = body;
    }

    /** 1-based position of this request among all requests the server received. */
    public int sequence() {
        return sequence;
    }

    /** HTTP method, e.g. {@code POST}. */
    public String method() {
        return method;
    }

    /** Request path without the query, e.g. {@code /v1/chat/completions}. */
    public String path() {
        return path;
    }

    /** The API the path belongs to. */
    public Endpoint endpoint() {
        return endpoint;
    }

    /** All headers, names in lower case, as received (keys are not redacted: this log never leaves memory). */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The first value of a header, looked up case-insensitively. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The raw request body. */
    public String bodyText() {
        return bodyText;
    }

    /** The parsed JSON body (a copy, safe to read), or a missing node when the body was not JSON. */
    public JsonNode body() {
        return body.deepCopy();
    }

    /** The {@code model} field, or an empty string. */
    public String model() {
        return body.path("model").asText("");
    }

    /** Whether the request asked for a server-sent-event stream ({@code "stream": true}). */
    public boolean streaming() {
        return body.path("stream").asBoolean(false);
    }

    /**
     * The system prompt: Anthropic's {@code system} field, or OpenAI's {@code system} and {@code
     * developer} messages joined by newlines; empty when there is none.
     */
    public String system() {
        if (endpoint.isAnthropic()) {
            return text(body.path("system"));
        }
        StringBuilder out = new StringBuilder();
        for (JsonNode message : body.path("messages")) {
            String role = message.path("role").asText();
            if (role.equals("system") || role.equals("developer")) {
                append(out, text(message.path("content")));
            }
        }
        return out.toString();
    }

    /** The text of the last message whose role is {@code user}, or an empty string. */
    public String lastUserMessage() {
        JsonNode messages = body.path("messages");
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).path("role").asText().equals("user")) {
                return text(messages.get(i).path("content"));
            }
        }
        return "";
    }

    /**
     * The role of the last message ({@code user}, {@code assistant}, {@code tool}, …), or an empty
     * string. An Anthropic user message made only of {@code tool_result} blocks reports {@code tool},
     * so one matcher finds "a tool result was fed back" for both providers.
     */
    public String lastMessageRole() {
        JsonNode messages = body.path("messages");
        if (messages.isEmpty()) {
            return "";
        }
        JsonNode last = messages.get(messages.size() - 1);
        String role = last.path("role").asText("");
        if (role.equals("user")
                && last.path("content").isArray()
                && !last.path("content").isEmpty()) {
            boolean allToolResults = true;
            for (JsonNode block : last.path("content")) {
                allToolResults &= block.path("type").asText().equals("tool_result");
            }
            if (allToolResults) {
                return "tool";
            }
        }
        return role;
    }

    /** A one-line summary for error messages. */
    String summary() {
        return summary(UnaryOperator.identity());
    }

    /** A one-line summary with {@code redaction} applied to the texts before they are shortened. */
    String summary(UnaryOperator<String> redaction) {
        return method + " " + path + " model=" + quote(redaction.apply(model())) + " system="
                + quote(abbreviate(redaction.apply(system()))) + " lastUserMessage="
                + quote(abbreviate(redaction.apply(lastUserMessage())));
    }

    static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder out = new StringBuilder();
        if (content.isArray()) {
            for (JsonNode part : content) {
                if (part.isTextual()) {
                    append(out, part.asText());
                } else if (part.has("text")) {
                    append(out, part.path("text").asText());
                } else if (part.path("type").asText().equals("tool_result")) {
                    append(out, text(part.path("content")));
                }
            }
        }
        return out.toString();
    }

    private static void append(StringBuilder out, String text) {
        if (text.isEmpty()) {
            return;
        }
        if (out.length() > 0) {
            out.append('\n');
        }
        out.append(text);
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...";
    }

    private static String quote(String text) {
        return '"' + text + '"';
    }

    @Override
    public String toString() {
        return "ScriptedRequest#" + sequence + "[" + summary() + "]";
    }
}
