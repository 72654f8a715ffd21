package dev.junitllm.internal.client;

import dev.junitllm.LlmClient;
import dev.junitllm.LlmProviderException;
import dev.junitllm.LlmRequest;
import dev.junitllm.LlmResponse;
import dev.junitllm.StreamListener;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/** Asks the primary, then the fallback when the primary fails for reasons of availability. */
final class FallbackLlmClient implements LlmClient {

    private final LlmClient primary;
    private final LlmClient fallback;
    private final Predicate<? super RuntimeException> unrecorded;

    FallbackLlmClient(LlmClient primary, LlmClient fallback, Predicate<? super RuntimeException> unrecorded) {
        this.primary = primary;
        this.fallback = fallback;
        this.unrecorded = unrecorded;
    }

    @Override
    public LlmResponse chat(LlmRequest request) {
        try {
            return primary.chat(request);
        } catch (RuntimeException e) {
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
        } catch (RuntimeException e) {
            if (delivered.get()) {
                throw e; // the listener already has part of the primary's answer; mixing in another would corrupt it
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
        } catch (RuntimeException e) {
            String reason = reason(e);
            return fallback instanceof DefaultLlmClient d ? d.embed(reason, texts) : fallback.embed(texts);
        }
    }

    /**
     * Why the fallback answers; rethrows what must not be handed over. A primary without a recording
     * hands over so that a case recorded while its primary failed (failures are not recorded) replays
     * the fallback's recorded answer; when the fallback has none either, its own miss is reported.
     */
    private String reason(RuntimeException e) {
        if (e instanceof LlmProviderException p && p.isTransient()) {
            return primary.modelId() + " failed: " + e.getMessage();
        }
        if (!(e instanceof LlmProviderException) && unrecorded.test(e)) {
            return primary.modelId() + " has no recording, so the fallback's recorded answer is replayed"
                    + " (the primary failed when the case was recorded, or its model changed since)";
        }
        throw e;
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
