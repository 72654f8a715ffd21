package dev.junitllm.sample;

import java.util.Objects;

/**
 * ACME's customer-support copilot: answers customers' questions about refunds, shipping and orders
 * under a versioned system prompt (see {@code prompts/support-system.v3.md} in the tests).
 */
public final class SupportAssistant {

    private final ChatGateway model;
    private final String systemPrompt;

    /**
     * @param model the language model
     * @param systemPrompt the rendered system prompt
     */
    public SupportAssistant(ChatGateway model, String systemPrompt) {
        this.model = Objects.requireNonNull(model, "model");
        this.systemPrompt = Objects.requireNonNull(systemPrompt, "systemPrompt");
    }

    /** The answer to a customer's message; a blank message gets a greeting without a model call. */
    public String answer(String customerMessage) {
        if (customerMessage == null || customerMessage.isBlank()) {
            return "How can I help you today?";
        }
        return model.complete(systemPrompt, customerMessage.strip());
    }
}
