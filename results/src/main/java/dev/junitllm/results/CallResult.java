package dev.junitllm.results;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * One model call of a sample, as written to {@code samples[].calls[]}: who was called for what
 * ({@code role} {@code model} for the model under test, {@code judge} for a grader), the model as
 * requested and as the provider reported it, whether the answer was replayed from a cassette, tokens
 * (null when the provider reported no usage: unknown, never 0),
 * cost in USD (null when the model's price is unknown), when the call started in this run ({@code
 * startedAt}, ISO-8601 UTC; null in files of earlier releases), latency, time to first token for
 * streams, why a fallback model answered, a one-line request summary, the answer, the provider's
 * finish reason ({@code finishReason}, e.g. {@code stop}, {@code end_turn}; null for a failed call,
 * an embedding or an unknown reason), the error of a failed call, and the injected faults ({@code
 * @LlmFault}) that fired on it (left out of the file when none).
 *
 * <pre>{@code
 * call.role() == CallResult.Role.JUDGE;   // its cost counts as judge cost
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL)
public record CallResult(
        Role role,
        String model,
        String providerModel,
        boolean replayed,
        Tokens tokens,
        Double costUsd,
        String startedAt,
        long latencyMs,
        Long timeToFirstTokenMs,
        String fallbackReason,
        String request,
        String response,
        String finishReason,
        String error,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> faults) {

    public CallResult {
        role = role == null ? Role.MODEL : role;
        faults = faults == null ? List.of() : List.copyOf(faults);
    }

    /** A call without start time and finish reason, as files of earlier releases hold them. */
    public CallResult(
            Role role,
            String model,
            String providerModel,
            boolean replayed,
            Tokens tokens,
            Double costUsd,
            long latencyMs,
            Long timeToFirstTokenMs,
            String fallbackReason,
            String request,
            String response,
            String error,
            List<String> faults) {
        this(
                role,
                model,
                providerModel,
                replayed,
                tokens,
                costUsd,
                null,
                latencyMs,
                timeToFirstTokenMs,
                fallbackReason,
                request,
                response,
                null,
                error,
                faults);
    }

    /** A call on which no fault was injected. */
    public CallResult(
            Role role,
            String model,
            String providerModel,
            boolean replayed,
            Tokens tokens,
            Double costUsd,
            long latencyMs,
            Long timeToFirstTokenMs,
            String fallbackReason,
            String request,
            String response,
            String error) {
        this(
                role,
                model,
                providerModel,
                replayed,
                tokens,
                costUsd,
                latencyMs,
                timeToFirstTokenMs,
                fallbackReason,
                request,
                response,
                error,
                List.of());
    }

    /** Why a call was made: the model under test, or a judge grading it. */
    @API(status = API.Status.EXPERIMENTAL)
    public enum Role {
        MODEL,
        JUDGE;

        /** The name in the results file. */
        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Reads a role; anything but {@code judge} is the model under test. */
        @JsonCreator
        public static Role fromWireName(String name) {
            return "judge".equals(name) ? JUDGE : MODEL;
        }
    }
}
