package dev.junitllm.sample;

import dev.junitllm.Conversation;
import dev.junitllm.GoldenCase;
import dev.junitllm.GoldenDataset;
import dev.junitllm.LlmClient;
import dev.junitllm.LlmProxy;
import dev.junitllm.LlmTest;
import dev.junitllm.Prompt;
import dev.junitllm.PromptTemplate;
import dev.junitllm.assertions.LlmSoftAssertions;

/**
 * Multi-turn refund conversations with the copilot ({@link SupportChat}: the customer's earlier messages
 * and the copilot's answers go with every turn). Each row of {@code datasets/refund-conversations.jsonl}
 * is a conversation: its turns are played one by one through LangChain4j and the proxy, each turn
 * recorded and replayed on its own. Checked on the whole conversation (the copilot keeps the order the
 * customer gave earlier, stays in its role, never reveals its system prompt, even when a turn asks for
 * it, and settles the return question within the row's {@code resolves_within} turns) and per turn
 * (every turn with an expected reply is judged against it).
 */
class RefundConversationTest {

    /** The goal the judge looks for, turn by turn. */
    static final String RESOLVED = "Tells the customer whether the item or order can be returned";

    @LlmTest
    @GoldenDataset(value = "datasets/refund-conversations.jsonl", minPassRate = 1.0)
    void refundConversation(
            GoldenCase c, LlmProxy proxy, LlmClient llm, @Prompt(SupportCopilot.PROMPT) PromptTemplate prompt) {
        SupportChat chat = new SupportChat(Copilot.through(proxy, llm, prompt, 0.2));
        Conversation played = Conversation.of(c)
                .withSystemPrompt(Copilot.systemPrompt(prompt))
                .play(chat::send);
        int resolvesWithin = Integer.parseInt(c.get("resolves_within").orElse("2"));

        LlmSoftAssertions.assertSoftly(softly -> {
            softly.assertThat(played)
                    .retainsKnowledge()
                    .staysInRole("ACME's customer-support copilot")
                    .neverRevealsSystemPrompt()
                    .resolvesWithinTurns(resolvesWithin, RESOLVED);
            softly.assertThat(played)
                    .eachTurnWithExpected(
                            (turn, expected) -> turn.comparedTo(expected).satisfiesRubric(Copilot.ACCURATE));
        });
    }
}
