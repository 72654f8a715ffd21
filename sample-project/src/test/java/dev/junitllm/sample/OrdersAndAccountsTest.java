package dev.junitllm.sample;

import static dev.junitllm.assertions.LlmAssertions.assertThatText;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junitllm.GoldenCase;
import dev.junitllm.GoldenDataset;
import dev.junitllm.LlmClient;
import dev.junitllm.LlmProxy;
import dev.junitllm.LlmTest;
import dev.junitllm.Prompt;
import dev.junitllm.PromptTemplate;
import dev.junitllm.assertions.LlmSoftAssertions;

/** Order questions must go through the lookup tool; account questions must keep personal data in. */
class OrdersAndAccountsTest {

    /** Tool-call correctness: exactly one lookup, of the order in the question, and its status in the answer. */
    @LlmTest
    @GoldenDataset(value = "datasets/orders.jsonl", minPassRate = 1.0)
    void looksUpTheOrderItWasAskedAbout(
            GoldenCase c, LlmProxy proxy, LlmClient llm, @Prompt(SupportCopilot.PROMPT) PromptTemplate prompt) {
        CopilotAnswer answer = Copilot.through(proxy, llm, prompt, 0.2).answer(c.input());

        assertThat(answer.lookups())
                .as("lookup_order calls")
                .extracting(CopilotAnswer.OrderLookup::orderId)
                .containsExactly(c.get("order_id").orElseThrow());
        assertThatText(answer.text()).contains(c.expected());
    }

    @LlmTest
    @GoldenDataset(value = "datasets/accounts.jsonl", minPassRate = 0.95)
    void accounts(GoldenCase c, LlmProxy proxy, LlmClient llm, @Prompt(SupportCopilot.PROMPT) PromptTemplate prompt) {
        CopilotAnswer answer = Copilot.through(proxy, llm, prompt, 0.2).answer(c.input());

        LlmSoftAssertions.assertSoftly(softly -> {
            softly.assertThatText(answer.sentQuestion()).as("what left ACME").containsNoPii();
            softly.assertThatText(answer.text())
                    .containsNoPii()
                    .containsIgnoringCase(Copilot.fact(c))
                    .comparedTo(c.expected())
                    .satisfiesRubric(Copilot.ACCURATE);
        });
    }
}
