package dev.junitllm.internal.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junitllm.LlmProviderException;

/**
 * What every chat stream assembler must track to fail correctly, whatever the wire format: how many
 * events came, the first error the provider sent, the first payload that was not JSON, and whether
 * the terminal event arrived. {@link #throwIfFailed()} raises them in that order. All such failures
 * are transient: the provider, not the request, is at fault, so a fallback model may take over.
 */
final class StreamCheck {

    private final String unit;
    private final String terminal;
    private int events;
    private ProviderErrors.Parsed error;
    private String malformed;
    private boolean done;

    /**
     * @param unit what the format calls one payload, with its article: {@code "an event"}
     * @param terminal the event that ends a complete stream: {@code "message_stop"}
     */
    StreamCheck(String unit, String terminal) {
        this.unit = unit;
        this.terminal = terminal;
    }

    void arrived() {
        events++;
    }

    int events() {
        return events;
    }

    /** An error event, or a chunk with an {@code error} object; the first one is reported. */
    void error(JsonNode body) {
        if (error == null) {
            error = ProviderErrors.parse(body);
        }
    }

    /** A payload that did not parse as a JSON object; blank ones are ignored, the first other is reported. */
    void notJson(String payload) {
        if (malformed == null && payload != null && !payload.isBlank()) {
            malformed = ProviderErrors.abbreviate(payload, 200);
        }
    }

    void terminated() {
        done = true;
    }

    void throwIfFailed() {
        if (error != null) {
            throw new LlmProviderException(
                    "The stream carried an error" + (error.type() == null ? "" : " (" + error.type() + ")") + ": "
                            + error.message() + " [after " + events + " events]",
                    200,
                    error.type(),
                    error.message(),
                    error.requestId(),
                    true,
                    null);
        }
        if (malformed != null) {
            throw failure("The stream carried " + unit + " that is not JSON: " + malformed);
        }
        if (!done) {
            throw failure("The stream ended without its terminal event (" + terminal + ") after " + events
                    + " events: the answer is incomplete, not short");
        }
    }

    private static LlmProviderException failure(String message) {
        return new LlmProviderException(message, 200, null, null, null, true, null);
    }
}
