package dev.junitllm.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junitllm.CallRole;
import dev.junitllm.FinishReason;
import dev.junitllm.LlmRequest;
import dev.junitllm.LlmResponse;
import dev.junitllm.ResponseFormat;
import dev.junitllm.Tool;
import dev.junitllm.ToolCall;
import dev.junitllm.Usage;
import dev.junitllm.internal.results.CallRecord;
import java.util.concurrent.TimeUnit;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OpenAiChatTest {

    static final String COMPLETION = """
            {
              "id": "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT",
              "object": "chat.completion",
              "created": 1741569952,
              "model": "gpt-4o-mini-2024-07-18",
              "choices": [
                {
                  "index": 0,
                  "message": {
                    "role": "assistant",
                    "content": "You can return items within 30 days.",
                    "refusal": null,
                    "annotations": []
                  },
                  "logprobs": null,
                  "finish_reason": "stop"
                }
              ],
              "usage": {
                "prompt_tokens": 1000,
                "completion_tokens": 200,
                "total_tokens": 1200,
                "prompt_tokens_details": { "cached_tokens": 400, "audio_tokens": 0 },
                "completion_tokens_details": {
                  "reasoning_tokens": 50, "audio_tokens": 0,
                  "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0
                }
              },
              "service_tier": "default",
              "system_fingerprint": "fp_06737a9306"
            }
            """;

    @RegisterExtension
    final Fixture f = new Fixture();

    @Test
    void sendsTheDocumentedRequestShape() throws Exception {
        f.enqueueJson(COMPLETION);
        JsonNode schema = Fixture.json("{\"type\":\"object\",\"properties\":{\"days\":{\"type\":\"integer\"}}}");
        JsonNode params = Fixture.json("{\"type\":\"object\",\"properties\":{\"order_id\":{\"type\":\"string\"}}}");
        ToolCall earlier = new ToolCall("call_1", "lookup_order", Fixture.json("{\"order_id\":\"A-1\"}"));

        f.client("openai:gpt-4o-mini")
                .chat(LlmRequest.builder()
                        .system("Be brief.")
                        .user("Where is A-1?")
                        .message(dev.junitllm.Message.assistant(LlmResponse.builder()
                                .toolCalls(java.util.List.of(earlier))
                                .build()))
                        .toolResult("call_1", "{\"status\":\"shipped\"}")
                        .temperature(0.2)
                        .topP(0.9)
                        .seed(42)
                        .stop("END")
                        .maxTokens(300)
                        .responseFormat(ResponseFormat.jsonSchema("answer", schema))
                        .tool(Tool.of("lookup_order", "Finds an order", params))
                        .toolChoice("lookup_order")
                        .parameter("reasoning_effort", "low")
                        .build());

        RecordedRequest r = f.server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer fake-openai-key");
        assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
        JsonNode expected = Fixture.json("""
                {
                  "model": "gpt-4o-mini",
                  "messages": [
                    {"role": "system", "content": "Be brief."},
                    {"role": "user", "content": "Where is A-1?"},
                    {"role": "assistant", "content": null, "tool_calls": [
                      {"id": "call_1", "type": "function",
                       "function": {"name": "lookup_order", "arguments": "{\\"order_id\\":\\"A-1\\"}"}}
                    ]},
                    {"role": "tool", "tool_call_id": "call_1", "content": "{\\"status\\":\\"shipped\\"}"}
                  ],
                  "temperature": 0.2,
                  "top_p": 0.9,
                  "seed": 42,
                  "stop": ["END"],
                  "max_completion_tokens": 300,
                  "response_format": {"type": "json_schema",
                    "json_schema": {"name": "answer", "strict": true,
                      "schema": {"type":"object","properties":{"days":{"type":"integer"}}}}},
                  "tools": [{"type": "function", "function": {"name": "lookup_order",
                    "description": "Finds an order",
                    "parameters": {"type":"object","properties":{"order_id":{"type":"string"}}}}}],
                  "tool_choice": {"type": "function", "function": {"name": "lookup_order"}},
                  "reasoning_effort": "low"
                }
                """);
        assertThat(Fixture.body(r)).isEqualTo(expected);
    }

    @Test
    void parsesTextUsageCostAndReportsTheCall() {
        f.server.enqueue(Fixture.json(200, COMPLETION));

        LlmResponse r = f.client("openai:gpt-4o-mini", CallRole.JUDGE).chat("How long do I have?");

        assertThat(r.text()).isEqualTo("You can return items within 30 days.");
        assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(r.rawFinishReason()).isEqualTo("stop");
        assertThat(r.model()).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(r.requestedModel()).isEqualTo("openai:gpt-4o-mini");
        assertThat(r.requestId()).contains("req_200");
        assertThat(r.usage()).isEqualTo(new Usage(1000, 200, 400, 0, 50));
        // (1000 - 400) * 0.15 + 400 * 0.075 + 200 * 0.60 = 240 USD per 1M tokens
        assertThat(r.costUsd().getAsDouble()).isCloseTo(0.000240, within(1e-12));
        assertThat(r.role()).isEqualTo(CallRole.JUDGE);
        assertThat(r.replayed()).isFalse();
        assertThat(r.latency()).isPositive();
        assertThat(r.timeToFirstToken()).isEmpty();
        assertThat(f.budget.spentUsd()).isCloseTo(0.000240, within(1e-12));

        assertThat(f.calls).hasSize(1);
        CallRecord call = f.calls.get(0);
        assertThat(call.role()).isEqualTo(CallRole.JUDGE);
        assertThat(call.model()).isEqualTo("openai:gpt-4o-mini");
        assertThat(call.providerModel()).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(call.costUsd()).isCloseTo(0.000240, within(1e-12));
        assertThat(call.request()).isEqualTo("How long do I have?");
        assertThat(call.response()).isEqualTo("You can return items within 30 days.");
        assertThat(call.error()).isNull();
        assertThat(call.replayed()).isFalse();
    }

    @Test
    void parsesToolCalls() {
        f.enqueueJson("""
                {"id":"chatcmpl-1","object":"chat.completion","model":"gpt-4o-2024-08-06",
                 "choices":[{"index":0,"message":{"role":"assistant","content":null,"refusal":null,
                   "tool_calls":[
                     {"id":"call_abc","type":"function","function":{"name":"lookup_order","arguments":"{\\"order_id\\":\\"A-1001\\"}"}},
                     {"id":"call_def","type":"function","function":{"name":"refund","arguments":"{not json"}}
                   ]},"finish_reason":"tool_calls"}],
                 "usage":{"prompt_tokens":80,"completion_tokens":20,"total_tokens":100}}
                """);

        LlmResponse r = f.client("openai:gpt-4o").chat("Where is A-1001?");

        assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(r.text()).isEmpty();
        assertThat(r.toolCalls()).hasSize(2);
        assertThat(r.toolCalls().get(0).id()).isEqualTo("call_abc");
        assertThat(r.toolCalls().get(0).name()).isEqualTo("lookup_order");
        assertThat(r.toolCalls().get(0).arguments().path("order_id").asText()).isEqualTo("A-1001");
        // invalid JSON from the model is kept verbatim rather than thrown away
        assertThat(r.toolCalls().get(1).arguments().isTextual()).isTrue();
        assertThat(r.toolCalls().get(1).arguments().asText()).isEqualTo("{not json");
        // 80 * 2.50 + 20 * 10.00 = 400 per 1M
        assertThat(r.costUsd().getAsDouble()).isCloseTo(0.000400, within(1e-12));
        assertThat(f.calls.get(0).response()).isEqualTo("tool calls: lookup_order, refund");
    }

    @Test
    void aRefusalIsItsOwnFinishReason() {
        f.enqueueJson("""
                {"id":"chatcmpl-2","object":"chat.completion","model":"gpt-4o-2024-08-06",
                 "choices":[{"index":0,"message":{"role":"assistant","content":null,
                   "refusal":"I'm sorry, I can't help with that."},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":10,"completion_tokens":9,"total_tokens":19}}
                """);

        LlmResponse r = f.client("openai:gpt-4o").chat("Something forbidden");

        assertThat(r.finishReason()).isEqualTo(FinishReason.REFUSAL);
        assertThat(r.rawFinishReason()).isEqualTo("stop");
        assertThat(r.text()).isEqualTo("I'm sorry, I can't help with that.");
    }

    @Test
    void contentFilterAndLengthAreNormalised() {
        f.enqueueJson("""
                {"model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":""},
                 "finish_reason":"content_filter"}],"usage":{"prompt_tokens":1,"completion_tokens":0}}
                """);
        f.enqueueJson("""
                {"model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":"Once upon"},
                 "finish_reason":"length"}],"usage":{"prompt_tokens":1,"completion_tokens":2}}
                """);

        assertThat(f.client("openai:gpt-4o-mini").chat("a").finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
        assertThat(f.client("openai:gpt-4o-mini").chat("b").finishReason()).isEqualTo(FinishReason.LENGTH);
    }

    @Test
    void unknownModelCostsUnknownNotZeroAndDoesNotTouchTheBudget() {
        f.enqueueJson("""
                {"model":"my-finetune","choices":[{"index":0,"message":{"role":"assistant","content":"hi"},
                 "finish_reason":"stop"}],"usage":{"prompt_tokens":10,"completion_tokens":2}}
                """);

        LlmResponse r = f.client("openai:my-finetune").chat("hi");

        assertThat(r.costUsd()).isEmpty();
        assertThat(f.calls.get(0).costUsd()).isNull();
        assertThat(f.budget.spentUsd()).isZero();
    }

    @Test
    void aResponseWithoutUsageHasAnUnknownCostNotZero() {
        f.enqueueJson("""
                {"model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":"hi"},
                 "finish_reason":"stop"}]}
                """);

        LlmResponse r = f.client("openai:gpt-4o-mini").chat("hi");

        assertThat(r.usage()).isEqualTo(Usage.NONE);
        assertThat(r.costUsd()).isEmpty();
    }

    @Test
    void azureDeploymentsUseAnApiKeyHeaderAndApiVersion() throws Exception {
        f.config.put(
                "llm.openai.base-url",
                f.server.url("/openai/deployments/gpt4o-prod").toString());
        f.config.put("llm.openai.api-version", "2024-10-21");
        f.env.put("AZURE_OPENAI_API_KEY", "azure-key");
        f.enqueueJson(COMPLETION);

        f.client("openai:gpt-4o-mini").chat("hi");

        RecordedRequest r = f.server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(r.getUrl().encodedPath()).isEqualTo("/openai/deployments/gpt4o-prod/chat/completions");
        assertThat(r.getUrl().queryParameter("api-version")).isEqualTo("2024-10-21");
        assertThat(r.getHeaders().get("api-key")).isEqualTo("azure-key");
        assertThat(r.getHeaders().get("Authorization")).isNull();
    }

    @Test
    void ollamaUsesItsOwnBaseUrlMaxTokensAndCostsNothing() throws Exception {
        f.env.remove("OPENAI_API_KEY");
        f.enqueueJson("""
                {"id":"chatcmpl-9","object":"chat.completion","model":"llama3.2",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Hello!"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":26,"completion_tokens":3,"total_tokens":29}}
                """);

        LlmResponse r = f.client("ollama:llama3.2")
                .chat(LlmRequest.builder().user("hi").maxTokens(50).build());

        RecordedRequest req = f.server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(req.getUrl().encodedPath()).isEqualTo("/ollama/v1/chat/completions");
        assertThat(Fixture.body(req).path("max_tokens").asInt()).isEqualTo(50);
        assertThat(Fixture.body(req).has("max_completion_tokens")).isFalse();
        assertThat(r.text()).isEqualTo("Hello!");
        assertThat(r.costUsd()).hasValue(0.0);
    }
}
