package dev.junitllm.sample;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One customer's conversation with the {@link SupportCopilot}: remembers the customer's messages and the
 * copilot's answers, so a follow-up ("Can I still return it?") is answered with what was said before
 * (the order looked up in the first turn). Messages a guardrail deflected are kept out of the memory, so
 * an injection attempt never reaches the model in a later turn either.
 *
 * <pre>{@code
 * SupportChat chat = new SupportChat(copilot);
 * chat.send("Hi, I'm Dana. My order is A-1042.");   // looks the order up
 * chat.send("Can I still return it?");               // answered for order A-1042
 * }</pre>
 */
public final class SupportChat {
    private final SupportCopilot copilot;
    private final List<ChatMessage> memory = new ArrayList<>();

    public SupportChat(SupportCopilot copilot) {
        this.copilot = Objects.requireNonNull(copilot, "copilot");
    }

    /** Sends the customer's next message and returns the copilot's answer. */
    public String send(String customerMessage) {
        CopilotAnswer answer = copilot.answer(customerMessage, List.copyOf(memory));
        if (answer.deflectedBy() == null && !answer.sentQuestion().isEmpty()) {
            memory.add(UserMessage.from(answer.sentQuestion()));
            memory.add(AiMessage.from(answer.text()));
        }
        return answer.text();
    }
}
