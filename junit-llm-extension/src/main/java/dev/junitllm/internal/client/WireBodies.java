package dev.junitllm.internal.client;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading provider wire bodies (OpenAI and Anthropic) without knowing which provider wrote them. */
public final class WireBodies {
    private WireBodies() {}

    /**
     * The text a person would call "the question" of a wire body: for Chat Completions and Messages
     * the last user message (text parts joined), for embeddings and Responses the input; null when
     * the body has none.
     *
     * <pre>{@code
     * WireBodies.lastUserText(exchange.body());   // "What is the refund window?"
     * }</pre>
     */
    public static String lastUserText(JsonNode body) {
        JsonNode messages = body.get("messages");
        if (messages != null && messages.isArray()) {
            for (int i = messages.size() - 1; i >= 0; i--) {
                JsonNode message = messages.get(i);
                if ("user".equals(message.path("role").asText())) {
                    return contentText(message.get("content"));
                }
            }
        }
        JsonNode input = body.get("input");
        if (input != null) {
            if (input.isTextual()) {
                return input.textValue();
            }
            if (input.isArray() && !input.isEmpty()) {
                JsonNode last = input.get(input.size() - 1);
                return last.isTextual() ? last.textValue() : contentText(last.get("content"));
            }
        }
        return null;
    }

    private static String contentText(JsonNode content) {
        if (content == null) {
            return null;
        }
        if (content.isTextual()) {
            return content.textValue();
        }
        if (content.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : content) {
                JsonNode value = part.isTextual() ? part : part.get("text");
                if (value != null && value.isTextual()) {
                    text.append(text.length() == 0 ? "" : " ").append(value.textValue());
                }
            }
            return text.length() == 0 ? null : text.toString();
        }
        return null;
    }
}
