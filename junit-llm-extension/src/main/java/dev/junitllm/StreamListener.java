package dev.junitllm;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Receives a streamed answer as it arrives.
 *
 * <pre>{@code
 * StringBuilder seen = new StringBuilder();
 * LlmResponse full = llm.chatStream(request, seen::append);
 * assertThat(full.timeToFirstToken()).isPresent();
 * }</pre>
 */
@FunctionalInterface
@API(status = EXPERIMENTAL)
public interface StreamListener {
    /** A piece of answer text, in order. */
    void onText(String delta);

    /** A fragment of a tool call's JSON arguments; {@code index} says which call. */
    default void onToolCallDelta(int index, String name, String argumentsFragment) {}
}
