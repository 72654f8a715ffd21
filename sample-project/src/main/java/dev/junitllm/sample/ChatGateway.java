package dev.junitllm.sample;

/**
 * The one thing the support assistant needs from a language model. Production wires it to a
 * provider SDK; tests wire it to junit-llm's recorded {@code LlmClient}.
 */
@FunctionalInterface
public interface ChatGateway {
    /** Answers {@code user} under the instructions in {@code system}. */
    String complete(String system, String user);
}
