package dev.junitllm.assertions;

import static dev.junitllm.assertions.internal.error.ShouldBeStructured.shouldHaveArgument;
import static dev.junitllm.assertions.internal.error.ShouldBeStructured.shouldMatchJsonSchema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junitllm.ToolCall;
import dev.junitllm.Verdict;
import dev.junitllm.assertions.internal.Verdicts;
import dev.junitllm.assertions.internal.structure.Json;
import java.util.List;
import java.util.function.Consumer;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Assertions on one tool call's arguments; obtained from {@link
 * AbstractLlmResponseAssert#hasToolCall(String)}. Each check records a verdict.
 *
 * <pre>{@code
 * assertThat(response).hasToolCall("lookup_order")
 *     .hasArgument("order_id", "A-1001")
 *     .hasArgumentSatisfying("include_items", v -> assertThat(v.asBoolean()).isTrue());
 * }</pre>
 */
@API(status = API.Status.STABLE, since = "0.1")
public class ToolCallAssert extends AbstractAssert<ToolCallAssert, ToolCall> {

    /**
     * Creates the assert; public for soft-assertion proxies.
     *
     * <pre>{@code
     * new ToolCallAssert(response.toolCalls().get(0)).hasArgument("order_id", "A-1001");
     * }</pre>
     */
    public ToolCallAssert(ToolCall actual) {
        super(actual, ToolCallAssert.class);
    }

    /**
     * The argument {@code name} equals {@code expected}, compared as JSON: {@code "A-1001"}, {@code 3}
     * and {@code true} match the JSON string, number and boolean; maps and lists match objects and
     * arrays.
     *
     * <pre>{@code
     * // passes for {"order_id":"A-1001","quantity":2}
     * call.hasArgument("order_id", "A-1001").hasArgument("quantity", 2);
     * // fails: Expecting the call of "lookup_order" to have argument "order_id": "A-1002" but it was: "A-1001"
     * call.hasArgument("order_id", "A-1002");
     * }</pre>
     */
    public ToolCallAssert hasArgument(String name, Object expected) {
        isNotNull();
        JsonNode value = actual.arguments().get(name);
        JsonNode wanted = Json.MAPPER.valueToTree(expected);
        boolean ok = value != null && numericAwareEquals(value, wanted);
        String actualText = value == null ? "(missing)" : value.toString();
        return check(
                Verdict.binary(
                        "toolCallArgument",
                        ok,
                        actual.name() + "." + name + (ok ? " = " : " was " + actualText + ", expected ") + wanted),
                () -> shouldHaveArgument(actual.name(), name, wanted.toString(), actualText),
                wanted.toString(),
                actualText);
    }

    private static boolean numericAwareEquals(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    /**
     * The argument {@code name} exists and meets {@code requirements}.
     *
     * <pre>{@code
     * call.hasArgumentSatisfying("order_id", v -> assertThat(v.asText()).startsWith("A-"));
     * }</pre>
     */
    public ToolCallAssert hasArgumentSatisfying(String name, Consumer<JsonNode> requirements) {
        isNotNull();
        JsonNode value = actual.arguments().get(name);
        check(
                Verdict.binary(
                        "toolCallArgument",
                        value != null,
                        actual.name() + "." + name + (value != null ? " present" : " missing")),
                () -> shouldHaveArgument(actual.name(), name, "a value", "(missing)"),
                name,
                "(missing)");
        requirements.accept(value);
        return myself;
    }

    /**
     * The arguments follow a JSON schema (e.g. the tool's own parameter schema).
     *
     * <pre>{@code
     * call.argumentsMatchSchema(lookupOrderTool.parameters());
     * }</pre>
     */
    public ToolCallAssert argumentsMatchSchema(JsonNode schema) {
        isNotNull();
        List<String> errors = Json.validate(schema, actual.arguments());
        boolean ok = errors.isEmpty();
        return check(
                Verdict.binary("toolCallSchema", ok, ok ? "arguments match the schema" : String.join("; ", errors)),
                () -> shouldMatchJsonSchema(actual.arguments().toString(), errors),
                schema.toPrettyString(),
                actual.arguments().toPrettyString());
    }

    private ToolCallAssert check(
            Verdict verdict,
            java.util.function.Supplier<ErrorMessageFactory> message,
            Object expected,
            Object actualValue) {
        Verdicts.record(verdict);
        if (!verdict.passed()) {
            throw failureWithActualExpected(
                    actualValue, expected, "%s", message.get().create(new TextDescription(""), info.representation()));
        }
        return myself;
    }
}
