package dev.junitllm.sample;

import static dev.junitllm.assertions.LlmAssertions.assertThat;

import dev.junitllm.LlmClient;
import dev.junitllm.LlmRequest;
import dev.junitllm.LlmResponse;
import dev.junitllm.LlmTest;
import dev.junitllm.Tool;

/** Order questions must go through the order-lookup tool, with the order id from the message. */
class OrderLookupTest {

    static final Tool LOOKUP_ORDER =
            Tool.of("lookup_order", "Finds an ACME order by its id and returns its status", """
            {"type": "object", "properties": {"order_id": {"type": "string"}}, "required": ["order_id"]}""");

    @LlmTest
    void looksUpTheOrderItWasAskedAbout(LlmClient llm) {
        LlmResponse r = llm.chat(LlmRequest.builder()
                .system("You are ACME support. Use lookup_order for any question about an order.")
                .user("Where is my order A-1001?")
                .tool(LOOKUP_ORDER)
                .toolChoice("auto")
                .build());

        assertThat(r).hasToolCall("lookup_order").hasArgument("order_id", "A-1001");
    }
}
