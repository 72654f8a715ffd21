package dev.junitllm.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.function.Function;

/** One scripted answer; the wire classes render it in each provider's shape. */
sealed interface Reply {

    record Text(String text) implements Reply {}

    record ToolCall(String name, JsonNode arguments) implements Reply {}

    /** Structured output: the JSON as the message text (or a forced Anthropic tool's input). */
    record Json(JsonNode json) implements Reply {}

    record Refusal(String text) implements Reply {}

    /** Decided per request by the test's own code; resolved to one of the other replies before rendering. */
    record Computed(Function<ScriptedRequest, Reply> answer) implements Reply {}

    /**
     * An HTTP error; a null {@code type} or {@code message} takes the provider's usual one for the
     * status. A null {@code retryAfter} sends no retry headers.
     */
    record Error(int status, String type, String message, Duration retryAfter) implements Reply {}
}
