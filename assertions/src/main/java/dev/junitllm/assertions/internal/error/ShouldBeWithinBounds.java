package dev.junitllm.assertions.internal.error;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** A countable property of the answer (length, word count, tokens, cost, time) is out of its bounds. */
public final class ShouldBeWithinBounds extends BasicErrorMessageFactory {

    private ShouldBeWithinBounds(String format, Object... arguments) {
        super(format, arguments);
    }

    /**
     * The answer's {@code quantity} is outside {@code [min, max]}.
     *
     * <pre>{@code
     * shouldBeWithin("Yes.", "word count", 1, 5, 200).create();
     * // Expecting actual:
     * //   "Yes."
     * // to have a word count within [5, 200] but it was 1
     * }</pre>
     */
    public static ErrorMessageFactory shouldBeWithin(String actual, String quantity, long value, long min, long max) {
        return new ShouldBeWithinBounds(
                "%nExpecting actual:%n  %s%nto have a %s within [%s, %s] but it was %s%n",
                actual,
                unquotedString(quantity),
                unquotedString(String.valueOf(min)),
                unquotedString(String.valueOf(max)),
                unquotedString(String.valueOf(value)));
    }

    /**
     * A response's {@code quantity} (cost, latency, tokens) is above {@code max}.
     *
     * <pre>{@code
     * shouldBeAtMost("cost (USD)", "0.0213", "0.01").create();
     * // Expecting the response's cost (USD) to be at most 0.01 but it was 0.0213
     * }</pre>
     */
    public static ErrorMessageFactory shouldBeAtMost(String quantity, String value, String max) {
        return new ShouldBeWithinBounds(
                "%nExpecting the response's %s to be at most %s but it was %s%n",
                unquotedString(quantity), unquotedString(max), unquotedString(value));
    }

    /**
     * A response's {@code quantity} cannot be checked because it is unknown.
     *
     * <pre>{@code
     * shouldBeKnown("cost (USD)", "the price of model acme:mystery is unknown").create();
     * }</pre>
     */
    public static ErrorMessageFactory shouldBeKnown(String quantity, String why) {
        return new ShouldBeWithinBounds(
                "%nExpecting the response's %s to be known but %s%n", unquotedString(quantity), unquotedString(why));
    }
}
