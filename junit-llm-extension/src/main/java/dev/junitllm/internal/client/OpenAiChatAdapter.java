package dev.junitllm.internal.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.junitllm.CallRole;
import dev.junitllm.FinishReason;
import dev.junitllm.LlmException;
import dev.junitllm.LlmRequest;
import dev.junitllm.LlmResponse;
import dev.junitllm.Message;
import dev.junitllm.ModelId;
import dev.junitllm.ResponseFormat;
import dev.junitllm.StreamListener;
import dev.junitllm.Tool;
import dev.junitllm.ToolCall;
import dev.junitllm.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * OpenAI Chat Completions ({@code POST {base}/chat/completions}), also spoken by Ollama, vLLM, LM
 * Studio, OpenRouter and Azure OpenAI deployments.
 */
final class OpenAiChatAdapter implements ChatAdapter {

    static final String PATH = "/chat/completions";

    /**
     * Ollama documents {@code max_tokens} for its OpenAI-compatible endpoint; OpenAI deprecated it in
     * favour of {@code max_completion_tokens} (which reasoning models require).
     */
    private final String maxTokensField;

    OpenAiChatAdapter(String provider) {
        this.maxTokensField = provider.equals("ollama") ? "max_tokens" : "max_completion_tokens";
    }

    @Override
    public Exchange exchange(ModelId model, CallRole role, LlmRequest request, boolean stream) {
        ObjectNode body = Json.object();
        body.put("model", model.model());
        ArrayNode messages = body.putArray("messages");
        for (Message m : request.messages()) {
            messages.add(message(m));
        }
        if (request.temperature() != null) {
            body.put("temperature", request.temperature());
        }
        if (request.topP() != null) {
            body.put("top_p", request.topP());
        }
        if (request.seed() != null) {
            body.put("seed", request.seed());
        }
        if (!request.stop().isEmpty()) {
            ArrayNode stop = body.putArray("stop");
            request.stop().forEach(stop::add);
        }
        if (request.maxTokens() != null) {
            body.put(maxTokensField, request.maxTokens());
        }
        if (request.responseFormat() != null) {
            body.set("response_format", responseFormat(request.responseFormat()));
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (Tool t : request.tools()) {
                ObjectNode function = tools.addObject().put("type", "function").putObject("function");
                function.put("name", t.name());
                if (!t.description().isEmpty()) {
                    function.put("description", t.description());
                }
                function.set("parameters", t.parameters());
            }
        }
        if (request.toolChoice() != null) {
            body.set("tool_choice", toolChoice(request.toolChoice()));
        }
        if (stream) {
            body.put("stream", true);
            body.putObject("stream_options").put("include_usage", true);
        }
        request.extraParameters().forEach((k, v) -> body.set(k, Json.tree(v)));
        return new Exchange(model, role, PATH, body, stream);
    }

    private static ObjectNode message(Message m) {
        ObjectNode n = Json.object().put("role", m.role().wireName());
        switch (m.role()) {
            case TOOL -> n.put("tool_call_id", m.toolCallId()).put("content", m.content());
            case ASSISTANT -> {
                if (m.toolCalls().isEmpty()) {
                    n.put("content", m.content());
                } else {
                    if (m.content().isEmpty()) {
                        n.putNull("content");
                    } else {
                        n.put("content", m.content());
                    }
                    ArrayNode calls = n.putArray("tool_calls");
                    for (ToolCall c : m.toolCalls()) {
                        ObjectNode call = calls.addObject();
                        call.put("id", c.id()).put("type", "function");
                        call.putObject("function")
                                .put("name", c.name())
                                .put(
                                        "arguments",
                                        c.arguments().isTextual()
                                                ? c.arguments().asText()
                                                : Json.write(c.arguments()));
                    }
                }
            }
            default -> n.put("content", m.content());
        }
        return n;
    }

    private static ObjectNode responseFormat(ResponseFormat f) {
        ObjectNode n = Json.object().put("type", f.type());
        if (f.type().equals("json_schema")) {
            n.putObject("json_schema")
                    .put("name", f.name())
                    .put("strict", f.strict())
                    .set("schema", f.schema());
        }
        return n;
    }

    private static JsonNode toolChoice(String choice) {
        return switch (choice) {
            case "auto", "none", "required" -> TextNode.valueOf(choice);
            default -> {
                ObjectNode n = Json.object().put("type", "function");
                n.putObject("function").put("name", choice);
                yield n;
            }
        };
    }

    @Override
    public LlmResponse parse(LlmRequest request, JsonNode body) {
        JsonNode choices = body.path("choices");
        if (!choices.isArray() || choices.isEmpty()) {
            throw new LlmException(
                    "The chat completion has no choices: " + ProviderErrors.abbreviate(body.toString(), 300));
        }
        JsonNode choice = choices.get(0);
        JsonNode message = choice.path("message");
        String content = content(message.get("content"));
        String refusal = ProviderErrors.textOrNull(message.get("refusal"));
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode c : message.path("tool_calls")) {
            JsonNode fn = c.path("function");
            calls.add(new ToolCall(
                    ProviderErrors.textOrNull(c.get("id")),
                    fn.path("name").asText(),
                    arguments(fn.path("arguments").asText(""))));
        }
        String finish = ProviderErrors.textOrNull(choice.get("finish_reason"));
        return LlmResponse.builder()
                .text(content != null ? content : refusal)
                .toolCalls(calls)
                .finishReason(refusal != null ? FinishReason.REFUSAL : FinishReason.fromProvider(finish), finish)
                .model(ProviderErrors.textOrNull(body.get("model")))
                .usage(usage(body.get("usage")))
                .rawBody(body)
                .build();
    }

    /** Content is a string; some compatible servers send an array of {@code {"type":"text","text"}} parts. */
    private static String content(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isArray()) {
            StringBuilder sb = new StringBuilder();
            node.forEach(part -> sb.append(part.path("text").asText("")));
            return sb.toString();
        }
        return node.asText();
    }

    /**
     * Arguments arrive as a JSON string. Models occasionally produce invalid JSON: it is kept as a
     * text node so that a test sees exactly what the model sent instead of an exception.
     */
    static JsonNode arguments(String json) {
        if (json.isBlank()) {
            return Json.object();
        }
        JsonNode parsed = Json.tryParse(json);
        return parsed != null ? parsed : TextNode.valueOf(json);
    }

    /** {@code prompt_tokens} includes {@code cached_tokens}; reasoning tokens are part of the completion. */
    static Usage usage(JsonNode u) {
        if (u == null || !u.isObject()) {
            return Usage.NONE;
        }
        long in = Math.max(0, u.path("prompt_tokens").asLong(0));
        long out = Math.max(0, u.path("completion_tokens").asLong(0));
        long cached =
                clamp(u.path("prompt_tokens_details").path("cached_tokens").asLong(0), in);
        long reasoning = clamp(
                u.path("completion_tokens_details").path("reasoning_tokens").asLong(0), out);
        return new Usage(in, out, cached, 0, reasoning);
    }

    private static long clamp(long v, long max) {
        return Math.max(0, Math.min(v, max));
    }

    @Override
    public StreamAssembler assembler(LlmRequest request, StreamListener listener) {
        return new Assembler(listener);
    }

    /** Chunks with {@code delta}s, a usage-only chunk with {@code choices: []}, then {@code data: [DONE]}. */
    private static final class Assembler implements StreamAssembler {
        private final StreamListener listener;
        private final StringBuilder text = new StringBuilder();
        private final StringBuilder refusal = new StringBuilder();
        private final Map<Integer, PartialCall> calls = new TreeMap<>();
        private final StreamCheck check = new StreamCheck("a chunk", "data: [DONE]");
        private boolean sawContent;
        private boolean sawRefusal;
        private String finish;
        private String model;
        private String id;
        private Usage usage = Usage.NONE;

        Assembler(StreamListener listener) {
            this.listener = listener;
        }

        @Override
        public void accept(SseEvent event) {
            check.arrived();
            String data = event.data() == null ? "" : event.data().strip();
            if (data.equals("[DONE]")) {
                check.terminated();
                return;
            }
            if (data.isEmpty()) {
                return;
            }
            JsonNode chunk = Json.tryParse(data);
            if (chunk == null || !chunk.isObject()) {
                check.notJson(data);
                return;
            }
            if (chunk.hasNonNull("error")) {
                check.error(chunk);
                return;
            }
            if (chunk.hasNonNull("model")) {
                model = chunk.get("model").asText();
            }
            if (chunk.hasNonNull("id")) {
                id = chunk.get("id").asText();
            }
            if (chunk.path("usage").isObject()) {
                usage = usage(chunk.get("usage"));
            }
            for (JsonNode choice : chunk.path("choices")) {
                if (choice.path("index").asInt(0) != 0) {
                    continue;
                }
                JsonNode delta = choice.path("delta");
                String content = ProviderErrors.textOrNull(delta.get("content"));
                if (content != null) {
                    sawContent = true;
                    if (!content.isEmpty()) {
                        text.append(content);
                        listener.onText(content);
                    }
                }
                String refusalDelta = ProviderErrors.textOrNull(delta.get("refusal"));
                if (refusalDelta != null) {
                    sawRefusal = true;
                    refusal.append(refusalDelta);
                }
                for (JsonNode tc : delta.path("tool_calls")) {
                    int index = tc.path("index").asInt(0);
                    PartialCall call = calls.computeIfAbsent(index, i -> new PartialCall());
                    if (tc.hasNonNull("id")) {
                        call.id = tc.get("id").asText();
                    }
                    JsonNode fn = tc.path("function");
                    if (fn.hasNonNull("name")) {
                        call.name = (call.name == null ? "" : call.name)
                                + fn.get("name").asText();
                    }
                    String fragment = fn.path("arguments").asText("");
                    call.arguments.append(fragment);
                    listener.onToolCallDelta(index, call.name, fragment);
                }
                if (choice.hasNonNull("finish_reason")) {
                    finish = choice.get("finish_reason").asText();
                }
            }
        }

        @Override
        public int events() {
            return check.events();
        }

        @Override
        public LlmResponse finish() {
            check.throwIfFailed();
            List<ToolCall> toolCalls = new ArrayList<>();
            ObjectNode raw = Json.object();
            raw.put("id", id).put("object", "chat.completion").put("model", model);
            ObjectNode choice = raw.putArray("choices").addObject().put("index", 0);
            ObjectNode message = choice.putObject("message").put("role", "assistant");
            if (sawContent) {
                message.put("content", text.toString());
            } else {
                message.putNull("content");
            }
            if (sawRefusal) {
                message.put("refusal", refusal.toString());
            }
            if (!calls.isEmpty()) {
                ArrayNode rawCalls = message.putArray("tool_calls");
                for (PartialCall c : calls.values()) {
                    toolCalls.add(new ToolCall(c.id, c.name == null ? "" : c.name, arguments(c.arguments.toString())));
                    ObjectNode rc = rawCalls.addObject().put("id", c.id).put("type", "function");
                    rc.putObject("function").put("name", c.name).put("arguments", c.arguments.toString());
                }
            }
            choice.put("finish_reason", finish);
            // built node by node: valueToTree goes through databind's TokenBuffer, which needs a jackson-core
            // as new as databind, and Spring AI puts jackson-core 2.17 next to our databind
            raw.putObject("usage")
                    .put("prompt_tokens", usage.inputTokens())
                    .put("completion_tokens", usage.outputTokens())
                    .put("total_tokens", usage.totalTokens());
            return LlmResponse.builder()
                    .text(sawContent ? text.toString() : sawRefusal ? refusal.toString() : "")
                    .toolCalls(toolCalls)
                    .finishReason(sawRefusal ? FinishReason.REFUSAL : FinishReason.fromProvider(finish), finish)
                    .model(model)
                    .usage(usage)
                    .rawBody(raw)
                    .build();
        }
    }

    private static final class PartialCall {
        String id;
        String name;
        final StringBuilder arguments = new StringBuilder();
    }
}
