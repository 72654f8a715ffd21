package dev.junitllm.sample;

/**
 * One section of ACME's policy knowledge base.
 *
 * @param id where it comes from, {@code refunds#refund-window}
 * @param title the section heading
 * @param text the policy text
 */
public record Passage(String id, String title, String text) {

    /** How the passage is shown to the model and to a faithfulness judge. */
    public String asContext() {
        return title + ": " + text;
    }
}
