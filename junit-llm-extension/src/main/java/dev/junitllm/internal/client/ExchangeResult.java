package dev.junitllm.internal.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What came back for an {@link Exchange}: a JSON body, or for a stream the events in order.
 *
 * @param status the HTTP status (200 for a successful call)
 * @param body the JSON body; null for a stream
 * @param events the server-sent events of a stream, in order; empty for a plain call
 * @param requestId the provider's request id header, if any
 * @param latency the wall time of the call
 * @param timeToFirstEvent for a stream, the time until the first event; else null
 * @param recordedAt when the call was made live (for replays: when it was recorded)
 * @param replayed whether it came from a cassette
 * @param injected whether an {@code @LlmFault} made it up in place of the provider (neither replayed nor
 *     spent)
 */
public record ExchangeResult(
        int status,
        JsonNode body,
        List<SseEvent> events,
        String requestId,
        Duration latency,
        Duration timeToFirstEvent,
        Instant recordedAt,
        boolean replayed,
        boolean injected) {

    public ExchangeResult {
        events = events == null ? List.of() : List.copyOf(events);
    }

    /** An answer of the provider or of a cassette. */
    public ExchangeResult(
            int status,
            JsonNode body,
            List<SseEvent> events,
            String requestId,
            Duration latency,
            Duration timeToFirstEvent,
            Instant recordedAt,
            boolean replayed) {
        this(status, body, events, requestId, latency, timeToFirstEvent, recordedAt, replayed, false);
    }

    /** An answer an injected fault made up: no provider was asked and no cassette read. */
    public static ExchangeResult injected(int status, JsonNode body, List<SseEvent> events, Duration latency) {
        return new ExchangeResult(
                status, body, events, null, latency, events.isEmpty() ? null : latency, Instant.now(), false, true);
    }

    public ExchangeResult asReplayed() {
        return new ExchangeResult(status, body, events, requestId, latency, timeToFirstEvent, recordedAt, true);
    }

    /** Whether a provider answered it in this run, so its cost counts against the budget. */
    public boolean spent() {
        return !replayed && !injected;
    }
}
