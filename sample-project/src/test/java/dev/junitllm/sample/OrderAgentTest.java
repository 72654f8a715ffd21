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
import java.util.Map;

/**
 * The copilot's order-lookup agent, by its trajectory: for a question naming an order it calls {@code
 * lookup_order} exactly once with that order number and then answers from the tool's result (2 steps),
 * for any other question it calls no tool (1 step); it never calls a tool it was not given, stays within
 * a token budget and its final answer states the order's status. The tool calls and the tool results
 * are replayed from the recordings (OpenAI {@code tool_calls} through LangChain4j and the proxy), and the
 * trajectory shows on the Allure test page as a step list.
 */
class OrderAgentTest {

    /** Input plus output tokens of all the agent's model calls for one question. */
    static final long TOKEN_BUDGET = 4_000;

    @LlmTest
    @GoldenDataset(value = "datasets/order-agent.jsonl", minPassRate = 1.0)
    void looksUpOrdersWithItsTool(
            GoldenCase c, LlmProxy proxy, LlmClient llm, @Prompt(SupportCopilot.PROMPT) PromptTemplate prompt) {
        SupportCopilot copilot = Copilot.through(proxy, llm, prompt, 0.2);
        Conversation run =
                Conversation.of(c).play(question -> copilot.answer(question).text());

        LlmSoftAssertions.assertSoftly(softly -> {
            var trajectory = softly.assertThat(run)
                    .neverCalledTools("issue_refund", "cancel_order")
                    .usedAtMostTokens(TOKEN_BUDGET);
            c.get("order_id")
                    .ifPresentOrElse(
                            orderId -> trajectory
                                    .calledExactlyTools("lookup_order")
                                    .calledToolWith("lookup_order", Map.of("order_id", orderId))
                                    .tookAtMostSteps(2),
                            () -> trajectory.neverCalledTools("lookup_order").tookAtMostSteps(1));
            softly.assertThatText(run.finalReply()).containsIgnoringCase(Copilot.fact(c));
        });
    }
}
