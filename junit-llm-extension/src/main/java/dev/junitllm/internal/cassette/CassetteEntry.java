package dev.junitllm.internal.cassette;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junitllm.internal.client.SseEvent;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * One recorded exchange. {@code request} is the redacted canonical body the key was computed from;
 * a plain call keeps {@code status} and {@code body}, a stream keeps its {@code events} (status 200).
 *
 * @param owner the test that recorded it (the {@code "test"} field), e.g. {@code a.b.RefundTest#refunds[refund-03]}
 * @param model the model as requested, without the provider
 * @param providerModel the model version the provider reported; null when it reported none
 * @param ttftMs time to the first event of a stream; null for plain calls
 * @param events the stream's events in order; null for a plain call
 */
record CassetteEntry(
        String key,
        String owner,
        String role,
        int sample,
        int occurrence,
        String provider,
        String path,
        String model,
        String providerModel,
        Instant recordedAt,
        long latencyMs,
        Long ttftMs,
        ObjectNode request,
        int status,
        JsonNode body,
        List<SseEvent> events) {

    /** The order of entries in a file: by test, sample, then key. */
    static final Comparator<CassetteEntry> FILE_ORDER = Comparator.comparing(CassetteEntry::owner)
            .thenComparingInt(CassetteEntry::sample)
            .thenComparing(CassetteEntry::key);

    CassetteEntry {
        events = events == null ? null : List.copyOf(events);
    }

    /** What identifies an entry in its cassette: the owning test and the request key. */
    static String id(String owner, String key) {
        return owner + '\u0000' + key;
    }

    String id() {
        return id(owner, key);
    }

    boolean streaming() {
        return events != null;
    }
}
