package dev.example;

import dev.junitllm.LlmTest;
import dev.junitllm.Model;

/** A test outside any dataset: every CI shard runs it. */
@Model("openai:gpt-4o-mini")
class GreetingTest {
    @LlmTest
    void greets() {}
}
