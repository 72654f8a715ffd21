package dev.junitllm.internal.results;

import dev.junitllm.CallRole;
import dev.junitllm.Usage;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One model call as it lands in the results: who was called for what, what it cost and how long it
 * took. Written to {@code llm-results.json} under each sample's {@code calls}.
 *
 * @param role model under test or judge
 * @param model the model as requested, {@code provider:model}
 * @param providerModel the model version the provider reported, e.g. {@code gpt-4o-mini-2024-07-18}
 * @param replayed whether the answer came from a cassette
 * @param usage token counts
 * @param costUsd the cost in USD; null when the model's price is unknown
 * @param latency wall time (recorded latency for replays)
 * @param timeToFirstToken for streams; else null
 * @param fallbackReason when a fallback model answered, why the primary did not; else null
 * @param request a one-line summary of the request (last user message)
 * @param response the answer text (or a summary of its tool calls)
 * @param error the error message when the call failed; else null
 * @param faults the injected faults ({@link dev.junitllm.LlmFault}) that fired on this call, in order;
 *     empty when none
 */
public record CallRecord(
        CallRole role,
        String model,
        String providerModel,
        boolean replayed,
        Usage usage,
        Double costUsd,
        Duration latency,
        Duration timeToFirstToken,
        String fallbackReason,
        String request,
        String response,
        String error,
        List<String> faults) {

    public CallRecord {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(model, "model");
        usage = usage == null ? Usage.NONE : usage;
        latency = latency == null ? Duration.ZERO : latency;
        faults = faults == null ? List.of() : List.copyOf(faults);
    }

    /** A call on which no fault fired. */
    public CallRecord(
            CallRole role,
            String model,
            String providerModel,
            boolean replayed,
            Usage usage,
            Double costUsd,
            Duration latency,
            Duration timeToFirstToken,
            String fallbackReason,
            String request,
            String response,
            String error) {
        this(
                role,
                model,
                providerModel,
                replayed,
                usage,
                costUsd,
                latency,
                timeToFirstToken,
                fallbackReason,
                request,
                response,
                error,
                List.of());
    }

    /** This call with the faults that fired on it. */
    public CallRecord withFaults(List<String> fired) {
        if (fired == null || fired.isEmpty()) {
            return this;
        }
        return new CallRecord(
                role,
                model,
                providerModel,
                replayed,
                usage,
                costUsd,
                latency,
                timeToFirstToken,
                fallbackReason,
                request,
                response,
                error,
                fired);
    }
}
