package dev.junitllm;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import org.apiguardian.api.API;

/**
 * A chat model, injected into {@link LlmTest} methods: live, recording or replaying, depending on
 * {@code llm.mode}. Every call lands in the current case's results with its usage, cost and latency.
 *
 * <pre>{@code
 * @LlmTest
 * @Model("openai:gpt-4o-mini")
 * void answersRefundQuestions(LlmClient llm) {
 *     LlmResponse r = llm.chat("How long do I have to return an item?");
 *     assertThat(r).containsIgnoringCase("30 days");
 * }
 * }</pre>
 */
@API(status = STABLE)
public interface LlmClient {

    /** Sends one user message. */
    default LlmResponse chat(String user) {
        return chat(LlmRequest.ofUser(user));
    }

    /** Sends a full request. */
    LlmResponse chat(LlmRequest request);

    /**
     * Sends a request as a stream, delivering deltas to {@code listener}, and returns the assembled
     * answer with its time to first token. A stream that ends without its terminal event fails.
     */
    LlmResponse chatStream(LlmRequest request, StreamListener listener);

    /** Embeds each text; vectors come back in input order. */
    List<float[]> embed(String... texts);

    /** The model as {@code provider:model}, e.g. {@code openai:gpt-4o-mini}. */
    String modelId();
}
