package dev.junitllm.internal.cassette;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junitllm.LlmMode;
import dev.junitllm.MissingRecordingException;
import dev.junitllm.internal.client.Exchange;
import dev.junitllm.internal.client.ExchangeResult;
import dev.junitllm.internal.client.SseEvent;
import dev.junitllm.internal.client.Transport;
import dev.junitllm.internal.redact.Redactor;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * The {@link Transport} of one test case: answers from the class's {@link Cassette}, from the live
 * transport, or both, as the {@link LlmMode} says.
 *
 * <ul>
 *   <li>{@code replay}: from the cassette only; a miss throws {@link MissingRecordingException}.
 *   <li>{@code record}: always live; successful answers (2xx) replace their recordings, failures are
 *       not recorded; at {@link Cassette#flush()} this test's recordings that were not made again are
 *       pruned.
 *   <li>{@code auto}: from the cassette when recorded, else live and recorded.
 *   <li>{@code live}: always live; the cassette is neither read nor written.
 * </ul>
 *
 * <p>A recording belongs to its test ({@code testId}) and is found by its key: the canonical request
 * (provider, path, body with sorted keys and without volatile fields), the role, the sample index and
 * the occurrence (the n-th identical request within the sample). Two tests that send the same request
 * have separate recordings, so re-recording one never changes what the other replays. Streams are
 * replayed event by event to {@code onEvent}.
 *
 * <pre>{@code
 * Transport transport = new CassetteTransport(
 *         store.cassette(RefundTest.class), LlmMode.AUTO, httpTransport,
 *         "dev.example.RefundTest#refunds[refund-03]", () -> currentSample);
 * }</pre>
 */
public final class CassetteTransport implements Transport {
    private final Cassette cassette;
    private final LlmMode mode;
    private final Transport live;
    private final String testId;
    private final IntSupplier sampleIndex;
    private final OccurrenceCounter occurrences = new OccurrenceCounter();

    /**
     * @param cassette the cassette of the test class
     * @param mode where answers come from
     * @param live the transport to the provider; may be null in replay mode only
     * @param testId the test case that owns the recordings, as
     *     {@code <binary class name>#<method name>[<invocation>]}, e.g.
     *     {@code dev.example.RefundTest#refunds[refund-03]}; it must be stable from run to run (use the
     *     dataset row id, not a row number, when there is one) because it is part of what finds a
     *     recording, and the method name is used to prune recordings of renamed methods
     * @param sampleIndex the sample running now, from 0
     */
    public CassetteTransport(Cassette cassette, LlmMode mode, Transport live, String testId, IntSupplier sampleIndex) {
        this.cassette = Objects.requireNonNull(cassette, "cassette");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.testId = Objects.requireNonNull(testId, "testId");
        this.sampleIndex = Objects.requireNonNull(sampleIndex, "sampleIndex");
        if (live == null && mode.callsLive()) {
            throw new IllegalArgumentException("Mode " + mode + " needs a live transport");
        }
        this.live = live;
        if (mode == LlmMode.RECORD) {
            cassette.markRecording(testId);
        }
    }

    @Override
    public ExchangeResult execute(Exchange exchange, Consumer<SseEvent> onEvent) {
        if (mode == LlmMode.LIVE) {
            return live.execute(exchange, onEvent);
        }
        ObjectNode request = cassette.canonicalRequest(exchange);
        String provider = exchange.model().provider();
        String role = exchange.role().wireName();
        int sample = sampleIndex.getAsInt();
        String compact = CanonicalRequest.compact(request);
        String identity = CanonicalRequest.key(provider, exchange.path(), role, sample, 0, compact);
        int occurrence = occurrences.take(identity);
        boolean done = false;
        try {
            String key = occurrence == 0
                    ? identity
                    : CanonicalRequest.key(provider, exchange.path(), role, sample, occurrence, compact);
            ExchangeResult result;
            if (mode == LlmMode.RECORD) {
                result = record(exchange, onEvent, key, request, sample, occurrence);
            } else {
                Optional<CassetteEntry> recorded = cassette.find(testId, key);
                if (recorded.isPresent()) {
                    result = replay(recorded.get(), onEvent);
                } else if (mode == LlmMode.AUTO) {
                    result = record(exchange, onEvent, key, request, sample, occurrence);
                } else {
                    throw new MissingRecordingException(
                            cassette.missingMessage(exchange, testId, sample, occurrence, key, request));
                }
            }
            done = isSuccess(result.status());
            return result;
        } finally {
            if (!done) {
                occurrences.giveBack(identity, occurrence);
            }
        }
    }

    private ExchangeResult record(
            Exchange exchange, Consumer<SseEvent> onEvent, String key, ObjectNode request, int sample, int occurrence) {
        cassette.ensureLoaded(); // a corrupted cassette fails before any money is spent
        ExchangeResult result;
        try {
            result = live.execute(exchange, onEvent);
        } catch (RuntimeException e) {
            cassette.markIncomplete(testId);
            throw e;
        }
        if (!isSuccess(result.status())) {
            cassette.markIncomplete(testId);
            return result;
        }
        Redactor redactor = cassette.redactor();
        Instant recordedAt =
                (result.recordedAt() == null ? Instant.now() : result.recordedAt()).truncatedTo(ChronoUnit.SECONDS);
        boolean stream = exchange.streaming() || result.body() == null;
        JsonNode body = stream ? null : redactor.redact(result.body());
        cassette.put(new CassetteEntry(
                key,
                testId,
                exchange.role().wireName(),
                sample,
                occurrence,
                exchange.model().provider(),
                exchange.path(),
                redactor.redact(exchange.model().model()),
                redactor.redact(
                        stream ? streamModel(result) : textOrNull(result.body().get("model"))),
                recordedAt,
                millis(result.latency()),
                result.timeToFirstEvent() == null ? null : millis(result.timeToFirstEvent()),
                request,
                result.status(),
                body,
                stream
                        ? result.events().stream()
                                .map(e -> new SseEvent(redactor.redact(e.event()), redactEventData(redactor, e.data())))
                                .toList()
                        : null));
        return result;
    }

    private static ExchangeResult replay(CassetteEntry entry, Consumer<SseEvent> onEvent) {
        if (entry.streaming() && onEvent != null) {
            entry.events().forEach(onEvent);
        }
        return new ExchangeResult(
                entry.status(),
                entry.body(),
                entry.events(),
                null,
                Duration.ofMillis(entry.latencyMs()),
                entry.ttftMs() == null ? null : Duration.ofMillis(entry.ttftMs()),
                entry.recordedAt(),
                true);
    }

    /** The model a stream reported: OpenAI chunks carry {@code model}, Anthropic's message_start {@code message.model}. */
    private static String streamModel(ExchangeResult result) {
        for (SseEvent event : result.events()) {
            JsonNode data = CassetteFormat.eventData(event.data());
            String model = textOrNull(data.get("model"));
            if (model == null) {
                model = textOrNull(data.path("message").get("model"));
            }
            if (model != null) {
                return model;
            }
        }
        return null;
    }

    private static String textOrNull(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : null;
    }

    private static long millis(Duration duration) {
        return duration == null ? 0 : duration.toMillis();
    }

    private static boolean isSuccess(int status) {
        return status >= 200 && status < 300;
    }

    /**
     * The data of a stream event: when it is JSON, redacted as JSON ({@link Redactor#redact(JsonNode)}) and
     * written compactly again only if something changed; other text by {@link Redactor#redact(String)}.
     */
    private static String redactEventData(Redactor redactor, String data) {
        if (data == null) {
            return null;
        }
        JsonNode parsed = CassetteFormat.eventData(data);
        if (parsed.isTextual()) {
            return redactor.redact(data);
        }
        JsonNode redacted = redactor.redact(parsed);
        return redacted.equals(parsed) ? data : CanonicalRequest.compact(redacted);
    }
}
