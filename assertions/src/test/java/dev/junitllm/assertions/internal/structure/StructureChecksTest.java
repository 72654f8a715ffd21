package dev.junitllm.assertions.internal.structure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junitllm.FinishReason;
import dev.junitllm.LlmResponse;
import dev.junitllm.ToolCall;
import dev.junitllm.assertions.internal.Check;
import java.util.List;
import org.junit.jupiter.api.Test;

class StructureChecksTest {

    @Test
    void parsesFencedJsonAndRejectsDuplicateKeys() {
        StructureChecks.Parsed fenced = StructureChecks.parse("```json\n{\"id\":1}\n```");
        assertThat(fenced.node().path("id").asInt()).isEqualTo(1);
        assertThat(fenced.check().passed()).isTrue();
        StructureChecks.Parsed duplicate = StructureChecks.parse("{\"a\":1,\"a\":2}");
        assertThat(duplicate.node()).isNull();
        assertThat(duplicate.check().verdict().reason()).startsWith("not JSON: Duplicate field 'a'");
        assertThat(StructureChecks.parse("  ").check().verdict().reason()).isEqualTo("not JSON: no JSON value");
    }

    @Test
    void pointerAndSchema() throws Exception {
        JsonNode json = Json.parse("{\"order\":{\"id\":\"A-1\"}}");
        assertThat(StructureChecks.jsonPointer("t", json, "/order/id").passed()).isTrue();
        assertThat(StructureChecks.jsonPointer("t", json, "/order/status")
                        .verdict()
                        .reason())
                .isEqualTo("has no value at /order/status");
        JsonNode schema = Json.parseSchema("{\"type\":\"object\",\"required\":[\"total\"]}");
        Check check = StructureChecks.jsonSchema("t", json, schema);
        assertThat(check.passed()).isFalse();
        assertThat(check.verdict().reason()).contains("total");
    }

    @Test
    void toolCallsAndFinishReason() throws Exception {
        LlmResponse response = LlmResponse.builder()
                .toolCalls(List.of(new ToolCall("c1", "cancel_order", Json.parse("{}"))))
                .finishReason(FinishReason.LENGTH, "max_tokens")
                .build();
        assertThat(StructureChecks.toolCall(response, "lookup_order").verdict().reason())
                .isEqualTo("did not call lookup_order; called [cancel_order]");
        assertThat(StructureChecks.firstCall(response, "cancel_order")).isPresent();
        assertThat(StructureChecks.noToolCalls(response).passed()).isFalse();
        Check finish = StructureChecks.finishedNormally(response);
        assertThat(finish.passed()).isFalse();
        assertThat(finish.actual()).isEqualTo("LENGTH");
    }
}
