package dev.junitllm;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One message of a conversation, in the provider-neutral form {@link LlmRequest} carries.
 *
 * <pre>{@code
 * Message.user("Where is my order A-1001?");
 * Message.assistant(response);                 // the model's turn, tool calls included
 * Message.toolResult(call.id(), "{\"status\":\"shipped\"}");
 * }</pre>
 *
 * @param role {@code system}, {@code user}, {@code assistant} or {@code tool}
 * @param content the text; may be empty for an assistant turn that only calls tools
 * @param toolCalls the tool calls of an assistant turn, else empty
 * @param toolCallId for a {@code tool} message, the id of the call it answers
 */
@API(status = STABLE)
public record Message(Role role, String content, List<ToolCall> toolCalls, String toolCallId) {

    /** Who speaks. */
    public enum Role {
        SYSTEM,
        USER,
        ASSISTANT,
        TOOL;

        /** The wire name: {@code system}, {@code user}, {@code assistant}, {@code tool}. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Message {
        Objects.requireNonNull(role, "role");
        content = content == null ? "" : content;
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        if (role == Role.TOOL && (toolCallId == null || toolCallId.isBlank())) {
            throw new IllegalArgumentException("a tool message needs the id of the tool call it answers");
        }
    }

    public static Message system(String content) {
        return new Message(Role.SYSTEM, content, List.of(), null);
    }

    public static Message user(String content) {
        return new Message(Role.USER, content, List.of(), null);
    }

    public static Message assistant(String content) {
        return new Message(Role.ASSISTANT, content, List.of(), null);
    }

    /** The model's turn as it answered, tool calls included, for multi-turn conversations. */
    public static Message assistant(LlmResponse response) {
        return new Message(Role.ASSISTANT, response.text(), response.toolCalls(), null);
    }

    /** The result of a tool call, fed back to the model. */
    public static Message toolResult(String toolCallId, String content) {
        return new Message(Role.TOOL, content, List.of(), toolCallId);
    }
}
