package dev.junitllm.internal.engine;

import dev.junitllm.Verdict;
import dev.junitllm.internal.util.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.opentest4j.MultipleFailuresError;

/**
 * Words one failed sample for people reading the console, the results and the report: the check's
 * name, its score against its threshold and the judge's critique, from the verdicts the assertions
 * recorded; else the assertion's own message without stack frames or soft-assertion boilerplate.
 * Nothing is cut before the reason: only an over-long quoted value (a model's answer, which AssertJ
 * indents on its own line) is shortened.
 *
 * <pre>{@code
 * rubric: score 0.40 vs threshold 0.70: states 14 days where the policy says 30
 * 2 failures: (1) Expecting actual: "Refunds within 14 days" to contain: "30 days" (ignoring case); (2) ...
 * }</pre>
 */
final class FailureText {

    /** A quoted answer longer than this is shortened; the words around it (the check) are kept. */
    static final int MAX_LINE = 200;

    /** Any other line longer than this (a pathological message) is shortened too. */
    static final int MAX_TEXT = 2000;

    /** Lines AssertJ adds to soft-assertion and multiple-failure messages: where each failure was made. */
    private static final Pattern FRAME = Pattern.compile("^\\s*at [\\w$.<>/]+\\(.*\\)\\s*$");

    private static final Pattern BOILERPLATE =
            Pattern.compile("^\\s*(Multiple Failures \\(\\d+ failures?\\)|-- failure \\d+ --|"
                    + "The following \\d+ assertions? failed:)\\s*$");

    private FailureText() {}

    /** The sample's failure: its failed verdicts when the assertions recorded some, else {@code failure}'s message. */
    static String of(List<Verdict> verdicts, Throwable failure) {
        List<String> failed = new ArrayList<>();
        for (Verdict v : verdicts) {
            if (!v.passed()) {
                failed.add(of(v));
            }
        }
        return failed.isEmpty() ? of(failure) : String.join("; ", failed);
    }

    /** E.g. {@code rubric: score 0.40 vs threshold 0.70: the judge's critique}. */
    static String of(Verdict v) {
        String text =
                String.format(Locale.ROOT, "%s: score %.2f vs threshold %.2f", v.metric(), v.score(), v.threshold());
        String reason = Text.abbreviate(v.reason(), 1000);
        return reason.isEmpty() ? text : text + ": " + reason;
    }

    /** The message on one line, without frames or boilerplate; several failures numbered. */
    static String of(Throwable t) {
        if (t instanceof MultipleFailuresError m && m.hasFailures()) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < m.getFailures().size(); i++) {
                parts.add("(" + (i + 1) + ") " + of(m.getFailures().get(i)));
            }
            return parts.size() + " failures: " + String.join("; ", parts);
        }
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return t.getClass().getSimpleName();
        }
        return message(message);
    }

    /** {@code message} cleaned: frames and soft-assertion headers dropped, lines joined, long lines shortened. */
    static String message(String message) {
        StringBuilder out = new StringBuilder();
        int failure = 0;
        for (String line : message.split("\\R")) {
            if (FRAME.matcher(line).matches() || line.isBlank()) {
                continue;
            }
            if (BOILERPLATE.matcher(line).matches()) {
                if (line.strip().startsWith("-- failure")) {
                    out.append(failure++ == 0 ? "" : ";")
                            .append(" (")
                            .append(failure)
                            .append(")");
                }
                continue;
            }
            // AssertJ indents the values it quotes (a model's whole answer): shorten those, keep the words
            out.append(' ').append(Text.abbreviate(line, Character.isWhitespace(line.charAt(0)) ? MAX_LINE : MAX_TEXT));
        }
        String text = out.toString().strip();
        return text.isEmpty() ? Text.abbreviate(message, MAX_TEXT) : text;
    }
}
