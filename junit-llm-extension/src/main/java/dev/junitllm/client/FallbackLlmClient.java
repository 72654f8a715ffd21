package dev.junitllm.client;

import dev.junitllm.LlmClient;
import dev.junitllm.LlmRequest;
import dev.junitllm.LlmResponse;
import dev.junitllm.StreamListener;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** Asks the primary, then the fallback when the primary fails for reasons of availability. */
final class FallbackLlmClient implements LlmClient {

    private final LlmClient primary;
    private final LlmClient fallback;

    FallbackLlmClient(LlmClient primary, LlmClient fallback) {
        this.primary = primary;
        this.fallback = fallback;
    }

    @Override
    public LlmResponse chat(LlmRequest request) {
        try {
            return primary.chat(request);
        } catch (LlmProviderException e) {
            String reason = reason(e);
            if (fallback instanceof DefaultLlmClient d) {
                return d.call(request, null, reason);
            }
            return fallback.chat(request).toBuilder().fallbackReason(reason).build();
        }
    }

    @Override
    public LlmResponse chatStream(LlmRequest request, StreamListener listener) {
        AtomicBoolean delivered = new AtomicBoolean();
        StreamListener tracking = new StreamListener() {
            @Override
            public void onText(String delta) {
                delivered.set(true);
                listener.onText(delta);
            }

            @Override
            public void onToolCallDelta(int index, String name, String argumentsFragment) {
                delivered.set(true);
                listener.onToolCallDelta(index, name, argumentsFragment);
            }
        };
        try {
            return primary.chatStream(request, tracking);
        } catch (LlmProviderException e) {
            if (delivered.get()) {
                throw e; // the listener already has part of the primary's answer; mixing in another would corrupt it
            }
            if (!e.isTransient()) {
                throw e;
            }
            String reason = reason(e);
            if (fallback instanceof DefaultLlmClient d) {
                return d.call(request, listener, reason);
            }
            return fallback.chatStream(request, listener).toBuilder()
                    .fallbackReason(reason)
                    .build();
        }
    }

    @Override
    public List<float[]> embed(String... texts) {
        try {
            return primary.embed(texts);
        } catch (LlmProviderException e) {
            String reason = reason(e);
            return fallback instanceof DefaultLlmClient d ? d.embed(reason, texts) : fallback.embed(texts);
        }
    }

    /** Non-transient failures (bad requests) are rethrown; otherwise the reason names the primary and its error. */
    private String reason(LlmProviderException e) {
        if (!e.isTransient()) {
            throw e;
        }
        return primary.modelId() + " failed: " + e.getMessage();
    }

    @Override
    public String modelId() {
        return primary.modelId();
    }

    @Override
    public String toString() {
        return "LlmClient[" + primary.modelId() + ", fallback " + fallback.modelId() + "]";
    }
}
