package dev.junitllm.internal.proxy;

import dev.junitllm.internal.client.Exchange;
import dev.junitllm.internal.client.ExchangeResult;
import java.time.Instant;

/**
 * Hears about every call that passes through a {@link LocalLlmProxy}, so that its usage, cost and
 * latency land in the test's results. Called on the proxy's thread before the SDK receives the end
 * of the response, so the call is known by the time the SDK returns to the test.
 *
 * <pre>{@code
 * ProxyListener listener = (exchange, result, receivedAt) -> ledger.add(toCallRecord(exchange, result, receivedAt));
 * }</pre>
 */
@FunctionalInterface
public interface ProxyListener {
    /** Does nothing. */
    ProxyListener NONE = (exchange, result, receivedAt) -> {};

    /**
     * A call completed (from the cassette or live), including provider errors passed through; {@code
     * receivedAt} is when the proxy received the request.
     */
    void onExchange(Exchange exchange, ExchangeResult result, Instant receivedAt);

    /** A call failed inside junit-llm (e.g. no recording); the SDK receives an error response. */
    default void onFailure(Exchange exchange, RuntimeException error, Instant receivedAt) {}
}
