package dev.junitllm.internal.client;

import java.util.function.Consumer;

/**
 * Carries an {@link Exchange} to wherever answers come from: the provider over HTTP, a cassette, or
 * a cassette backed by HTTP (record and auto modes). Implementations are thread-safe.
 */
public interface Transport {

    /**
     * Performs the exchange. For streams, each event is also handed to {@code onEvent} as it arrives
     * (live) or in recorded order (replay), before this method returns.
     *
     * @throws dev.junitllm.LlmException on HTTP errors after retries, missing recordings, budget
     */
    ExchangeResult execute(Exchange exchange, Consumer<SseEvent> onEvent);
}
