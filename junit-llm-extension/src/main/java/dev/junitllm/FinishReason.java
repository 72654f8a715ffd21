package dev.junitllm;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Locale;
import org.apiguardian.api.API;

/**
 * Why the model stopped, normalised across providers.
 *
 * <p>OpenAI's {@code stop}, {@code length}, {@code tool_calls}, {@code content_filter} and
 * Anthropic's {@code end_turn}, {@code stop_sequence}, {@code max_tokens}, {@code tool_use},
 * {@code refusal} all map to one of these values; anything else is {@link #OTHER} and the raw value
 * stays available in the response body.
 */
@API(status = STABLE)
public enum FinishReason {
    /** A natural end of the answer or a stop sequence. */
    STOP,
    /** Cut by the token limit. */
    LENGTH,
    /** The model asked for one or more tool calls. */
    TOOL_CALLS,
    /** Suppressed by a provider's content filter. */
    CONTENT_FILTER,
    /** The model refused to answer (a refusal field or stop reason). */
    REFUSAL,
    /** A stop reason this library does not know; see the raw response. */
    OTHER;

    /**
     * Maps a provider's raw finish or stop reason.
     *
     * <pre>{@code
     * FinishReason.fromProvider("end_turn");   // STOP
     * FinishReason.fromProvider("max_tokens"); // LENGTH
     * }</pre>
     */
    public static FinishReason fromProvider(String raw) {
        if (raw == null) {
            return OTHER;
        }
        switch (raw.toLowerCase(Locale.ROOT)) {
            case "stop":
            case "end_turn":
            case "stop_sequence":
                return STOP;
            case "length":
            case "max_tokens":
            case "model_context_window_exceeded":
                return LENGTH;
            case "tool_calls":
            case "tool_use":
            case "function_call":
                return TOOL_CALLS;
            case "content_filter":
                return CONTENT_FILTER;
            case "refusal":
                return REFUSAL;
            default:
                return OTHER;
        }
    }
}
