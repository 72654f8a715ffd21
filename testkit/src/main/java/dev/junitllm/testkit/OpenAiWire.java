package dev.junitllm.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** OpenAI Chat Completions and Embeddings bodies, in the shapes of the OpenAI API reference. */
final class OpenAiWire {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    static final String SYSTEM_FINGERPRINT = "fp_scripted";

    private OpenAiWire() {}

    static ObjectNode completion(Answer a) {
        ObjectNode body = header(a, "chat.completion");
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", a.text());
        message.put("refusal", a.refusal());
        message.putArray("annotations");
        if (a.isToolCall()) {
            ObjectNode call = message.putArray("tool_calls").addObject();
            call.put("id", toolCallId(a));
            call.put("type", "function");
            call.putObject("function")
                    .put("name", a.toolName())
                    .put("arguments", a.toolInput().toString());
        }
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason(a));
        body.set("usage", usage(a));
        body.put("service_tier", "default");
        body.put("system_fingerprint", SYSTEM_FINGERPRINT);
        return body;
    }

    /** SSE events: content events first, then the terminal ones (finish chunk, usage chunk, [DONE]). */
    static SseEvents stream(Answer a, boolean includeUsage) {
        List<String> content = new ArrayList<>();
        ObjectNode first = F.objectNode().put("role", "assistant");
        if (a.isToolCall()) {
            first.putNull("content");
            ObjectNode call = first.putArray("tool_calls").addObject();
            call.put("index", 0);
            call.put("id", toolCallId(a));
            call.put("type", "function");
            call.putObject("function").put("name", a.toolName()).put("arguments", "");
        } else {
            first.put("content", "");
        }
        first.putNull("refusal");
        content.add(chunk(a, first, null, includeUsage));
        if (a.isToolCall()) {
            for (String fragment : Answer.fragments(a.toolInput().toString())) {
                ObjectNode delta = F.objectNode();
                ObjectNode call = delta.putArray("tool_calls").addObject();
                call.put("index", 0);
                call.putObject("function").put("arguments", fragment);
                content.add(chunk(a, delta, null, includeUsage));
            }
        } else if (a.refusal() != null) {
            for (String word : Answer.words(a.refusal())) {
                content.add(chunk(a, F.objectNode().put("refusal", word), null, includeUsage));
            }
        } else {
            for (String word : Answer.words(a.text())) {
                content.add(chunk(a, F.objectNode().put("content", word), null, includeUsage));
            }
        }
        List<String> terminal = new ArrayList<>();
        terminal.add(chunk(a, F.objectNode(), finishReason(a), includeUsage));
        if (includeUsage) {
            ObjectNode usageChunk = header(a, "chat.completion.chunk");
            usageChunk.put("service_tier", "default");
            usageChunk.put("system_fingerprint", SYSTEM_FINGERPRINT);
            usageChunk.putArray("choices");
            usageChunk.set("usage", usage(a));
            terminal.add(data(usageChunk));
        }
        terminal.add("data: [DONE]\n\n");
        return new SseEvents(content, terminal);
    }

    static String streamError(String type, String message) {
        return data(F.objectNode().set("error", errorObject(type, message, null, null)));
    }

    static ObjectNode error(String type, String message, String param, String code) {
        ObjectNode body = F.objectNode();
        body.set("error", errorObject(type, message, param, code));
        return body;
    }

    /** OpenAI's usual error type and code for a status, for scripted failures that name none. */
    static String[] defaultError(int status) {
        return switch (status) {
            case 400 -> new String[] {"invalid_request_error", null, "Scripted bad request."};
            case 401 -> new String[] {"invalid_request_error", "invalid_api_key", "Incorrect API key provided."};
            case 403 -> new String[] {"invalid_request_error", "unsupported_country_region_territory", "Forbidden."};
            case 404 -> new String[] {"invalid_request_error", "model_not_found", "The model does not exist."};
            case 408 -> new String[] {"timeout", null, "Request timed out."};
            case 409 -> new String[] {"invalid_request_error", null, "Conflict; please retry."};
            case 429 ->
                new String[] {
                    "requests", "rate_limit_exceeded", "Rate limit reached (scripted). Please try again later."
                };
            default ->
                status >= 500
                        ? new String[] {"server_error", null, "The server had an error while processing your request."}
                        : new String[] {"invalid_request_error", null, "Scripted error " + status + "."};
        };
    }

    /** The {@code code} OpenAI sends with an explicitly scripted error type. */
    static String codeFor(int status, String type) {
        if (type.equals("insufficient_quota")) {
            return "insufficient_quota";
        }
        return type.equals(defaultError(status)[0]) ? defaultError(status)[1] : null;
    }

    static ObjectNode embeddings(String model, List<String> inputs, int dimensions, boolean base64) {
        ObjectNode body = F.objectNode().put("object", "list");
        ArrayNode data = body.putArray("data");
        int words = 0;
        for (int i = 0; i < inputs.size(); i++) {
            float[] vector = PseudoEmbeddings.embed(inputs.get(i), dimensions);
            ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
            if (base64) {
                item.put("embedding", Base64Floats.encode(vector));
            } else {
                ArrayNode values = item.putArray("embedding");
                for (float v : vector) {
                    values.add(v);
                }
            }
            words += Tokens.words(inputs.get(i));
        }
        body.put("model", model + ScriptedLlmServer.MODEL_SUFFIX);
        int tokens = Math.max(1, Tokens.ofWords(words));
        body.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        return body;
    }

    private static ObjectNode errorObject(String type, String message, String param, String code) {
        ObjectNode error = F.objectNode();
        error.put("message", message);
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        return error;
    }

    private static ObjectNode header(Answer a, String object) {
        ObjectNode body = F.objectNode();
        body.put("id", "chatcmpl-scripted-" + a.sequence());
        body.put("object", object);
        body.put("created", a.created());
        body.put("model", a.model());
        return body;
    }

    private static String chunk(Answer a, ObjectNode delta, String finishReason, boolean includeUsage) {
        ObjectNode chunk = header(a, "chat.completion.chunk");
        chunk.put("service_tier", "default");
        chunk.put("system_fingerprint", SYSTEM_FINGERPRINT);
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        if (includeUsage) {
            chunk.putNull("usage");
        }
        return data(chunk);
    }

    private static String data(JsonNode json) {
        return "data: " + json + "\n\n";
    }

    private static ObjectNode usage(Answer a) {
        ObjectNode usage = F.objectNode();
        usage.put("prompt_tokens", a.inputTokens());
        usage.put("completion_tokens", a.outputTokens());
        usage.put("total_tokens", a.inputTokens() + a.outputTokens());
        usage.putObject("prompt_tokens_details")
                .put("cached_tokens", a.cachedInputTokens())
                .put("audio_tokens", 0);
        usage.putObject("completion_tokens_details")
                .put("reasoning_tokens", 0)
                .put("audio_tokens", 0)
                .put("accepted_prediction_tokens", 0)
                .put("rejected_prediction_tokens", 0);
        return usage;
    }

    private static String finishReason(Answer a) {
        if (a.isToolCall()) {
            return "tool_calls";
        }
        return a.truncatedByMaxTokens() ? "length" : "stop";
    }

    private static String toolCallId(Answer a) {
        return "call_scripted_" + a.sequence();
    }
}
