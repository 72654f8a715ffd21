package dev.junitllm.sample;

import static dev.junitllm.assertions.LlmAssertions.assertThat;

import dev.junitllm.GoldenCase;
import dev.junitllm.GoldenDataset;
import dev.junitllm.LlmClient;
import dev.junitllm.LlmRequest;
import dev.junitllm.LlmResponse;
import dev.junitllm.LlmTest;
import dev.junitllm.Model;
import dev.junitllm.Prompt;
import dev.junitllm.PromptTemplate;
import java.util.Map;

/** Refund questions from the golden dataset: every answer must state the 30-day window. */
@Model("openai:gpt-4o-mini")
class RefundPolicyTest {

    @LlmTest
    @GoldenDataset(value = "datasets/refunds.jsonl", minPassRate = 0.8)
    void statesTheRefundWindow(
            GoldenCase c, LlmClient llm, @Prompt("prompts/support-system.v3.md") PromptTemplate system) {
        String prompt = system.render(Map.of("company", "ACME", "refundDays", 30));
        LlmResponse r = llm.chat(LlmRequest.builder()
                .system(prompt)
                .user(c.input())
                .temperature(0.2)
                .build());

        assertThat(r)
                .containsIgnoringCase("30 days")
                .satisfiesRubric("States the 30-day refund window and no other time limit")
                .costsAtMostUsd(0.01);
    }
}
