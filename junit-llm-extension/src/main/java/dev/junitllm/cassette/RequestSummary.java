package dev.junitllm.cassette;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junitllm.client.Exchange;

/** The one-line description of a request used in messages: model and the last user text. */
final class RequestSummary {
    private static final int MAX_TEXT = 80;

    private RequestSummary() {}

    static String of(Exchange exchange) {
        String text = lastUserText(exchange.body());
        return exchange.model() + " " + exchange.role().wireName() + " " + exchange.path()
                + (exchange.streaming() ? " (stream)" : "")
                + (text == null ? "" : " \"" + Text.abbreviate(text, MAX_TEXT) + "\"");
    }

    /** Chat Completions and Messages: the last user message; embeddings and Responses: the input. */
    static String lastUserText(JsonNode body) {
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
