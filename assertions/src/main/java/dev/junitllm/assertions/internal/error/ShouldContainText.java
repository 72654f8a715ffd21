package dev.junitllm.assertions.internal.error;

import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** The answer lacks text it had to contain. */
public final class ShouldContainText extends BasicErrorMessageFactory {

    private ShouldContainText(String format, Object... arguments) {
        super(format, arguments);
    }

    /**
     * The answer does not contain {@code expected}.
     *
     * <pre>{@code
     * shouldContain("We refund within 14 days", "30 days").create();
     * // Expecting actual:
     * //   "We refund within 14 days"
     * // to contain:
     * //   "30 days"
     * }</pre>
     */
    public static ErrorMessageFactory shouldContain(String actual, String expected) {
        return new ShouldContainText("%nExpecting actual:%n  %s%nto contain:%n  %s%n", actual, expected);
    }

    /**
     * The answer does not contain {@code expected}, case ignored.
     *
     * <pre>{@code
     * shouldContainIgnoringCase("We refund within 14 days", "30 DAYS").create();
     * }</pre>
     */
    public static ErrorMessageFactory shouldContainIgnoringCase(String actual, String expected) {
        return new ShouldContainText(
                "%nExpecting actual:%n  %s%nto contain (ignoring case):%n  %s%n", actual, expected);
    }

    /**
     * The answer contains none of {@code values}.
     *
     * <pre>{@code
     * shouldContainAnyOf("Hello", List.of("refund", "return")).create();
     * }</pre>
     */
    public static ErrorMessageFactory shouldContainAnyOf(String actual, List<String> values) {
        return new ShouldContainText("%nExpecting actual:%n  %s%nto contain any of:%n  %s%n", actual, values);
    }

    /**
     * The answer lacks some of {@code values}.
     *
     * <pre>{@code
     * shouldContainAllOf("refund", List.of("refund", "30 days"), List.of("30 days")).create();
     * // ... but could not find:
     * //   ["30 days"]
     * }</pre>
     */
    public static ErrorMessageFactory shouldContainAllOf(String actual, List<String> values, List<String> missing) {
        return new ShouldContainText(
                "%nExpecting actual:%n  %s%nto contain all of:%n  %s%nbut could not find:%n  %s%n",
                actual, values, missing);
    }

    /**
     * The answer does not start with {@code prefix}.
     *
     * <pre>{@code
     * shouldStartWith("Sorry, ...", "Yes").create();
     * }</pre>
     */
    public static ErrorMessageFactory shouldStartWith(String actual, String prefix) {
        return new ShouldContainText("%nExpecting actual:%n  %s%nto start with:%n  %s%n", actual, prefix);
    }

    /**
     * No part of the answer matches {@code regex}.
     *
     * <pre>{@code
     * shouldMatch("no order id here", "[A-Z]-\\d{4}").create();
     * }</pre>
     */
    public static ErrorMessageFactory shouldMatch(String actual, String regex) {
        return new ShouldContainText(
                "%nExpecting actual:%n  %s%nto contain a match for the regular expression:%n  %s%n", actual, regex);
    }
}
