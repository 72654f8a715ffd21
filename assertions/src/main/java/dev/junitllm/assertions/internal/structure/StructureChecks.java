package dev.junitllm.assertions.internal.structure;

import static dev.junitllm.assertions.internal.error.ShouldBeStructured.shouldBeValidJson;
import static dev.junitllm.assertions.internal.error.ShouldBeStructured.shouldHaveFinishedNormally;
import static dev.junitllm.assertions.internal.error.ShouldBeStructured.shouldHaveJsonPointer;
import static dev.junitllm.assertions.internal.error.ShouldBeStructured.shouldHaveNoToolCalls;
import static dev.junitllm.assertions.internal.error.ShouldBeStructured.shouldHaveToolCall;
import static dev.junitllm.assertions.internal.error.ShouldBeStructured.shouldMatchJsonSchema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.junitllm.FinishReason;
import dev.junitllm.LlmResponse;
import dev.junitllm.ToolCall;
import dev.junitllm.Verdict;
import dev.junitllm.assertions.internal.Check;
import java.util.List;
import java.util.Optional;

/** Checks on the response's structure: JSON, JSON pointer and schema, tool calls, finish reason. */
public final class StructureChecks {
    private StructureChecks() {}

    /** The text parsed as JSON ({@code null} when it is not) and the {@code validJson} check. */
    public record Parsed(JsonNode node, Check check) {}

    public static Parsed parse(String text) {
        String why;
        try {
            JsonNode node = Json.parse(text);
            if (node != null && !node.isMissingNode()) {
                return new Parsed(
                        node, new Check(Verdict.binary("validJson", true, "valid JSON"), () -> null, "JSON", text));
            }
            why = "no JSON value";
        } catch (JsonProcessingException e) {
            why = e.getOriginalMessage();
        }
        String reason = why;
        return new Parsed(
                null,
                new Check(
                        Verdict.binary("validJson", false, "not JSON: " + reason),
                        () -> shouldBeValidJson(text, reason),
                        "JSON",
                        text));
    }

    public static Check jsonPointer(String text, JsonNode json, String pointer) {
        boolean ok = !json.at(pointer).isMissingNode();
        return new Check(
                Verdict.binary("jsonPointer", ok, (ok ? "has " : "has no ") + "value at " + pointer),
                () -> shouldHaveJsonPointer(text, pointer),
                pointer,
                text);
    }

    public static Check jsonSchema(String text, JsonNode json, JsonNode schema) {
        List<String> errors = Json.validate(schema, json);
        boolean ok = errors.isEmpty();
        return new Check(
                Verdict.binary("jsonSchema", ok, ok ? "matches the schema" : String.join("; ", errors)),
                () -> shouldMatchJsonSchema(text, errors),
                schema.toPrettyString(),
                text);
    }

    /** The first call of the tool {@code name}. */
    public static Optional<ToolCall> firstCall(LlmResponse response, String name) {
        return response.toolCalls().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public static Check toolCall(LlmResponse response, String name) {
        boolean ok = firstCall(response, name).isPresent();
        List<String> called = toolNames(response);
        return new Check(
                Verdict.binary(
                        "toolCall", ok, (ok ? "called " : "did not call ") + name + (ok ? "" : "; called " + called)),
                () -> shouldHaveToolCall(name, called),
                name,
                response.text());
    }

    public static Check noToolCalls(LlmResponse response) {
        List<String> called = toolNames(response);
        boolean ok = called.isEmpty();
        return new Check(
                Verdict.binary("noToolCalls", ok, ok ? "no tool calls" : "called " + called),
                () -> shouldHaveNoToolCalls(called),
                "no tool calls",
                response.text());
    }

    public static Check finishedNormally(LlmResponse response) {
        FinishReason reason = response.finishReason();
        boolean ok = reason == FinishReason.STOP || reason == FinishReason.TOOL_CALLS;
        return new Check(
                Verdict.binary("finishedNormally", ok, "finish reason " + reason),
                () -> shouldHaveFinishedNormally(reason.name(), response.rawFinishReason()),
                "STOP or TOOL_CALLS",
                reason.name());
    }

    private static List<String> toolNames(LlmResponse response) {
        return response.toolCalls().stream().map(ToolCall::name).toList();
    }
}
