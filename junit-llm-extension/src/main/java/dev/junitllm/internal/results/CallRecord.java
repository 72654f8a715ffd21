package dev.junitllm.internal.results;

import dev.junitllm.CallRole;
import dev.junitllm.Usage;
import java.time.Duration;
import java.time.Instant;
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
 * @param startedAt when the call began in this run (wall clock, also for a replayed call)
 * @param latency wall time (recorded latency for replays)
 * @param timeToFirstToken for streams; else null
 * @param fallbackReason when a fallback model answered, why the primary did not; else null
 * @param request a one-line summary of the request (last user message)
 * @param response the answer text (or a summary of its tool calls)
 * @param finishReason the provider's finish or stop reason as the wire carried it ({@code stop},
 *     {@code end_turn} …); null for a failed call, an embedding or when the provider sent none
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
        Instant startedAt,
        Duration latency,
        Duration timeToFirstToken,
        String fallbackReason,
        String request,
        String response,
        String finishReason,
        String error,
        List<String> faults) {

    public CallRecord {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(model, "model");
        usage = usage == null ? Usage.NONE : usage;
        latency = latency == null ? Duration.ZERO : latency;
        faults = faults == null ? List.of() : List.copyOf(faults);
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
                startedAt,
                latency,
                timeToFirstToken,
                fallbackReason,
                request,
                response,
                finishReason,
                error,
                fired);
    }
}
