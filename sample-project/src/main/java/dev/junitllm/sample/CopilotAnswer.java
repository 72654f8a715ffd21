package dev.junitllm.sample;

import java.util.List;

/**
 * What the copilot answered and why: the text sent back to the customer, the policy passages it was
 * grounded in, the orders it looked up and whether a guardrail answered instead of the model.
 *
 * @param text the answer shown to the customer
 * @param sources the retrieved policy passages the model was given
 * @param lookups the {@code lookup_order} calls the model made, in order
 * @param sentQuestion the customer's message as it left ACME (PII masked)
 * @param deflectedBy the injection pattern that stopped the message before the model, or null
 */
public record CopilotAnswer(
        String text, List<Passage> sources, List<OrderLookup> lookups, String sentQuestion, String deflectedBy) {

    /** One call of the order-lookup tool. */
    public record OrderLookup(String orderId, String result) {}

    /** The sources as passages of text, for a faithfulness check. */
    public List<String> context() {
        return sources.stream().map(Passage::asContext).toList();
    }
}
