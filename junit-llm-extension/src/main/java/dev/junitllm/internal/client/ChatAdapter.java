package dev.junitllm.internal.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junitllm.CallRole;
import dev.junitllm.LlmProviderException;
import dev.junitllm.LlmRequest;
import dev.junitllm.LlmResponse;
import dev.junitllm.ModelId;
import dev.junitllm.StreamListener;

/**
 * One provider's chat wire format: request to body, body to response, stream events to deltas and a
 * response. Nothing here touches HTTP. The responses it builds carry the provider's fields only;
 * the client adds role, cost, timing and the replayed flag.
 */
interface ChatAdapter {

    Exchange exchange(ModelId model, CallRole role, LlmRequest request, boolean stream);

    LlmResponse parse(LlmRequest request, JsonNode body);

    StreamAssembler assembler(LlmRequest request, StreamListener listener);

    /** Consumes one stream's events, live or replayed, and assembles the answer. */
    interface StreamAssembler {

        /** One event. Never throws for provider errors: they are kept and raised by {@link #finish()}. */
        void accept(SseEvent event);

        /** How many events were accepted. */
        int events();

        /**
         * The assembled answer.
         *
         * @throws LlmProviderException when the stream carried an error or ended without its terminal event
         */
        LlmResponse finish();
    }
}
