package dev.junitllm;

import static org.apiguardian.api.API.Status.STABLE;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junitllm.internal.util.Text;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apiguardian.api.API;

/**
 * What a model answered, normalised across providers, with its usage, cost and timing.
 *
 * <pre>{@code
 * LlmResponse r = llm.chat("How long do I have to return an item?");
 * r.text();          // "You can return items within 30 days..."
 * r.finishReason();  // STOP
 * r.usage();         // Usage[inputTokens=42, outputTokens=17, ...]
 * r.costUsd();       // OptionalDouble[1.65E-5], empty when the model has no known price
 * }</pre>
 */
@API(status = STABLE)
public final class LlmResponse {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String text;
    private final List<ToolCall> toolCalls;
    private final FinishReason finishReason;
    private final String rawFinishReason;
    private final String model;
    private final String requestedModel;
    private final String requestId;
    private final Usage usage;
    private final Double costUsd;
    private final Duration latency;
    private final Duration timeToFirstToken;
    private final CallRole role;
    private final boolean replayed;
    private final String fallbackReason;
    private final JsonNode rawBody;
    private final LlmRequest request;

    private LlmResponse(Builder b) {
        this.text = b.text == null ? "" : b.text;
        this.toolCalls = List.copyOf(b.toolCalls);
        this.finishReason = Objects.requireNonNullElse(b.finishReason, FinishReason.OTHER);
        this.rawFinishReason = b.rawFinishReason;
        this.model = b.model;
        this.requestedModel = b.requestedModel;
        this.requestId = b.requestId;
        this.usage = Objects.requireNonNullElse(b.usage, Usage.NONE);
        this.costUsd = b.costUsd;
        this.latency = Objects.requireNonNullElse(b.latency, Duration.ZERO);
        this.timeToFirstToken = b.timeToFirstToken;
        this.role = Objects.requireNonNullElse(b.role, CallRole.MODEL);
        this.replayed = b.replayed;
        this.fallbackReason = b.fallbackReason;
        this.rawBody = b.rawBody;
        this.request = b.request;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .text(text)
                .toolCalls(toolCalls)
                .finishReason(finishReason, rawFinishReason)
                .model(model)
                .requestedModel(requestedModel)
                .requestId(requestId)
                .usage(usage)
                .costUsd(costUsd)
                .latency(latency)
                .timeToFirstToken(timeToFirstToken)
                .role(role)
                .replayed(replayed)
                .fallbackReason(fallbackReason)
                .rawBody(rawBody)
                .request(request);
    }

    /** The answer's text (all text blocks joined); empty when the model only called tools. */
    public String text() {
        return text;
    }

    /**
     * The text parsed as JSON, for structured output.
     *
     * @throws LlmException if the text is not valid JSON, with the text in the message
     */
    public JsonNode json() {
        try {
            return JSON.readTree(stripCodeFence(text));
        } catch (JsonProcessingException e) {
            throw new LlmException(
                    "The response text is not valid JSON (" + e.getOriginalMessage() + "): "
                            + Text.abbreviate(text, 200),
                    e);
        }
    }

    /**
     * The JSON inside a model answer: {@code text} stripped, and without one surrounding Markdown code
     * fence if it has one ({@code ```json ... ```}); otherwise the stripped text. {@link #json()} parses
     * this; use it to parse answers with a mapper of one's own.
     *
     * <pre>{@code
     * LlmResponse.stripCodeFence("```json\n{\"id\":1}\n```"); // "{\"id\":1}\n"
     * LlmResponse.stripCodeFence("  {\"id\":1} ");             // "{\"id\":1}"
     * }</pre>
     */
    public static String stripCodeFence(String s) {
        String t = s.strip();
        if (t.startsWith("```")) {
            int firstNewline = t.indexOf('\n');
            int lastFence = t.lastIndexOf("```");
            if (firstNewline > 0 && lastFence > firstNewline) {
                return t.substring(firstNewline + 1, lastFence);
            }
        }
        return t;
    }

    public List<ToolCall> toolCalls() {
        return toolCalls;
    }

    public FinishReason finishReason() {
        return finishReason;
    }

    /** The provider's own finish/stop reason, e.g. {@code end_turn}. */
    public String rawFinishReason() {
        return rawFinishReason;
    }

    /** The model as the provider reported it (often a dated version, e.g. {@code gpt-4o-mini-2024-07-18}). */
    public String model() {
        return model;
    }

    /** The model id that was asked for, as {@code provider:model}. */
    public String requestedModel() {
        return requestedModel;
    }

    /** The provider's request id ({@code x-request-id} / {@code request-id}), if it sent one. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    public Usage usage() {
        return usage;
    }

    /** The call's cost in US dollars; empty when the model's price is unknown (never a made-up 0). */
    public OptionalDouble costUsd() {
        return costUsd == null ? OptionalDouble.empty() : OptionalDouble.of(costUsd);
    }

    /** Wall time of the call as recorded (for a replayed call: the latency when it was recorded). */
    public Duration latency() {
        return latency;
    }

    /** For a streamed call, the time until the first content delta arrived. */
    public Optional<Duration> timeToFirstToken() {
        return Optional.ofNullable(timeToFirstToken);
    }

    public CallRole role() {
        return role;
    }

    /** Whether the answer came from a cassette instead of the network. */
    public boolean replayed() {
        return replayed;
    }

    /** When a fallback model answered: why the primary did not. Empty otherwise. */
    public Optional<String> fallbackReason() {
        return Optional.ofNullable(fallbackReason);
    }

    /** The provider's response body as received (for streams: the assembled equivalent). */
    public JsonNode rawBody() {
        return rawBody;
    }

    /**
     * The request this answers, as the provider received it (messages with tool calls and tool results,
     * and tools), when known: always for the calls of {@link LlmContext#modelCalls()}, which is how a
     * {@link Conversation} sees an agent's steps:
     *
     * <pre>{@code
     * LlmResponse step = LlmContext.current().orElseThrow().modelCalls().get(0);
     * int messagesSent = step.request().map(r -> r.messages().size()).orElse(0);
     * }</pre>
     */
    @API(status = API.Status.EXPERIMENTAL)
    public Optional<LlmRequest> request() {
        return Optional.ofNullable(request);
    }

    @Override
    public String toString() {
        return "LlmResponse[model=" + model + ", finish=" + finishReason + ", text=\"" + Text.abbreviate(text, 80)
                + "\"" + (toolCalls.isEmpty() ? "" : ", toolCalls=" + toolCalls.size()) + "]";
    }

    /** Builds responses; used by provider adapters and by tests that need a hand-made response. */
    public static final class Builder {
        private String text;
        private List<ToolCall> toolCalls = List.of();
        private FinishReason finishReason;
        private String rawFinishReason;
        private String model;
        private String requestedModel;
        private String requestId;
        private Usage usage;
        private Double costUsd;
        private Duration latency;
        private Duration timeToFirstToken;
        private CallRole role;
        private boolean replayed;
        private String fallbackReason;
        private JsonNode rawBody;
        private LlmRequest request;

        private Builder() {}

        public Builder text(String text) {
            this.text = text;
            return this;
        }

        public Builder toolCalls(List<ToolCall> toolCalls) {
            this.toolCalls = toolCalls == null ? List.of() : toolCalls;
            return this;
        }

        /** Sets the raw reason and its normalised form. */
        public Builder finishReason(String raw) {
            return finishReason(FinishReason.fromProvider(raw), raw);
        }

        public Builder finishReason(FinishReason finishReason, String raw) {
            this.finishReason = finishReason;
            this.rawFinishReason = raw;
            return this;
        }

        public Builder model(String model) {
            this.model = model;
            return this;
        }

        public Builder requestedModel(String requestedModel) {
            this.requestedModel = requestedModel;
            return this;
        }

        public Builder requestId(String requestId) {
            this.requestId = requestId;
            return this;
        }

        public Builder usage(Usage usage) {
            this.usage = usage;
            return this;
        }

        /** The cost in USD, or {@code null} when unknown. */
        public Builder costUsd(Double costUsd) {
            this.costUsd = costUsd;
            return this;
        }

        public Builder latency(Duration latency) {
            this.latency = latency;
            return this;
        }

        public Builder timeToFirstToken(Duration timeToFirstToken) {
            this.timeToFirstToken = timeToFirstToken;
            return this;
        }

        public Builder role(CallRole role) {
            this.role = role;
            return this;
        }

        public Builder replayed(boolean replayed) {
            this.replayed = replayed;
            return this;
        }

        public Builder fallbackReason(String fallbackReason) {
            this.fallbackReason = fallbackReason;
            return this;
        }

        public Builder rawBody(JsonNode rawBody) {
            this.rawBody = rawBody;
            return this;
        }

        /** The request this response answers: {@code LlmResponse.builder().text("ok").request(request).build()}. */
        @API(status = API.Status.EXPERIMENTAL)
        public Builder request(LlmRequest request) {
            this.request = request;
            return this;
        }

        public LlmResponse build() {
            return new LlmResponse(this);
        }
    }
}
