package dev.junitllm.assertions.internal.text;

import static dev.junitllm.assertions.internal.Format.lower;
import static dev.junitllm.assertions.internal.Format.quote;
import static dev.junitllm.assertions.internal.error.ShouldBeWithinBounds.shouldBeWithin;
import static dev.junitllm.assertions.internal.error.ShouldContainText.shouldContain;
import static dev.junitllm.assertions.internal.error.ShouldContainText.shouldContainAllOf;
import static dev.junitllm.assertions.internal.error.ShouldContainText.shouldContainAnyOf;
import static dev.junitllm.assertions.internal.error.ShouldContainText.shouldContainIgnoringCase;
import static dev.junitllm.assertions.internal.error.ShouldContainText.shouldMatch;
import static dev.junitllm.assertions.internal.error.ShouldContainText.shouldStartWith;
import static dev.junitllm.assertions.internal.error.ShouldNotContainText.shouldNotContain;

import dev.junitllm.Verdict;
import dev.junitllm.assertions.internal.Check;
import java.util.List;
import java.util.regex.Pattern;

/** Deterministic checks on the answer's text: substrings, patterns, length and word count. */
public final class TextChecks {
    private TextChecks() {}

    public static Check contains(String text, String expected) {
        boolean ok = text.contains(expected);
        return new Check(
                Verdict.binary("contains", ok, (ok ? "contains " : "does not contain ") + quote(expected)),
                () -> shouldContain(text, expected),
                expected,
                text);
    }

    public static Check containsIgnoringCase(String text, String expected) {
        boolean ok = lower(text).contains(lower(expected));
        return new Check(
                Verdict.binary("containsIgnoringCase", ok, (ok ? "contains " : "does not contain ") + quote(expected)),
                () -> shouldContainIgnoringCase(text, expected),
                expected,
                text);
    }

    public static Check containsAnyOf(String text, List<String> values) {
        List<String> found = found(text, values);
        boolean ok = !found.isEmpty();
        return new Check(
                Verdict.binary("containsAnyOf", ok, ok ? "contains " + found : "contains none of " + values),
                () -> shouldContainAnyOf(text, values),
                String.join("\n", values),
                text);
    }

    public static Check containsAllOf(String text, List<String> values) {
        List<String> missing =
                values.stream().filter(v -> !lower(text).contains(lower(v))).toList();
        boolean ok = missing.isEmpty();
        double score = values.isEmpty() ? 1.0 : (double) (values.size() - missing.size()) / values.size();
        return new Check(
                new Verdict("containsAllOf", score, 1.0, ok, ok ? "contains all of " + values : "missing " + missing),
                () -> shouldContainAllOf(text, values, missing),
                String.join("\n", values),
                text);
    }

    public static Check doesNotContain(String text, List<String> values) {
        List<String> found = found(text, values);
        boolean ok = found.isEmpty();
        return new Check(
                Verdict.binary("doesNotContain", ok, ok ? "contains none of " + values : "contains " + found),
                () -> shouldNotContain(text, values, found),
                "text without " + values,
                text);
    }

    public static Check matches(String text, String regex) {
        boolean ok = Pattern.compile(regex).matcher(text).find();
        return new Check(
                Verdict.binary("matches", ok, (ok ? "matches /" : "no match for /") + regex + "/"),
                () -> shouldMatch(text, regex),
                regex,
                text);
    }

    public static Check startsWith(String text, String prefix) {
        boolean ok = text.stripLeading().startsWith(prefix);
        return new Check(
                Verdict.binary("startsWith", ok, (ok ? "starts with " : "does not start with ") + quote(prefix)),
                () -> shouldStartWith(text, prefix),
                prefix,
                text);
    }

    public static Check lengthBetween(String text, int min, int max) {
        return bounds(text, "length", "length", TextMetrics.length(text), min, max);
    }

    public static Check wordCountBetween(String text, int min, int max) {
        return bounds(text, "word count", "wordCount", TextMetrics.words(text).size(), min, max);
    }

    private static Check bounds(String text, String quantity, String metric, int value, int min, int max) {
        if (min > max) {
            throw new IllegalArgumentException("min " + min + " is greater than max " + max);
        }
        boolean ok = value >= min && value <= max;
        String range = "[" + min + ", " + max + "]";
        return new Check(
                Verdict.binary(metric, ok, quantity + " " + value + (ok ? " within " : " outside ") + range),
                () -> shouldBeWithin(text, quantity, value, min, max),
                quantity + " within " + range,
                text);
    }

    private static List<String> found(String text, List<String> values) {
        return values.stream().filter(v -> lower(text).contains(lower(v))).toList();
    }
}
