package dev.example;

import dev.junitllm.GoldenCase;
import dev.junitllm.GoldenDataset;
import dev.junitllm.LlmTest;
import dev.junitllm.Model;

@Model("openai:gpt-4o-mini")
class ShippingTest {
    @LlmTest
    @GoldenDataset(value = "datasets/shipping.jsonl", minPassRate = 0.9)
    void answers(GoldenCase c) {
        Fixture.check(c);
    }
}
