package dev.junitllm.internal.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junitllm.LlmRequest;
import dev.junitllm.Message;
import dev.junitllm.Tool;
import dev.junitllm.ToolCall;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a chat request body back into an {@link LlmRequest}: its messages (tool calls and tool results
 * included) and its tools. The inverse of the adapters' request side, for calls an SDK made through the
 * proxy, whose request exists only on the wire. Sampling parameters are not read back.
 */
final class WireRequests {
    private WireRequests() {}

    /** OpenAI Chat Completions or Anthropic Messages, told apart by {@code anthropic}. */
    static LlmRequest parse(JsonNode body, boolean anthropic) {
        LlmRequest.Builder request = LlmRequest.builder();
        List<Message> messages = new ArrayList<>();
        if (anthropic) {
            String system = text(body.get("system"));
            if (!system.isEmpty()) {
                messages.add(Message.system(system));
            }
            for (JsonNode m : body.path("messages")) {
                messages.addAll(anthropicMessage(m));
            }
            for (JsonNode t : body.path("tools")) {
                tool(request, t.path("name").asText(""), t.path("description").asText(""), t.get("input_schema"));
            }
        } else {
            for (JsonNode m : body.path("messages")) {
                messages.add(openAiMessage(m));
            }
            for (JsonNode t : body.path("tools")) {
                JsonNode fn = t.path("function");
                tool(request, fn.path("name").asText(""), fn.path("description").asText(""), fn.get("parameters"));
            }
        }
        if (messages.isEmpty()) {
            // e.g. the Responses API's "input": the question is the one user message
            String question = WireBodies.lastUserText(body);
            messages.add(Message.user(question == null ? "" : question));
        }
        return request.messages(messages).build();
    }

    private static void tool(LlmRequest.Builder request, String name, String description, JsonNode parameters) {
        if (!name.isEmpty()) {
            request.tool(Tool.of(name, description, parameters == null ? Json.object() : parameters));
        }
    }

    private static Message openAiMessage(JsonNode m) {
        String role = m.path("role").asText("user");
        String content = text(m.get("content"));
        return switch (role) {
            case "system", "developer" -> Message.system(content);
            case "tool" -> Message.toolResult(m.path("tool_call_id").asText("?"), content);
            case "assistant" -> {
                List<ToolCall> calls = new ArrayList<>();
                for (JsonNode c : m.path("tool_calls")) {
                    JsonNode fn = c.path("function");
                    calls.add(new ToolCall(
                            ProviderErrors.textOrNull(c.get("id")),
                            fn.path("name").asText(""),
                            OpenAiChatAdapter.arguments(fn.path("arguments").asText(""))));
                }
                yield new Message(Message.Role.ASSISTANT, content, calls, null);
            }
            default -> Message.user(content);
        };
    }

    /** One Anthropic turn may hold several blocks: tool results become tool messages, text a user message. */
    private static List<Message> anthropicMessage(JsonNode m) {
        String role = m.path("role").asText("user");
        JsonNode content = m.get("content");
        if (content == null || !content.isArray()) {
            String text = text(content);
            return List.of("assistant".equals(role) ? Message.assistant(text) : Message.user(text));
        }
        List<Message> out = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode block : content) {
            switch (block.path("type").asText()) {
                case "text" -> text.append(block.path("text").asText(""));
                case "tool_use" ->
                    calls.add(new ToolCall(
                            ProviderErrors.textOrNull(block.get("id")),
                            block.path("name").asText(""),
                            block.path("input").isMissingNode() ? Json.object() : block.get("input")));
                case "tool_result" ->
                    out.add(Message.toolResult(block.path("tool_use_id").asText("?"), text(block.get("content"))));
                default -> {}
            }
        }
        if ("assistant".equals(role)) {
            out.add(new Message(Message.Role.ASSISTANT, text.toString(), calls, null));
        } else if (text.length() > 0 || out.isEmpty()) {
            out.add(Message.user(text.toString()));
        }
        return out;
    }

    /** A content value as text: a string, or the text parts of a list of blocks joined. */
    private static String text(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.textValue();
        }
        if (content.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : content) {
                text.append(
                        part.isTextual() ? part.textValue() : part.path("text").asText(""));
            }
            return text.toString();
        }
        return content.toString();
    }
}
