package dev.example;

import dev.junitllm.GoldenCase;
import dev.junitllm.GoldenDataset;
import dev.junitllm.LlmTest;
import dev.junitllm.Model;

@Model("openai:gpt-4o-mini")
class TonesTest {
    @LlmTest
    @GoldenDataset(value = "datasets/tones.jsonl", minPassRate = 1.0)
    void answers(GoldenCase c) {
        Fixture.check(c);
    }
}
