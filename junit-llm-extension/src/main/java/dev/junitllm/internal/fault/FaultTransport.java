package dev.junitllm.internal.fault;

import dev.junitllm.LlmException;
import dev.junitllm.LlmFault;
import dev.junitllm.LlmProviderException;
import dev.junitllm.internal.client.Exchange;
import dev.junitllm.internal.client.ExchangeResult;
import dev.junitllm.internal.client.ProviderErrors;
import dev.junitllm.internal.client.RetryPolicy;
import dev.junitllm.internal.client.Sleeper;
import dev.junitllm.internal.client.SseEvent;
import dev.junitllm.internal.client.Transport;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Puts a case's {@link FaultPlan} in front of its transport (the cassette) for junit-llm's own
 * clients, and reacts to each injected fault as {@code HttpTransport} reacts to the real thing: it
 * retries what it would retry (429, 5xx, 529, connection failures, honouring {@code Retry-After},
 * at most {@code llm.retries} times), fails with the same {@link LlmProviderException}s otherwise, and
 * hands a content-filtered or malformed answer to the client's parser. A faulted attempt never reaches
 * the cassette, so it is never recorded; slow first tokens and stream cuts take the real answer from
 * it. Every fault that fires is noted in {@link FiredFaults} for the call's record.
 *
 * <pre>{@code
 * Transport t = new FaultTransport(cassetteTransport, plan, new RetryPolicy(2, Duration.ofSeconds(60), clock),
 *         Duration.ofSeconds(60), Sleeper.SYSTEM);
 * }</pre>
 */
public final class FaultTransport implements Transport {
    private final Transport delegate;
    private final FaultPlan plan;
    private final RetryPolicy retries;
    private final Duration readTimeout;
    private final Sleeper sleeper;

    /**
     * @param readTimeout how long a {@link LlmFault.Kind#TIMEOUT} without a delay waits before it fails
     */
    public FaultTransport(
            Transport delegate, FaultPlan plan, RetryPolicy retries, Duration readTimeout, Sleeper sleeper) {
        this.delegate = delegate;
        this.plan = plan;
        this.retries = retries;
        this.readTimeout = readTimeout;
        this.sleeper = sleeper;
    }

    @Override
    public ExchangeResult execute(Exchange exchange, Consumer<SseEvent> onEvent) {
        FiredFaults.clear();
        String what = exchange.model() + " " + exchange.path();
        long start = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            FaultSpec fault = plan.next(exchange);
            if (fault == null) {
                ExchangeResult result = delegate.execute(exchange, onEvent);
                return attempt == 1 ? result : withExtraLatency(result, start, Duration.ZERO);
            }
            Duration wait;
            switch (fault.kind()) {
                case RATE_LIMITED, QUOTA_EXHAUSTED, SERVER_ERROR, SERVICE_UNAVAILABLE, OVERLOADED -> {
                    ProviderFaults.HttpError error = ProviderFaults.httpError(fault, exchange);
                    FiredFaults.add(ProviderFaults.describe(fault, "HTTP " + error.status() + retryAfter(error)));
                    HttpHeaders headers = HttpHeaders.of(
                            error.headers().containsKey("retry-after")
                                    ? Map.of(
                                            "retry-after",
                                            List.of(error.headers().get("retry-after")))
                                    : Map.of(),
                            (name, value) -> true);
                    ProviderErrors.Parsed parsed = ProviderErrors.parse(error.body());
                    boolean spendLimit = ProviderErrors.spendLimitReached(error.status(), parsed);
                    String requestId = error.headers()
                            .getOrDefault("x-request-id", error.headers().get("request-id"));
                    if (!RetryPolicy.shouldRetry(error.status(), headers, spendLimit)
                            || attempt > retries.maxRetries()) {
                        throw ProviderErrors.httpError(
                                exchange,
                                error.status(),
                                error.body(),
                                requestId,
                                attempt,
                                spendLimit || RetryPolicy.retryableStatus(error.status()));
                    }
                    wait = retries.waitBefore(attempt, headers);
                }
                case CONNECTION_RESET -> {
                    FiredFaults.add(ProviderFaults.describe(fault, "connection closed before the answer"));
                    if (attempt > retries.maxRetries()) {
                        throw connectionFailure(what, "failed", attempt, "java.net.SocketException: Connection reset");
                    }
                    wait = retries.waitBefore(attempt, null);
                }
                case TIMEOUT -> {
                    Duration silence = fault.delay() != null ? fault.delay() : readTimeout;
                    FiredFaults.add(ProviderFaults.describe(fault, "no answer for " + silence.toMillis() + " ms"));
                    sleep(silence, what);
                    if (attempt > retries.maxRetries()) {
                        throw connectionFailure(
                                what,
                                "timed out",
                                attempt,
                                "java.net.http.HttpTimeoutException: no data for " + silence.toMillis() + " ms");
                    }
                    wait = retries.waitBefore(attempt, null);
                }
                case SLOW_FIRST_TOKEN -> {
                    Duration delay = ProviderFaults.slowFirstTokenDelay(fault);
                    FiredFaults.add(ProviderFaults.describe(fault, "first byte after " + delay.toMillis() + " ms"));
                    sleep(delay, what);
                    ExchangeResult result = delegate.execute(exchange, onEvent);
                    return withExtraLatency(result, start, delay);
                }
                case STREAM_CUT -> {
                    List<SseEvent> received = new ArrayList<>();
                    ExchangeResult result = delegate.execute(exchange, received::add);
                    if (result.status() < 200 || result.status() >= 300) {
                        return result;
                    }
                    List<SseEvent> events = result.events().isEmpty() ? received : result.events();
                    if (exchange.streaming()) {
                        int keep = ProviderFaults.eventsBeforeCut(fault, events.size());
                        FiredFaults.add(ProviderFaults.describe(
                                fault, "stream cut after " + keep + " of " + events.size() + " events"));
                        events.subList(0, keep).forEach(onEvent);
                        if (keep > 0) {
                            throw connectionFailure(
                                    what + " failed after " + keep
                                            + " stream events (not retried: deltas were already delivered)",
                                    attempt,
                                    "java.io.IOException: the connection ended early");
                        }
                    } else {
                        FiredFaults.add(ProviderFaults.describe(fault, "body cut half-way"));
                    }
                    if (attempt > retries.maxRetries()) {
                        throw connectionFailure(
                                what, "failed", attempt, "java.io.IOException: the connection ended early");
                    }
                    wait = retries.waitBefore(attempt, null);
                }
                case MALFORMED_JSON -> {
                    FiredFaults.add(ProviderFaults.describe(fault, "HTTP 200 with a body that is not JSON"));
                    if (exchange.streaming()) {
                        List<SseEvent> events = ProviderFaults.malformedEvents(exchange);
                        events.forEach(onEvent);
                        return injected(200, null, events, start);
                    }
                    throw new LlmProviderException(
                            what + " answered HTTP 200 with a body that is not a JSON object: "
                                    + ProviderErrors.abbreviate(ProviderFaults.malformedBody(exchange), 300),
                            200,
                            null,
                            null,
                            null,
                            false,
                            null);
                }
                case CONTENT_FILTER -> {
                    FiredFaults.add(ProviderFaults.describe(
                            fault,
                            ProviderFaults.anthropic(exchange)
                                    ? "stop_reason refusal"
                                    : "finish_reason content_filter"));
                    if (exchange.streaming()) {
                        List<SseEvent> events = ProviderFaults.contentFilterEvents(exchange);
                        events.forEach(onEvent);
                        return injected(200, null, events, start);
                    }
                    return injected(200, ProviderFaults.contentFilterBody(exchange), List.of(), start);
                }
                default -> throw new IllegalStateException("unknown fault " + fault.kind());
            }
            sleep(wait, what);
        }
    }

    private static String retryAfter(ProviderFaults.HttpError error) {
        String after = error.headers().get("retry-after");
        return after == null ? "" : ", retry-after " + after;
    }

    private static ExchangeResult injected(
            int status, com.fasterxml.jackson.databind.JsonNode body, List<SseEvent> events, long start) {
        return ExchangeResult.injected(status, body, events, Duration.ofNanos(System.nanoTime() - start));
    }

    /** The delegate's answer with the time this layer spent before it (faulted attempts, waits) added. */
    private static ExchangeResult withExtraLatency(ExchangeResult r, long start, Duration firstByteDelay) {
        Duration spent = Duration.ofNanos(System.nanoTime() - start);
        Duration recorded = r.latency() == null ? Duration.ZERO : r.latency();
        Duration latency = r.replayed() ? spent.plus(recorded) : spent;
        Duration ttft =
                r.timeToFirstEvent() == null ? null : r.timeToFirstEvent().plus(firstByteDelay);
        return new ExchangeResult(
                r.status(),
                r.body(),
                r.events(),
                r.requestId(),
                latency,
                ttft,
                r.recordedAt(),
                r.replayed(),
                r.injected());
    }

    private static LlmProviderException connectionFailure(String what, String kind, int attempts, String cause) {
        return connectionFailure(
                what + " " + kind + " after " + attempts + (attempts == 1 ? " attempt" : " attempts"), attempts, cause);
    }

    private static LlmProviderException connectionFailure(String message, int attempts, String cause) {
        return new LlmProviderException(
                message + ": " + cause + " (injected by @LlmFault)", 0, null, null, null, true, null);
    }

    private void sleep(Duration d, String what) {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmException("Interrupted while waiting for " + what, e);
        }
    }
}
