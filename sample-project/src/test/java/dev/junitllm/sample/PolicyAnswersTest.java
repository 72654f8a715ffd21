package dev.junitllm.sample;

import dev.junitllm.GoldenCase;
import dev.junitllm.GoldenDataset;
import dev.junitllm.LlmClient;
import dev.junitllm.LlmProxy;
import dev.junitllm.LlmTest;
import dev.junitllm.Prompt;
import dev.junitllm.PromptTemplate;
import dev.junitllm.assertions.LlmSoftAssertions;

/**
 * The copilot's policy answers, one golden dataset per area, each with its own gate. Every answer is
 * checked for the policy fact (deterministic), judged for accuracy against the row's expected answer,
 * and, where customers complain, for tone; refund and warranty answers must also be faithful to the
 * policy passages the copilot retrieved. Soft assertions: every check runs and is recorded, so a
 * failing case shows all of its reasons.
 */
class PolicyAnswersTest {

    @LlmTest
    @GoldenDataset(value = "datasets/refunds.jsonl", minPassRate = 0.95)
    void refunds(GoldenCase c, LlmProxy proxy, LlmClient llm, @Prompt(SupportCopilot.PROMPT) PromptTemplate prompt) {
        check(c, Copilot.through(proxy, llm, prompt, 0.2).answer(c.input()), true);
    }

    @LlmTest
    @GoldenDataset(value = "datasets/shipping.jsonl", minPassRate = 0.95)
    void shipping(GoldenCase c, LlmProxy proxy, LlmClient llm, @Prompt(SupportCopilot.PROMPT) PromptTemplate prompt) {
        check(c, Copilot.through(proxy, llm, prompt, 0.2).answer(c.input()), false);
    }

    @LlmTest
    @GoldenDataset(value = "datasets/warranty.jsonl", minPassRate = 0.95)
    void warranty(GoldenCase c, LlmProxy proxy, LlmClient llm, @Prompt(SupportCopilot.PROMPT) PromptTemplate prompt) {
        check(c, Copilot.through(proxy, llm, prompt, 0.2).answer(c.input()), true);
    }

    /** Answers vary between samples: a case passes when 2 of its 3 samples state the right delivery time. */
    @LlmTest(samples = 3, minPassRate = 0.66)
    @GoldenDataset(value = "datasets/shipping-sampled.jsonl", minPassRate = 0.9)
    void shippingAcrossSamples(
            GoldenCase c, LlmProxy proxy, LlmClient llm, @Prompt(SupportCopilot.PROMPT) PromptTemplate prompt) {
        CopilotAnswer answer = Copilot.through(proxy, llm, prompt, 0.7).answer(c.input());
        LlmSoftAssertions.assertSoftly(
                softly -> softly.assertThatText(answer.text()).containsIgnoringCase(Copilot.fact(c)));
    }

    static void check(GoldenCase c, CopilotAnswer answer, boolean faithfulness) {
        LlmSoftAssertions.assertSoftly(softly -> {
            softly.assertThatText(answer.text())
                    .containsIgnoringCase(Copilot.fact(c))
                    .comparedTo(c.expected())
                    .satisfiesRubric(Copilot.ACCURATE);
            if (faithfulness) {
                softly.assertThatText(answer.text())
                        .withContext(answer.context())
                        .isFaithfulToContext();
            }
            if (c.tags().contains("complaint")) {
                softly.assertThatText(answer.text()).scoresAtLeast(Copilot.TONE, 0.75);
            }
            softly.assertThat(answer.lookups()).as("order lookups").isEmpty();
        });
    }
}
