package dev.junitllm.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A reply resolved against one request: the text or tool call to send, why it stopped and the token
 * counts. Both wire classes render the same answer, so the providers never disagree on content.
 */
record Answer(
        int sequence,
        long created,
        String model,
        String text,
        String refusal,
        String toolName,
        JsonNode toolInput,
        boolean truncatedByMaxTokens,
        int inputTokens,
        int cachedInputTokens,
        int outputTokens) {

    static Answer of(ScriptedRequest request, Reply reply, int sequence, long created, int cachedInputTokens) {
        JsonNode body = request.body();
        String model = request.model() + ScriptedLlmServer.MODEL_SUFFIX;
        int input = Tokens.input(request);
        String text = null;
        String refusal = null;
        String toolName = null;
        JsonNode toolInput = null;
        boolean truncated = false;
        int maxTokens = 0;
        if (reply instanceof Reply.Text t) {
            text = t.text();
            JsonNode max = request.endpoint().isAnthropic()
                    ? body.path("max_tokens")
                    : body.has("max_completion_tokens") ? body.path("max_completion_tokens") : body.path("max_tokens");
            if (max.canConvertToInt() && max.asInt() > 0) {
                maxTokens = max.asInt();
                String cut = Tokens.truncate(text, maxTokens);
                truncated = !cut.equals(text);
                text = cut;
            }
        } else if (reply instanceof Reply.Refusal r) {
            refusal = r.text();
        } else if (reply instanceof Reply.ToolCall c) {
            toolName = c.name();
            toolInput = c.arguments();
        } else if (reply instanceof Reply.Json j) {
            JsonNode choice = body.path("tool_choice");
            if (request.endpoint().isAnthropic() && choice.path("type").asText().equals("tool")) {
                toolName = choice.path("name").asText();
                toolInput = j.json();
            } else {
                text = j.json().toString();
            }
        } else {
            throw new IllegalArgumentException("not an answer: " + reply);
        }
        String counted = text != null ? text : refusal != null ? refusal : toolName + " " + toolInput;
        // A provider that stops at the limit reports exactly the limit as output.
        int output = truncated ? maxTokens : Tokens.output(counted);
        return new Answer(
                sequence,
                created,
                model,
                text,
                refusal,
                toolName,
                toolInput,
                truncated,
                input,
                Math.min(cachedInputTokens, request.endpoint().isAnthropic() ? cachedInputTokens : input),
                output);
    }

    boolean isToolCall() {
        return toolName != null;
    }

    /** Stream pieces of a text: words with the whitespace that follows them, so they join back exactly. */
    static List<String> words(String text) {
        List<String> pieces = new ArrayList<>();
        for (String piece : text.split("(?<=\\s)(?=\\S)")) {
            if (!piece.isEmpty()) {
                pieces.add(piece);
            }
        }
        return pieces;
    }

    /** Stream pieces of JSON arguments: fixed-size fragments, as providers send partial JSON. */
    static List<String> fragments(String json) {
        List<String> pieces = new ArrayList<>();
        int[] codePoints = json.codePoints().toArray();
        for (int i = 0; i < codePoints.length; i += 12) {
            pieces.add(new String(codePoints, i, Math.min(12, codePoints.length - i)));
        }
        return pieces;
    }
}
