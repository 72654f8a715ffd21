package dev.junitllm.internal.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junitllm.CallRole;
import dev.junitllm.FinishReason;
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
 * Anthropic Messages ({@code POST {base}/v1/messages}). Anthropic has no {@code response_format}:
 * structured output is asked for with a forced tool whose input schema is the wanted schema, and the
 * tool's input comes back as the response text.
 */
final class AnthropicChatAdapter implements ChatAdapter {

    static final String PATH = "/v1/messages";

    /** {@code max_tokens} is required; 4096 fits every current Claude model's output limit. */
    static final int DEFAULT_MAX_TOKENS = 4096;

    /** The forced tool's name for {@code json_object} (a json_schema uses its own name). */
    static final String JSON_TOOL = "json_response";

    @Override
    public Exchange exchange(ModelId model, CallRole role, LlmRequest request, boolean stream) {
        ObjectNode body = Json.object();
        body.put("model", model.model());
        body.put("max_tokens", request.maxTokens() != null ? request.maxTokens() : DEFAULT_MAX_TOKENS);
        String system = request.systemText();
        if (!system.isEmpty()) {
            body.put("system", system);
        }
        body.set("messages", messages(request.messages()));
        if (request.temperature() != null) {
            if (request.temperature() > 1) {
                throw new IllegalArgumentException("temperature " + request.temperature() + " is out of range for "
                        + model + ": Anthropic accepts 0..1");
            }
            body.put("temperature", request.temperature());
        }
        if (request.topP() != null) {
            body.put("top_p", request.topP());
        }
        if (!request.stop().isEmpty()) {
            ArrayNode stop = body.putArray("stop_sequences");
            request.stop().forEach(stop::add);
        }
        // seed: Anthropic has no such parameter; it is left out rather than failing the request
        ResponseFormat format = request.responseFormat();
        if (format != null && (!request.tools().isEmpty() || request.toolChoice() != null)) {
            throw new IllegalArgumentException("Structured output for " + model + " is asked for through a forced "
                    + "tool, so it cannot be combined with tools or tool_choice in one request; drop one of them");
        }
        if (!request.tools().isEmpty() || format != null) {
            ArrayNode tools = body.putArray("tools");
            for (Tool t : request.tools()) {
                ObjectNode tool = tools.addObject().put("name", t.name());
                if (!t.description().isEmpty()) {
                    tool.put("description", t.description());
                }
                tool.set("input_schema", t.parameters());
            }
            if (format != null) {
                ObjectNode tool = tools.addObject().put("name", structuredToolName(format));
                tool.put("description", "Give your answer as JSON by calling this tool with it as input.");
                tool.set(
                        "input_schema",
                        format.schema() != null
                                ? format.schema()
                                : Json.object().put("type", "object"));
                body.putObject("tool_choice").put("type", "tool").put("name", structuredToolName(format));
            }
        }
        if (request.toolChoice() != null) {
            ObjectNode choice = body.putObject("tool_choice");
            switch (request.toolChoice()) {
                case "auto" -> choice.put("type", "auto");
                case "required" -> choice.put("type", "any");
                case "none" -> choice.put("type", "none");
                default -> choice.put("type", "tool").put("name", request.toolChoice());
            }
        }
        if (stream) {
            body.put("stream", true);
        }
        request.extraParameters().forEach((k, v) -> body.set(k, Json.tree(v)));
        return new Exchange(model, role, PATH, body, stream);
    }

    static String structuredToolName(ResponseFormat format) {
        return format.name() != null ? format.name() : JSON_TOOL;
    }

    /**
     * System messages go to the top-level {@code system}. Tool results become {@code tool_result}
     * blocks of a user turn; results of parallel calls (and a user text right after them) share one
     * user turn, as the API requires.
     */
    private static ArrayNode messages(List<Message> messages) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        ObjectNode openToolTurn = null;
        for (Message m : messages) {
            switch (m.role()) {
                case SYSTEM -> {}
                case TOOL -> {
                    if (openToolTurn == null) {
                        openToolTurn = out.addObject().put("role", "user");
                        openToolTurn.putArray("content");
                    }
                    ((ArrayNode) openToolTurn.get("content"))
                            .addObject()
                            .put("type", "tool_result")
                            .put("tool_use_id", m.toolCallId())
                            .put("content", m.content());
                }
                case USER -> {
                    if (openToolTurn != null) {
                        ((ArrayNode) openToolTurn.get("content"))
                                .addObject()
                                .put("type", "text")
                                .put("text", m.content());
                    } else {
                        out.addObject().put("role", "user").put("content", m.content());
                    }
                    openToolTurn = null;
                }
                case ASSISTANT -> {
                    openToolTurn = null;
                    ObjectNode turn = out.addObject().put("role", "assistant");
                    if (m.toolCalls().isEmpty()) {
                        turn.put("content", m.content());
                    } else {
                        ArrayNode content = turn.putArray("content");
                        if (!m.content().isEmpty()) {
                            content.addObject().put("type", "text").put("text", m.content());
                        }
                        for (ToolCall c : m.toolCalls()) {
                            JsonNode input = c.arguments().isObject() ? c.arguments() : Json.object();
                            content.addObject()
                                    .put("type", "tool_use")
                                    .put("id", c.id())
                                    .put("name", c.name())
                                    .set("input", input);
                        }
                    }
                }
            }
        }
        return out;
    }

    @Override
    public LlmResponse parse(LlmRequest request, JsonNode body) {
        StringBuilder text = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode block : body.path("content")) {
            switch (block.path("type").asText()) {
                case "text" -> text.append(block.path("text").asText(""));
                case "tool_use" ->
                    calls.add(new ToolCall(
                            ProviderErrors.textOrNull(block.get("id")),
                            block.path("name").asText(),
                            block.path("input").isMissingNode() ? Json.object() : block.get("input")));
                default -> {} // thinking, redacted_thinking, server tool blocks: not part of the answer text
            }
        }
        String stop = ProviderErrors.textOrNull(body.get("stop_reason"));
        return build(
                request,
                text.toString(),
                calls,
                stop,
                ProviderErrors.textOrNull(body.get("model")),
                usage(body.get("usage")),
                body);
    }

    private static LlmResponse build(
            LlmRequest request,
            String text,
            List<ToolCall> calls,
            String stop,
            String model,
            Usage usage,
            JsonNode raw) {
        FinishReason finish = FinishReason.fromProvider(stop);
        if (request.responseFormat() != null) {
            String name = structuredToolName(request.responseFormat());
            List<ToolCall> rest = new ArrayList<>();
            ToolCall structured = null;
            for (ToolCall c : calls) {
                if (structured == null && c.name().equals(name)) {
                    structured = c;
                } else {
                    rest.add(c);
                }
            }
            if (structured != null) {
                text = Json.write(structured.arguments());
                calls = rest;
                if (finish == FinishReason.TOOL_CALLS) {
                    finish = FinishReason.STOP; // the forced tool call IS the answer
                }
            }
        }
        return LlmResponse.builder()
                .text(text)
                .toolCalls(calls)
                .finishReason(finish, stop)
                .model(model)
                .usage(usage)
                .rawBody(raw)
                .build();
    }

    /** Anthropic's cache counts come on top of {@code input_tokens}; {@link Usage} wants the whole prompt. */
    static Usage usage(JsonNode u) {
        if (u == null || !u.isObject()) {
            return Usage.NONE;
        }
        long in = Math.max(0, u.path("input_tokens").asLong(0));
        long read = Math.max(0, u.path("cache_read_input_tokens").asLong(0));
        long write = Math.max(0, u.path("cache_creation_input_tokens").asLong(0));
        long out = Math.max(0, u.path("output_tokens").asLong(0));
        return new Usage(in + read + write, out, read, write, 0);
    }

    @Override
    public StreamAssembler assembler(LlmRequest request, StreamListener listener) {
        return new Assembler(request, listener);
    }

    /**
     * {@code message_start}, then per block {@code content_block_start} / {@code _delta} / {@code _stop},
     * {@code message_delta} (stop reason, cumulative usage), {@code message_stop}; {@code ping} any time;
     * {@code error} ends the stream with a failure.
     */
    private static final class Assembler implements StreamAssembler {
        private final LlmRequest request;
        private final StreamListener listener;
        private final String structuredTool;
        private final Map<Integer, Block> blocks = new TreeMap<>();
        private final ObjectNode usage = Json.object();
        private String model;
        private String id;
        private final StreamCheck check = new StreamCheck("an event", "message_stop");
        private String stop;
        private int toolCalls;

        Assembler(LlmRequest request, StreamListener listener) {
            this.request = request;
            this.listener = listener;
            this.structuredTool =
                    request.responseFormat() == null ? null : structuredToolName(request.responseFormat());
        }

        @Override
        public void accept(SseEvent event) {
            check.arrived();
            JsonNode data = Json.tryParse(event.data());
            if (data == null || !data.isObject()) {
                check.notJson(event.data());
                return;
            }
            String type = data.path("type").asText(event.event() == null ? "" : event.event());
            switch (type) {
                case "message_start" -> {
                    JsonNode message = data.path("message");
                    model = ProviderErrors.textOrNull(message.get("model"));
                    id = ProviderErrors.textOrNull(message.get("id"));
                    mergeUsage(message.get("usage"));
                }
                case "content_block_start" -> {
                    JsonNode cb = data.path("content_block");
                    Block block = new Block(cb.path("type").asText());
                    blocks.put(data.path("index").asInt(), block);
                    if (block.type.equals("tool_use")) {
                        block.id = ProviderErrors.textOrNull(cb.get("id"));
                        block.name = cb.path("name").asText();
                        block.structured = block.name.equals(structuredTool);
                        block.toolIndex = block.structured ? -1 : toolCalls++;
                    } else if (block.type.equals("text")) {
                        text(block, cb.path("text").asText(""));
                    }
                }
                case "content_block_delta" -> {
                    Block block = blocks.computeIfAbsent(data.path("index").asInt(), i -> new Block("text"));
                    JsonNode delta = data.path("delta");
                    switch (delta.path("type").asText()) {
                        case "text_delta" -> text(block, delta.path("text").asText(""));
                        case "input_json_delta" -> {
                            String fragment = delta.path("partial_json").asText("");
                            block.content.append(fragment);
                            if (block.structured) {
                                if (!fragment.isEmpty()) {
                                    listener.onText(fragment);
                                }
                            } else {
                                listener.onToolCallDelta(block.toolIndex, block.name, fragment);
                            }
                        }
                        default -> {} // thinking_delta, signature_delta
                    }
                }
                case "message_delta" -> {
                    if (data.path("delta").hasNonNull("stop_reason")) {
                        stop = data.path("delta").get("stop_reason").asText();
                    }
                    mergeUsage(data.get("usage"));
                }
                case "message_stop" -> check.terminated();
                case "error" -> check.error(data);
                default -> {} // ping, content_block_stop, and event types added later
            }
        }

        private void text(Block block, String delta) {
            if (!delta.isEmpty()) {
                block.content.append(delta);
                listener.onText(delta);
            }
        }

        /** {@code message_delta} usage is cumulative: later values replace earlier ones field by field. */
        private void mergeUsage(JsonNode u) {
            if (u != null && u.isObject()) {
                u.fields().forEachRemaining(e -> {
                    if (!e.getValue().isNull()) {
                        usage.set(e.getKey(), e.getValue());
                    }
                });
            }
        }

        @Override
        public int events() {
            return check.events();
        }

        @Override
        public LlmResponse finish() {
            check.throwIfFailed();
            ObjectNode raw = Json.object().put("id", id).put("type", "message").put("role", "assistant");
            raw.put("model", model);
            ArrayNode content = raw.putArray("content");
            StringBuilder text = new StringBuilder();
            List<ToolCall> calls = new ArrayList<>();
            for (Block b : blocks.values()) {
                if (b.type.equals("text")) {
                    text.append(b.content);
                    content.addObject().put("type", "text").put("text", b.content.toString());
                } else if (b.type.equals("tool_use")) {
                    JsonNode input = OpenAiChatAdapter.arguments(b.content.toString());
                    calls.add(new ToolCall(b.id, b.name, input));
                    content.addObject()
                            .put("type", "tool_use")
                            .put("id", b.id)
                            .put("name", b.name)
                            .set("input", input);
                }
            }
            raw.put("stop_reason", stop);
            raw.set("usage", usage);
            return build(request, text.toString(), calls, stop, model, AnthropicChatAdapter.usage(usage), raw);
        }
    }

    private static final class Block {
        final String type;
        final StringBuilder content = new StringBuilder();
        String id;
        String name;
        boolean structured;
        int toolIndex;

        Block(String type) {
            this.type = type;
        }
    }
}
