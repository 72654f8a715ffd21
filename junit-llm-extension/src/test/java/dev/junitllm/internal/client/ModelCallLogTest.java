package dev.junitllm.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junitllm.CallRole;
import dev.junitllm.LlmRequest;
import dev.junitllm.LlmResponse;
import dev.junitllm.Message;
import dev.junitllm.ModelId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Which calls the log passes on, and how it reads both providers' request bodies back into messages. */
class ModelCallLogTest {

    private final List<Supplier<LlmResponse>> seen = new ArrayList<>();

    private ModelCallLog log(int status, String responseBody) {
        return new ModelCallLog(
                (exchange, onEvent) -> new ExchangeResult(
                        status,
                        Json.tryParse(responseBody),
                        List.of(),
                        "req_1",
                        Duration.ofMillis(5),
                        null,
                        Instant.EPOCH,
                        true),
                seen::add);
    }

    private static Exchange exchange(String model, CallRole role, String path, String body) {
        return new Exchange(ModelId.parse(model), role, path, (ObjectNode) Json.tryParse(body), false);
    }

    private static final String OPENAI_TOOL_CALL = """
            {"model":"gpt-4o-mini","choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant",
            "content":null,"tool_calls":[{"id":"call_2","type":"function","function":{"name":"track_shipment",
            "arguments":"{\\"order_id\\":\\"A-1\\"}"}}]}}],"usage":{"prompt_tokens":30,"completion_tokens":5,"total_tokens":35}}
            """;

    @Test
    void anOpenAiAgentStepIsReadWithItsToolCallsAndToolResults() {
        log(200, OPENAI_TOOL_CALL)
                .execute(exchange("openai:gpt-4o-mini", CallRole.MODEL, "/chat/completions", """
                                {"model":"gpt-4o-mini","messages":[{"role":"system","content":"Be brief."},
                                {"role":"user","content":"Where is A-1?"},
                                {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
                                 "function":{"name":"lookup_order","arguments":"{\\"order_id\\":\\"A-1\\"}"}}]},
                                {"role":"tool","tool_call_id":"call_1","content":"shipped"}],
                                "tools":[{"type":"function","function":{"name":"lookup_order","parameters":{"type":"object"}}}]}
                                """), event -> {});
        LlmResponse step = seen.get(0).get();
        assertThat(step.toolCalls()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("track_shipment");
            assertThat(c.arguments().path("order_id").asText()).isEqualTo("A-1");
        });
        assertThat(step.usage().totalTokens()).isEqualTo(35);
        assertThat(step.replayed()).isTrue();
        LlmRequest request = step.request().orElseThrow();
        assertThat(request.messages())
                .extracting(Message::role)
                .containsExactly(Message.Role.SYSTEM, Message.Role.USER, Message.Role.ASSISTANT, Message.Role.TOOL);
        assertThat(request.messages().get(2).toolCalls().get(0).name()).isEqualTo("lookup_order");
        assertThat(request.messages().get(3).toolCallId()).isEqualTo("call_1");
        assertThat(request.messages().get(3).content()).isEqualTo("shipped");
        assertThat(request.tools()).extracting(t -> t.name()).containsExactly("lookup_order");
    }

    @Test
    void anAnthropicStepReadsToolUseAndToolResultBlocks() {
        log(200, """
                        {"id":"msg_1","type":"message","role":"assistant","model":"claude-haiku-4-5",
                         "content":[{"type":"text","text":"It shipped."}],"stop_reason":"end_turn",
                         "usage":{"input_tokens":40,"output_tokens":4}}
                        """).execute(exchange("anthropic:claude-haiku-4-5", CallRole.MODEL, "/v1/messages", """
                                {"model":"claude-haiku-4-5","max_tokens":100,"system":[{"type":"text","text":"Be brief."}],
                                 "messages":[{"role":"user","content":"Where is A-1?"},
                                  {"role":"assistant","content":[{"type":"tool_use","id":"tu_1","name":"lookup_order","input":{"order_id":"A-1"}}]},
                                  {"role":"user","content":[{"type":"tool_result","tool_use_id":"tu_1","content":"shipped"},{"type":"text","text":"Thanks"}]}],
                                 "tools":[{"name":"lookup_order","input_schema":{"type":"object"}}]}
                                """), event -> {});
        LlmResponse step = seen.get(0).get();
        assertThat(step.text()).isEqualTo("It shipped.");
        assertThat(step.request().orElseThrow().messages())
                .extracting(Message::role, Message::content)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Message.Role.SYSTEM, "Be brief."),
                        org.assertj.core.groups.Tuple.tuple(Message.Role.USER, "Where is A-1?"),
                        org.assertj.core.groups.Tuple.tuple(Message.Role.ASSISTANT, ""),
                        org.assertj.core.groups.Tuple.tuple(Message.Role.TOOL, "shipped"),
                        org.assertj.core.groups.Tuple.tuple(Message.Role.USER, "Thanks"));
        assertThat(step.request()
                        .orElseThrow()
                        .messages()
                        .get(2)
                        .toolCalls()
                        .get(0)
                        .arguments())
                .isEqualTo(Json.tryParse("{\"order_id\":\"A-1\"}"));
    }

    @Test
    void judgeCallsEmbeddingsAndFailedAttemptsAreNoSteps() {
        String chat = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        log(200, OPENAI_TOOL_CALL)
                .execute(exchange("openai:gpt-4o-mini", CallRole.JUDGE, "/chat/completions", chat), e -> {});
        log(200, "{\"data\":[]}")
                .execute(
                        exchange("openai:text-embedding-3-small", CallRole.MODEL, "/embeddings", "{\"input\":\"hi\"}"),
                        e -> {});
        log(429, "{\"error\":{\"message\":\"slow down\"}}")
                .execute(exchange("openai:gpt-4o-mini", CallRole.MODEL, "/chat/completions", chat), e -> {});
        assertThat(seen).isEmpty();
    }

    @Test
    void aBodyNoAdapterReadsIsAStepWithoutContentNeverAnError() {
        log(200, "{\"output\":[{\"type\":\"message\"}]}")
                .execute(
                        exchange(
                                "openai:gpt-4o-mini",
                                CallRole.MODEL,
                                "/responses",
                                "{\"model\":\"gpt-4o-mini\",\"input\":\"Where is A-1?\"}"),
                        e -> {});
        LlmResponse step = seen.get(0).get();
        assertThat(step.text()).isEmpty();
        assertThat(step.request().orElseThrow().lastUserText()).isEqualTo("Where is A-1?");
        JsonNode none = step.rawBody();
        assertThat(none).isNull();
    }
}
