package dev.junitllm.sample;

import static dev.junitllm.assertions.LlmAssertions.assertThat;

import dev.junitllm.LlmClient;
import dev.junitllm.LlmRequest;
import dev.junitllm.LlmResponse;
import dev.junitllm.LlmTest;
import dev.junitllm.Model;
import dev.junitllm.Prompt;
import dev.junitllm.PromptTemplate;
import java.util.Map;

/** Shipping times must be right in most samples: the answer varies, so the test samples it. */
@Model("openai:gpt-4o-mini")
class ShippingAnswersTest {

    @LlmTest(samples = 3, minPassRate = 0.66)
    void quotesStandardDeliveryTime(LlmClient llm, @Prompt("prompts/support-system.v3.md") PromptTemplate system) {
        LlmResponse r = llm.chat(LlmRequest.builder()
                .system(system.render(Map.of("company", "ACME", "refundDays", 30)))
                .user("How long does standard shipping take?")
                .temperature(0.7)
                .build());

        assertThat(r).containsIgnoringCase("3 to 5 business days");
    }
}
