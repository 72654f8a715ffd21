package dev.junitllm.internal.results;

import dev.junitllm.LlmRequest;
import dev.junitllm.LlmResponse;
import dev.junitllm.Message;
import dev.junitllm.ToolCall;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a sample's model calls into the steps of its trajectory, one line each, for the results and
 * the Allure step list: what the user said, which tool the model called with which arguments, what the
 * tool returned, and what the model answered (with the call's tokens).
 *
 * <pre>{@code
 * user: Where is order A-1001?
 * model calls lookupOrder {"orderId":"A-1001"} (95 tokens)
 * tool lookupOrder returned {"status":"shipped"}
 * model answers: Your order A-1001 has shipped. (120 tokens)
 * }</pre>
 */
public final class Trajectories {
    static final int MAX_STEP_CHARS = 300;

    private Trajectories() {}

    /** The steps; empty for a sample of at most one model call without tool calls (its transcript says it all). */
    public static List<String> steps(List<LlmResponse> calls) {
        boolean tools = calls.stream().anyMatch(c -> !c.toolCalls().isEmpty());
        if (calls.isEmpty() || (calls.size() == 1 && !tools)) {
            return List.of();
        }
        List<String> steps = new ArrayList<>();
        for (LlmResponse call : calls) {
            Optional<LlmRequest> request = call.request();
            if (request.isPresent()) {
                steps.addAll(newInput(request.get().messages()));
            }
            String tokens =
                    call.usage().totalTokens() == 0 ? "" : " (" + call.usage().totalTokens() + " tokens)";
            for (ToolCall tool : call.toolCalls()) {
                steps.add(cut("model calls " + tool.name() + " " + tool.arguments()) + tokens);
            }
            if (call.toolCalls().isEmpty() || !call.text().isBlank()) {
                steps.add(cut("model answers: " + call.text()) + tokens);
            }
        }
        return List.copyOf(steps);
    }

    /** What the request added after the model's last turn: user messages and tool results. */
    private static List<String> newInput(List<Message> messages) {
        Map<String, String> toolNames = new HashMap<>();
        int lastAssistant = -1;
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            if (m.role() == Message.Role.ASSISTANT) {
                lastAssistant = i;
                m.toolCalls().forEach(c -> toolNames.put(c.id(), c.name()));
            }
        }
        List<String> steps = new ArrayList<>();
        for (Message m : messages.subList(lastAssistant + 1, messages.size())) {
            switch (m.role()) {
                case USER -> steps.add(cut("user: " + m.content()));
                case TOOL ->
                    steps.add(cut("tool " + toolNames.getOrDefault(m.toolCallId(), m.toolCallId()) + " returned "
                            + m.content()));
                default -> {}
            }
        }
        return steps;
    }

    private static String cut(String line) {
        String oneLine = line.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= MAX_STEP_CHARS ? oneLine : oneLine.substring(0, MAX_STEP_CHARS - 1) + "…";
    }
}
