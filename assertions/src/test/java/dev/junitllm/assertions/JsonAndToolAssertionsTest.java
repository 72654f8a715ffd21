package dev.junitllm.assertions;

import static dev.junitllm.assertions.Fakes.response;
import static dev.junitllm.assertions.LlmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junitllm.FinishReason;
import dev.junitllm.LlmResponse;
import dev.junitllm.ToolCall;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonAndToolAssertionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORDER =
            "{\"order\":{\"id\":\"A-1001\",\"total\":42.5,\"gift\":false,\"items\":[{\"sku\":\"S-1\"},{\"sku\":\"S-2\"}]}}";
    private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"},"
            + "\"qty\":{\"type\":\"integer\",\"minimum\":1}},\"required\":[\"id\",\"qty\"]}";

    @Test
    void validJsonIncludingACodeFence() {
        assertThat(response(ORDER)).isValidJson();
        assertThat(response("```json\n{\"a\":1}\n```")).isValidJson();
        assertThatThrownBy(() -> assertThat(response("status: shipped")).isValidJson())
                .hasMessageStartingWith(String.format(
                        "%nExpecting actual:%n  \"status: shipped\"%nto be valid JSON but parsing failed: "))
                .hasMessageContaining("Unrecognized token 'status'");
        assertThatThrownBy(() -> assertThat(response("")).isValidJson())
                .hasMessageContaining("to be valid JSON but parsing failed: no JSON value");
        assertThatThrownBy(() -> assertThat(response("{\"a\":1} trailing")).isValidJson())
                .hasMessageContaining("to be valid JSON but parsing failed");
    }

    @Test
    void jsonPointerNavigationReturnsAssertJAsserts() {
        assertThat(response(ORDER)).jsonAt("/order/id").asText().isEqualTo("A-1001");
        assertThat(response(ORDER)).jsonAt("/order/total").asNumber().isBetween(40.0, 45.0);
        assertThat(response(ORDER)).jsonAt("/order/gift").asBoolean().isFalse();
        assertThat(response(ORDER)).jsonAt("/order/items").asArray().hasSize(2);
        assertThat(response(ORDER)).jsonAt("/order").at("/items/1/sku").asText().isEqualTo("S-2");
        assertThat(response(ORDER)).jsonAt("/order/items/0").isEqualToJson("{ \"sku\" : \"S-1\" }");
        assertThat(response(ORDER))
                .hasJsonAtSatisfying("/order/total", t -> t.asNumber().isGreaterThan(40.0));

        assertThatThrownBy(() -> assertThat(response(ORDER)).jsonAt("/order/status"))
                .hasMessage(String.format(
                        "%nExpecting actual JSON:%n  \"%s\"%nto have a value at JSON pointer \"/order/status\" but there is none%n",
                        ORDER));
        assertThatThrownBy(
                        () -> assertThat(response(ORDER)).jsonAt("/order/total").asText())
                .hasMessageContaining("Expecting a JSON string but was the number 42.5");
        assertThatThrownBy(() ->
                        assertThat(response(ORDER)).jsonAt("/order/id").asText().isEqualTo("A-1002"))
                .hasMessageStartingWith("[JSON at /order/id]");
    }

    @Test
    void jsonSchemaListsEveryViolation() {
        assertThat(response("{\"id\":\"A-1\",\"qty\":2}")).matchesJsonSchema(SCHEMA);
        assertThatThrownBy(() -> assertThat(response("{\"id\":1,\"qty\":0}")).matchesJsonSchema(SCHEMA))
                .hasMessageContaining("to match the JSON schema but found 2 error(s):")
                .hasMessageContaining("/id")
                .hasMessageContaining("/qty");
        assertThatThrownBy(() -> assertThat(response("{}")).matchesJsonSchema("{not json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the JSON schema is not valid JSON");
    }

    private static LlmResponse withTools(ToolCall... calls) throws Exception {
        return LlmResponse.builder()
                .toolCalls(List.of(calls))
                .finishReason(FinishReason.TOOL_CALLS, "tool_calls")
                .build();
    }

    @Test
    void toolCallsWithArguments() throws Exception {
        LlmResponse r = withTools(new ToolCall(
                "call_1", "lookup_order", JSON.readTree("{\"order_id\":\"A-1001\",\"quantity\":2,\"express\":true}")));
        assertThat(r)
                .finishedNormally()
                .hasToolCall("lookup_order")
                .hasArgument("order_id", "A-1001")
                .hasArgument("quantity", 2.0)
                .hasArgument("express", true)
                .hasArgumentSatisfying(
                        "order_id",
                        v -> org.assertj.core.api.Assertions.assertThat(v.asText())
                                .startsWith("A-"))
                .argumentsMatchSchema(
                        JSON.readTree(
                                "{\"type\":\"object\",\"properties\":{\"order_id\":{\"type\":\"string\"}},\"required\":[\"order_id\"]}"));
        assertThat(r).hasToolCallSatisfying("lookup_order", c -> c.hasArgument("quantity", 2));

        assertThatThrownBy(() -> assertThat(r).hasToolCall("lookup_order").hasArgument("order_id", "A-1002"))
                .hasMessage(
                        String.format(
                                "%nExpecting the call of \"lookup_order\" to have argument \"order_id\":%n  \"A-1002\"%nbut it was:%n  \"A-1001\"%n"));
        assertThatThrownBy(() -> assertThat(r).hasToolCall("lookup_order").hasArgument("reason", "x"))
                .hasMessageContaining("but it was:%n  (missing)".formatted());
        assertThatThrownBy(() -> assertThat(r).hasToolCall("cancel_order"))
                .hasMessage(
                        String.format(
                                "%nExpecting a call of the tool:%n  \"cancel_order\"%nbut the tools called were:%n  [\"lookup_order\"]%n"));
        assertThatThrownBy(() -> assertThat(r).hasNoToolCalls())
                .hasMessage(String.format("%nExpecting no tool calls but the model called:%n  [\"lookup_order\"]%n"));
        assertThat(response("Your order shipped.")).hasNoToolCalls();
    }

    @Test
    void finishedNormally() {
        assertThat(response("ok")).finishedNormally();
        LlmResponse cut = LlmResponse.builder()
                .text("Refunds are acc")
                .finishReason("max_tokens")
                .build();
        assertThatThrownBy(() -> assertThat(cut).finishedNormally())
                .hasMessage(
                        String.format(
                                "%nExpecting the response to have finished normally (STOP or TOOL_CALLS) but it finished with LENGTH (raw: \"max_tokens\")%n"));
        LlmResponse filtered =
                LlmResponse.builder().text("").finishReason("content_filter").build();
        assertThatThrownBy(() -> assertThat(filtered).finishedNormally()).hasMessageContaining("CONTENT_FILTER");
    }
}
