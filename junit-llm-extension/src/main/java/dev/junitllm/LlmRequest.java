package dev.junitllm;

import static org.apiguardian.api.API.Status.STABLE;

import dev.junitllm.internal.util.Text;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A provider-neutral chat request. Adapters translate it to each provider's exact wire format.
 *
 * <pre>{@code
 * LlmRequest request = LlmRequest.builder()
 *     .system("You are a support assistant for ACME.")
 *     .user("Can I return shoes after 40 days?")
 *     .temperature(0.0)
 *     .maxTokens(300)
 *     .build();
 * LlmResponse response = llm.chat(request);
 * }</pre>
 *
 * <p>Unset parameters are left out of the wire request, so the provider's defaults apply.
 */
@API(status = STABLE)
public final class LlmRequest {

    private final List<Message> messages;
    private final Double temperature;
    private final Double topP;
    private final Long seed;
    private final List<String> stop;
    private final Integer maxTokens;
    private final ResponseFormat responseFormat;
    private final List<Tool> tools;
    private final String toolChoice;
    private final Map<String, Object> extraParameters;

    private LlmRequest(Builder b) {
        this.messages = List.copyOf(b.messages);
        this.temperature = b.temperature;
        this.topP = b.topP;
        this.seed = b.seed;
        this.stop = List.copyOf(b.stop);
        this.maxTokens = b.maxTokens;
        this.responseFormat = b.responseFormat;
        this.tools = List.copyOf(b.tools);
        this.toolChoice = b.toolChoice;
        this.extraParameters = Collections.unmodifiableMap(new LinkedHashMap<>(b.extraParameters));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A request with one user message. */
    public static LlmRequest ofUser(String user) {
        return builder().user(user).build();
    }

    /** A builder pre-filled with this request, for a follow-up turn or a variant. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.messages.addAll(messages);
        b.temperature = temperature;
        b.topP = topP;
        b.seed = seed;
        b.stop.addAll(stop);
        b.maxTokens = maxTokens;
        b.responseFormat = responseFormat;
        b.tools.addAll(tools);
        b.toolChoice = toolChoice;
        b.extraParameters.putAll(extraParameters);
        return b;
    }

    public List<Message> messages() {
        return messages;
    }

    /** The text of the system messages, joined by blank lines; empty if there are none. */
    public String systemText() {
        return String.join(
                "\n\n",
                messages.stream()
                        .filter(m -> m.role() == Message.Role.SYSTEM)
                        .map(Message::content)
                        .toList());
    }

    /** The text of the last user message; empty if there is none. */
    public String lastUserText() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role() == Message.Role.USER) {
                return messages.get(i).content();
            }
        }
        return "";
    }

    public Double temperature() {
        return temperature;
    }

    public Double topP() {
        return topP;
    }

    public Long seed() {
        return seed;
    }

    public List<String> stop() {
        return stop;
    }

    /** Maximum output tokens; {@code null} means the adapter's default. */
    public Integer maxTokens() {
        return maxTokens;
    }

    public ResponseFormat responseFormat() {
        return responseFormat;
    }

    public List<Tool> tools() {
        return tools;
    }

    /** {@code auto}, {@code none}, {@code required}, or a tool's name to force that tool; may be null. */
    public String toolChoice() {
        return toolChoice;
    }

    /** Provider-specific top-level parameters passed through as they are (e.g. {@code reasoning_effort}). */
    public Map<String, Object> extraParameters() {
        return extraParameters;
    }

    @Override
    public String toString() {
        String last = lastUserText();
        return "LlmRequest[" + messages.size() + " messages, last user: \"" + Text.abbreviate(last, 60) + "\"]";
    }

    /** Builds an {@link LlmRequest}; messages keep the order in which they were added. */
    public static final class Builder {
        private final List<Message> messages = new ArrayList<>();
        private Double temperature;
        private Double topP;
        private Long seed;
        private final List<String> stop = new ArrayList<>();
        private Integer maxTokens;
        private ResponseFormat responseFormat;
        private final List<Tool> tools = new ArrayList<>();
        private String toolChoice;
        private final Map<String, Object> extraParameters = new LinkedHashMap<>();

        private Builder() {}

        public Builder system(String content) {
            return message(Message.system(content));
        }

        public Builder user(String content) {
            return message(Message.user(content));
        }

        public Builder assistant(String content) {
            return message(Message.assistant(content));
        }

        /** Appends the model's earlier turn (text and tool calls) to the conversation. */
        public Builder assistant(LlmResponse response) {
            return message(Message.assistant(response));
        }

        public Builder toolResult(String toolCallId, String content) {
            return message(Message.toolResult(toolCallId, content));
        }

        public Builder message(Message message) {
            messages.add(Objects.requireNonNull(message, "message"));
            return this;
        }

        public Builder messages(List<Message> messages) {
            messages.forEach(this::message);
            return this;
        }

        /** Sampling temperature; OpenAI accepts 0..2, Anthropic 0..1. */
        public Builder temperature(double temperature) {
            if (temperature < 0 || temperature > 2) {
                throw new IllegalArgumentException("temperature must be within 0..2 but was " + temperature);
            }
            this.temperature = temperature;
            return this;
        }

        public Builder topP(double topP) {
            if (topP <= 0 || topP > 1) {
                throw new IllegalArgumentException("top_p must be within (0, 1] but was " + topP);
            }
            this.topP = topP;
            return this;
        }

        /** A seed for best-effort determinism (OpenAI); providers do not guarantee it. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder stop(String... sequences) {
            stop.addAll(List.of(sequences));
            return this;
        }

        public Builder maxTokens(int maxTokens) {
            if (maxTokens <= 0) {
                throw new IllegalArgumentException("max tokens must be positive but was " + maxTokens);
            }
            this.maxTokens = maxTokens;
            return this;
        }

        public Builder responseFormat(ResponseFormat responseFormat) {
            this.responseFormat = responseFormat;
            return this;
        }

        public Builder tool(Tool tool) {
            tools.add(Objects.requireNonNull(tool, "tool"));
            return this;
        }

        public Builder tools(List<Tool> tools) {
            tools.forEach(this::tool);
            return this;
        }

        /** {@code auto}, {@code none}, {@code required}, or the name of a tool to force. */
        public Builder toolChoice(String toolChoice) {
            this.toolChoice = toolChoice;
            return this;
        }

        /** A provider-specific top-level parameter, sent as it is (e.g. {@code reasoning_effort}). */
        public Builder parameter(String name, Object value) {
            extraParameters.put(Objects.requireNonNull(name, "name"), value);
            return this;
        }

        public LlmRequest build() {
            if (messages.isEmpty()) {
                throw new IllegalStateException("a request needs at least one message");
            }
            return new LlmRequest(this);
        }
    }
}
