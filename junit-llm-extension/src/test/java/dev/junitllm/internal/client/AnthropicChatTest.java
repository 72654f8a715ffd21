package dev.junitllm.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junitllm.FinishReason;
import dev.junitllm.LlmException;
import dev.junitllm.LlmRequest;
import dev.junitllm.LlmResponse;
import dev.junitllm.ResponseFormat;
import dev.junitllm.Tool;
import dev.junitllm.Usage;
import java.util.concurrent.TimeUnit;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AnthropicChatTest {

    static final String MESSAGE = """
            {
              "id": "msg_013Zva2CMHLNnXjNJJKqJ2EF",
              "type": "message",
              "role": "assistant",
              "model": "claude-haiku-4-5-20251001",
              "content": [
                {"type": "thinking", "thinking": "The policy says 30 days.", "signature": "EqQB..."},
                {"type": "text", "text": "You can return items "},
                {"type": "text", "text": "within 30 days."}
              ],
              "stop_reason": "end_turn",
              "stop_sequence": null,
              "usage": {
                "input_tokens": 100,
                "cache_creation_input_tokens": 2000,
                "cache_read_input_tokens": 3000,
                "output_tokens": 50,
                "service_tier": "standard"
              }
            }
            """;

    @RegisterExtension
    final Fixture f = new Fixture();

    @Test
    void sendsTheDocumentedRequestShapeWithHeadersAndDefaultMaxTokens() throws Exception {
        f.enqueueJson(MESSAGE);
        JsonNode params = Fixture.json("{\"type\":\"object\",\"properties\":{\"order_id\":{\"type\":\"string\"}}}");
        LlmResponse earlier = LlmResponse.builder()
                .text("Let me look.")
                .toolCalls(java.util.List.of(
                        new dev.junitllm.ToolCall("toolu_1", "lookup_order", Fixture.json("{\"order_id\":\"A-1\"}")),
                        new dev.junitllm.ToolCall("toolu_2", "lookup_order", Fixture.json("{\"order_id\":\"A-2\"}"))))
                .build();

        f.client("anthropic:claude-haiku-4-5")
                .chat(LlmRequest.builder()
                        .system("Be brief.")
                        .system("Answer in English.")
                        .user("Where are A-1 and A-2?")
                        .assistant(earlier)
                        .toolResult("toolu_1", "shipped")
                        .toolResult("toolu_2", "lost")
                        .user("Thanks. Summarise.")
                        .temperature(0.5)
                        .topP(0.9)
                        .seed(7)
                        .stop("END")
                        .tool(Tool.of("lookup_order", "Finds an order", params))
                        .toolChoice("required")
                        .build());

        RecordedRequest r = f.server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v1/messages");
        assertThat(r.getHeaders().get("x-api-key")).isEqualTo("fake-anthropic-key");
        assertThat(r.getHeaders().get("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(r.getHeaders().get("Authorization")).isNull();
        assertThat(Fixture.body(r)).isEqualTo(Fixture.json("""
                {
                  "model": "claude-haiku-4-5",
                  "max_tokens": 4096,
                  "system": "Be brief.\\n\\nAnswer in English.",
                  "messages": [
                    {"role": "user", "content": "Where are A-1 and A-2?"},
                    {"role": "assistant", "content": [
                      {"type": "text", "text": "Let me look."},
                      {"type": "tool_use", "id": "toolu_1", "name": "lookup_order", "input": {"order_id": "A-1"}},
                      {"type": "tool_use", "id": "toolu_2", "name": "lookup_order", "input": {"order_id": "A-2"}}
                    ]},
                    {"role": "user", "content": [
                      {"type": "tool_result", "tool_use_id": "toolu_1", "content": "shipped"},
                      {"type": "tool_result", "tool_use_id": "toolu_2", "content": "lost"},
                      {"type": "text", "text": "Thanks. Summarise."}
                    ]}
                  ],
                  "temperature": 0.5,
                  "top_p": 0.9,
                  "stop_sequences": ["END"],
                  "tools": [{"name": "lookup_order", "description": "Finds an order",
                    "input_schema": {"type":"object","properties":{"order_id":{"type":"string"}}}}],
                  "tool_choice": {"type": "any"}
                }
                """));
    }

    @Test
    void parsesTextAndAdditiveCacheUsageIntoCost() {
        f.enqueueJson(MESSAGE);

        LlmResponse r = f.client("anthropic:claude-haiku-4-5").chat("How long?");

        assertThat(r.text()).isEqualTo("You can return items within 30 days.");
        assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(r.rawFinishReason()).isEqualTo("end_turn");
        assertThat(r.model()).isEqualTo("claude-haiku-4-5-20251001");
        // cache counts add to input_tokens: the whole prompt is 100 + 2000 + 3000
        assertThat(r.usage()).isEqualTo(new Usage(5100, 50, 3000, 2000, 0));
        // 100 * 1.00 + 3000 * 0.10 + 2000 * 1.25 + 50 * 5.00 = 3150 per 1M
        assertThat(r.costUsd().getAsDouble()).isCloseTo(0.003150, within(1e-12));
    }

    @Test
    void parsesToolUse() {
        f.enqueueJson("""
                {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",
                 "content":[
                   {"type":"text","text":"I'll look that up."},
                   {"type":"tool_use","id":"toolu_01A09q90qw90lq917835lq9","name":"lookup_order","input":{"order_id":"A-1001"}}
                 ],
                 "stop_reason":"tool_use","stop_sequence":null,
                 "usage":{"input_tokens":300,"output_tokens":40}}
                """);

        LlmResponse r = f.client("anthropic:claude-sonnet-4-5").chat("Where is A-1001?");

        assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(r.text()).isEqualTo("I'll look that up.");
        assertThat(r.toolCalls()).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo("toolu_01A09q90qw90lq917835lq9");
            assertThat(c.name()).isEqualTo("lookup_order");
            assertThat(c.arguments().path("order_id").asText()).isEqualTo("A-1001");
        });
        // 300 * 3.00 + 40 * 15.00 = 1500 per 1M
        assertThat(r.costUsd().getAsDouble()).isCloseTo(0.0015, within(1e-12));
    }

    @Test
    void structuredOutputGoesThroughAForcedToolAndComesBackAsText() throws Exception {
        f.enqueueJson("""
                {"id":"msg_2","type":"message","role":"assistant","model":"claude-haiku-4-5-20251001",
                 "content":[{"type":"tool_use","id":"toolu_9","name":"ticket","input":{"category":"refund","urgent":false}}],
                 "stop_reason":"tool_use","usage":{"input_tokens":20,"output_tokens":10}}
                """);
        JsonNode schema = Fixture.json("{\"type\":\"object\",\"properties\":{\"category\":{\"type\":\"string\"}}}");

        LlmResponse r = f.client("anthropic:claude-haiku-4-5")
                .chat(LlmRequest.builder()
                        .user("Classify: my shoes broke")
                        .responseFormat(ResponseFormat.jsonSchema("ticket", schema))
                        .build());

        JsonNode sent = Fixture.body(f.server.takeRequest(5, TimeUnit.SECONDS));
        assertThat(sent.path("tools").get(0).path("name").asText()).isEqualTo("ticket");
        assertThat(sent.path("tools").get(0).path("input_schema")).isEqualTo(schema);
        assertThat(sent.path("tool_choice")).isEqualTo(Fixture.json("{\"type\":\"tool\",\"name\":\"ticket\"}"));
        assertThat(r.json().path("category").asText()).isEqualTo("refund");
        assertThat(r.toolCalls()).isEmpty();
        assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void structuredOutputWithOtherToolsIsRefusedBeforeSending() {
        JsonNode schema = Fixture.json("{\"type\":\"object\"}");
        LlmRequest request = LlmRequest.builder()
                .user("x")
                .responseFormat(ResponseFormat.jsonSchema("out", schema))
                .tool(Tool.of("t", "", schema))
                .build();

        assertThatThrownBy(() -> f.client("anthropic:claude-haiku-4-5").chat(request))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be combined with tools");
        assertThat(f.server.getRequestCount()).isZero();
        assertThat(f.calls).singleElement().satisfies(c -> assertThat(c.error()).contains("forced tool"));
    }

    @Test
    void refusalStopReason() {
        f.enqueueJson("""
                {"id":"msg_3","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",
                 "content":[{"type":"text","text":"I can't help with that."}],
                 "stop_reason":"refusal","usage":{"input_tokens":5,"output_tokens":6}}
                """);

        LlmResponse r = f.client("anthropic:claude-sonnet-4-5").chat("forbidden");

        assertThat(r.finishReason()).isEqualTo(FinishReason.REFUSAL);
        assertThat(r.text()).isEqualTo("I can't help with that.");
    }

    @Test
    void maxTokensAndTemperatureLimits() throws Exception {
        f.enqueueJson("""
                {"id":"msg_4","type":"message","role":"assistant","model":"claude-haiku-4-5-20251001",
                 "content":[{"type":"text","text":"Once"}],"stop_reason":"max_tokens",
                 "usage":{"input_tokens":5,"output_tokens":1}}
                """);

        LlmResponse r = f.client("anthropic:claude-haiku-4-5")
                .chat(LlmRequest.builder().user("story").maxTokens(1).build());

        assertThat(Fixture.body(f.server.takeRequest(5, TimeUnit.SECONDS))
                        .path("max_tokens")
                        .asInt())
                .isEqualTo(1);
        assertThat(r.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThatThrownBy(() -> f.client("anthropic:claude-haiku-4-5")
                        .chat(LlmRequest.builder().user("x").temperature(1.5).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Anthropic accepts 0..1");
    }

    @Test
    void anthropicCannotEmbed() {
        assertThatThrownBy(() -> f.client("anthropic:claude-haiku-4-5").embed("x"))
                .isInstanceOf(LlmException.class)
                .hasMessageContaining("llm.embedding.model=openai:text-embedding-3-small");
    }

    @Test
    void missingKeyFailsBeforeSendingAndNamesTheVariable() {
        f.env.remove("ANTHROPIC_API_KEY");

        assertThatThrownBy(() -> f.client("anthropic:claude-haiku-4-5").chat("x"))
                .isInstanceOf(LlmException.class)
                .hasMessageContaining("ANTHROPIC_API_KEY")
                .hasMessageContaining("llm.mode=replay");
        assertThat(f.server.getRequestCount()).isZero();
    }
}
