package dev.example;

import dev.junitllm.GoldenCase;
import dev.junitllm.GoldenDataset;
import dev.junitllm.LlmTest;
import dev.junitllm.Model;

@Model("openai:gpt-4o-mini")
class RefundsTest {
    @LlmTest
    @GoldenDataset(value = "datasets/refunds.jsonl", minPassRate = 0.8)
    void answers(GoldenCase c) {
        Fixture.check(c);
    }
}
