package dev.junitllm.assertions.internal.error;

import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Structural failures: JSON, JSON schema, tool calls, finish reason. */
public final class ShouldBeStructured extends BasicErrorMessageFactory {

    private ShouldBeStructured(String format, Object... arguments) {
        super(format, arguments);
    }

    /**
     * The answer is not valid JSON.
     *
     * <pre>{@code
     * shouldBeValidJson("{oops", "Unexpected character ('o' (code 111))").create();
     * // Expecting actual:
     * //   "{oops"
     * // to be valid JSON but parsing failed: Unexpected character ('o' (code 111))
     * }</pre>
     */
    public static ErrorMessageFactory shouldBeValidJson(String actual, String parseError) {
        return new ShouldBeStructured(
                "%nExpecting actual:%n  %s%nto be valid JSON but parsing failed: %s%n",
                actual, unquotedString(parseError));
    }

    /**
     * The answer's JSON breaks its schema.
     *
     * <pre>{@code
     * shouldMatchJsonSchema("{\"id\":1}", List.of("$.id: integer found, string expected")).create();
     * }</pre>
     */
    public static ErrorMessageFactory shouldMatchJsonSchema(String actual, List<String> errors) {
        return new ShouldBeStructured(
                "%nExpecting actual:%n  %s%nto match the JSON schema but found %s error(s):%n  %s%n",
                actual,
                unquotedString(String.valueOf(errors.size())),
                unquotedString(String.join(System.lineSeparator() + "  ", errors)));
    }

    /**
     * A JSON pointer leads nowhere in the answer.
     *
     * <pre>{@code
     * shouldHaveJsonPointer("{\"a\":1}", "/b").create();
     * }</pre>
     */
    public static ErrorMessageFactory shouldHaveJsonPointer(String actual, String pointer) {
        return new ShouldBeStructured(
                "%nExpecting actual JSON:%n  %s%nto have a value at JSON pointer %s but there is none%n",
                actual, pointer);
    }

    /**
     * The model did not call the expected tool.
     *
     * <pre>{@code
     * shouldHaveToolCall("lookup_order", List.of("cancel_order")).create();
     * // Expecting a call of the tool:
     * //   "lookup_order"
     * // but the tools called were:
     * //   ["cancel_order"]
     * }</pre>
     */
    public static ErrorMessageFactory shouldHaveToolCall(String expected, List<String> called) {
        return new ShouldBeStructured(
                "%nExpecting a call of the tool:%n  %s%nbut the tools called were:%n  %s%n", expected, called);
    }

    /**
     * The model called tools when it should not have.
     *
     * <pre>{@code
     * shouldHaveNoToolCalls(List.of("cancel_order")).create();
     * }</pre>
     */
    public static ErrorMessageFactory shouldHaveNoToolCalls(List<String> called) {
        return new ShouldBeStructured("%nExpecting no tool calls but the model called:%n  %s%n", called);
    }

    /**
     * A tool call's argument is missing or has another value.
     *
     * <pre>{@code
     * shouldHaveArgument("lookup_order", "order_id", "\"A-1001\"", "\"A-1002\"").create();
     * }</pre>
     */
    public static ErrorMessageFactory shouldHaveArgument(String tool, String argument, String expected, String actual) {
        return new ShouldBeStructured(
                "%nExpecting the call of %s to have argument %s:%n  %s%nbut it was:%n  %s%n",
                tool, argument, unquotedString(expected), unquotedString(actual));
    }

    /**
     * The answer did not end normally (cut by length, filtered, refused).
     *
     * <pre>{@code
     * shouldHaveFinishedNormally("LENGTH", "max_tokens").create();
     * // Expecting the response to have finished normally (STOP or TOOL_CALLS) but it finished with LENGTH (raw: "max_tokens")
     * }</pre>
     */
    public static ErrorMessageFactory shouldHaveFinishedNormally(String finishReason, String raw) {
        return new ShouldBeStructured(
                "%nExpecting the response to have finished normally (STOP or TOOL_CALLS) but it finished with %s (raw: %s)%n",
                unquotedString(finishReason), raw);
    }
}
