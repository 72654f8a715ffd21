package dev.junitllm.testkit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Anthropic Messages bodies and stream events, in the shapes of the Anthropic API reference. */
final class AnthropicWire {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private AnthropicWire() {}

    static ObjectNode message(Answer a) {
        ObjectNode body = messageHeader(a);
        ObjectNode block = body.putArray("content").addObject();
        if (a.isToolCall()) {
            block.put("type", "tool_use").put("id", toolUseId(a)).put("name", a.toolName());
            block.set("input", a.toolInput());
        } else {
            block.put("type", "text").put("text", text(a));
        }
        body.put("stop_reason", stopReason(a));
        body.putNull("stop_sequence");
        body.set("usage", usage(a, a.outputTokens()));
        return body;
    }

    static SseEvents stream(Answer a) {
        List<String> content = new ArrayList<>();
        ObjectNode start = messageHeader(a);
        start.putArray("content");
        start.putNull("stop_reason");
        start.putNull("stop_sequence");
        start.set("usage", usage(a, 1));
        content.add(event(
                "message_start", F.objectNode().put("type", "message_start").set("message", start)));

        ObjectNode block = F.objectNode();
        if (a.isToolCall()) {
            block.put("type", "tool_use").put("id", toolUseId(a)).put("name", a.toolName());
            block.putObject("input");
        } else {
            block.put("type", "text").put("text", "");
        }
        ObjectNode blockStart =
                F.objectNode().put("type", "content_block_start").put("index", 0);
        blockStart.set("content_block", block);
        content.add(event("content_block_start", blockStart));
        content.add(event("ping", F.objectNode().put("type", "ping")));

        List<String> pieces = a.isToolCall() ? Answer.fragments(a.toolInput().toString()) : Answer.words(text(a));
        for (String piece : pieces) {
            ObjectNode delta = a.isToolCall()
                    ? F.objectNode().put("type", "input_json_delta").put("partial_json", piece)
                    : F.objectNode().put("type", "text_delta").put("text", piece);
            ObjectNode event = F.objectNode().put("type", "content_block_delta").put("index", 0);
            event.set("delta", delta);
            content.add(event("content_block_delta", event));
        }

        List<String> terminal = new ArrayList<>();
        terminal.add(event(
                "content_block_stop",
                F.objectNode().put("type", "content_block_stop").put("index", 0)));
        ObjectNode messageDelta = F.objectNode().put("type", "message_delta");
        messageDelta.putObject("delta").put("stop_reason", stopReason(a)).putNull("stop_sequence");
        messageDelta.set("usage", usage(a, a.outputTokens()));
        terminal.add(event("message_delta", messageDelta));
        terminal.add(event("message_stop", F.objectNode().put("type", "message_stop")));
        return new SseEvents(content, terminal);
    }

    static String streamError(String type, String message) {
        return event("error", error(type, message, null));
    }

    static ObjectNode error(String type, String message, String requestId) {
        ObjectNode body = F.objectNode().put("type", "error");
        body.putObject("error").put("type", type).put("message", message);
        if (requestId != null) {
            body.put("request_id", requestId);
        }
        return body;
    }

    /** Anthropic's usual error type and message for a status, for scripted failures that name none. */
    static String[] defaultError(int status) {
        return switch (status) {
            case 400 -> new String[] {"invalid_request_error", "Scripted invalid request."};
            case 401 -> new String[] {"authentication_error", "invalid x-api-key"};
            case 403 -> new String[] {"permission_error", "Your API key does not have permission."};
            case 404 -> new String[] {"not_found_error", "The requested resource was not found."};
            case 413 -> new String[] {"request_too_large", "Request exceeds the maximum allowed size."};
            case 429 ->
                new String[] {"rate_limit_error", "Number of requests has exceeded your rate limit (scripted)."};
            case 504 -> new String[] {"timeout_error", "Request timed out."};
            case 529 -> new String[] {"overloaded_error", "Overloaded"};
            default ->
                status >= 500
                        ? new String[] {"api_error", "Internal server error"}
                        : new String[] {"invalid_request_error", "Scripted error " + status + "."};
        };
    }

    private static ObjectNode messageHeader(Answer a) {
        ObjectNode body = F.objectNode();
        body.put("id", "msg_scripted_" + a.sequence());
        body.put("type", "message");
        body.put("role", "assistant");
        body.put("model", a.model());
        return body;
    }

    private static ObjectNode usage(Answer a, int outputTokens) {
        return F.objectNode()
                .put("input_tokens", a.inputTokens())
                .put("cache_creation_input_tokens", 0)
                .put("cache_read_input_tokens", a.cachedInputTokens())
                .put("output_tokens", outputTokens);
    }

    private static String text(Answer a) {
        return a.refusal() != null ? a.refusal() : a.text();
    }

    private static String stopReason(Answer a) {
        if (a.isToolCall()) {
            return "tool_use";
        }
        if (a.refusal() != null) {
            return "refusal";
        }
        return a.truncatedByMaxTokens() ? "max_tokens" : "end_turn";
    }

    private static String toolUseId(Answer a) {
        return "toolu_scripted_" + a.sequence();
    }

    private static String event(String name, ObjectNode data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }
}
