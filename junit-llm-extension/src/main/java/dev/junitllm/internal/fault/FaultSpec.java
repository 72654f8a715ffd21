package dev.junitllm.internal.fault;

import dev.junitllm.LlmFault;
import dev.junitllm.ModelId;
import dev.junitllm.internal.client.HttpTransportConfig;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * One {@link LlmFault}, checked: what goes wrong, on which calls, with which details.
 *
 * @param kind what goes wrong
 * @param onCall the first matching call hit, from 1
 * @param calls how many consecutive matching calls are hit
 * @param rate the probability that a call in the window is hit
 * @param seed seeds the draw per sample
 * @param model only calls to this model; null for all
 * @param retryAfter the {@code Retry-After} seconds; negative: none
 * @param delay the delay of a slow first token or a timeout; null for the default
 * @param afterEvents the events before a stream cut; negative: half
 * @param where where it was declared, for messages: {@code @LlmFault(RATE_LIMITED) on RefundTest#storm}
 */
public record FaultSpec(
        LlmFault.Kind kind,
        int onCall,
        int calls,
        double rate,
        long seed,
        ModelId model,
        int retryAfter,
        Duration delay,
        int afterEvents,
        String where) {

    public FaultSpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(where, "where");
    }

    /** A fault on every call, with defaults: for tests. */
    public static FaultSpec of(LlmFault.Kind kind) {
        return new FaultSpec(kind, 1, LlmFault.ALL, 1.0, 0, null, -1, null, -1, "@LlmFault(" + kind + ")");
    }

    /**
     * Reads an annotation.
     *
     * @param declaredOn e.g. {@code RefundTest#storm}, named in messages
     * @throws IllegalArgumentException naming the annotation, the attribute, the value and what is allowed
     */
    public static FaultSpec from(LlmFault fault, String declaredOn) {
        String where = "@LlmFault(" + fault.value() + ") on " + declaredOn;
        if (fault.onCall() < 1) {
            throw invalid(where, "onCall", fault.onCall(), "a call number from 1");
        }
        if (fault.calls() < 1) {
            throw invalid(where, "calls", fault.calls(), "1 or more, or LlmFault.ALL");
        }
        if (!(fault.rate() > 0 && fault.rate() <= 1)) {
            throw invalid(where, "rate", fault.rate(), "a probability above 0 and at most 1");
        }
        if (fault.retryAfter() < -1) {
            throw invalid(where, "retryAfter", fault.retryAfter(), "whole seconds from 0, or -1 for no header");
        }
        ModelId model = null;
        if (!fault.model().isBlank()) {
            try {
                model = ModelId.parse(fault.model());
            } catch (IllegalArgumentException e) {
                throw invalid(where, "model", "\"" + fault.model() + "\"", "provider:model, e.g. openai:gpt-4o-mini");
            }
        }
        Duration delay = null;
        if (!fault.delay().isBlank()) {
            try {
                delay = HttpTransportConfig.parseDuration(fault.delay());
            } catch (RuntimeException e) {
                delay = null;
            }
            if (delay == null || delay.isNegative()) {
                throw invalid(where, "delay", "\"" + fault.delay() + "\"", "a duration such as 500ms, 2s or 1m");
            }
        }
        if (fault.afterEvents() < -1) {
            throw invalid(where, "afterEvents", fault.afterEvents(), "a number of events from 0, or -1 for half");
        }
        return new FaultSpec(
                fault.value(),
                fault.onCall(),
                fault.calls(),
                fault.rate(),
                fault.seed(),
                model,
                fault.retryAfter(),
                delay,
                fault.afterEvents(),
                where);
    }

    private static IllegalArgumentException invalid(String where, String attribute, Object value, String allowed) {
        return new IllegalArgumentException(
                where + ": " + attribute + " = " + value + " is not allowed; give " + allowed);
    }

    /** The name in results and messages, e.g. {@code rate_limited}. */
    public String name() {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
