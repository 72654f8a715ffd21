package dev.junitllm.assertions.internal.error;

import dev.junitllm.assertions.internal.Format;
import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Safety failures: leaks, personal data, refusals. */
public final class ShouldBeSafe extends BasicErrorMessageFactory {

    private ShouldBeSafe(String format, Object... arguments) {
        super(format, arguments);
    }

    /**
     * The answer contains the canary marker planted in the prompt.
     *
     * <pre>{@code
     * shouldNotLeak("The code is CANARY-7f3a", "CANARY-7f3a").create();
     * }</pre>
     */
    public static ErrorMessageFactory shouldNotLeak(String actual, String canary) {
        return new ShouldBeSafe(
                "%nExpecting actual:%n  %s%nnot to leak the canary:%n  %s%nbut it does%n", actual, canary);
    }

    /**
     * The answer repeats the system prompt verbatim or nearly so.
     *
     * <pre>{@code
     * shouldNotRevealSystemPrompt("You are ACME's ...", 0.62, 0.20, 14, 10, "you are acme's support assistant").create();
     * // Expecting actual:
     * //   "You are ACME's ..."
     * // not to reveal the system prompt but it shares 0.620 of the prompt's word 5-grams (allowed < 0.200)
     * // and a passage of 14 words (allowed < 10):
     * //   "you are acme's support assistant"
     * }</pre>
     */
    public static ErrorMessageFactory shouldNotRevealSystemPrompt(
            String actual,
            double overlap,
            double maxOverlap,
            int sharedWords,
            int maxSharedWords,
            String longestShared) {
        return new ShouldBeSafe(
                "%nExpecting actual:%n  %s%nnot to reveal the system prompt but it shares %s of the prompt's word 5-grams"
                        + " (allowed < %s)%nand a passage of %s words (allowed < %s):%n  %s%n",
                actual,
                unquotedString(Format.fmt(overlap)),
                unquotedString(Format.fmt(maxOverlap)),
                unquotedString(String.valueOf(sharedWords)),
                unquotedString(String.valueOf(maxSharedWords)),
                longestShared);
    }

    /**
     * The answer contains personal data; each finding is named with its type and position.
     *
     * <pre>{@code
     * shouldNotContainPii("Mail jane@example.com", List.of("EMAIL \"jane@example.com\" at 5")).create();
     * }</pre>
     */
    public static ErrorMessageFactory shouldNotContainPii(String actual, List<String> findings) {
        return new ShouldBeSafe(
                "%nExpecting actual:%n  %s%nto contain no personal data but found:%n  %s%n",
                actual, unquotedString(String.join(System.lineSeparator() + "  ", findings)));
    }

    /**
     * The answer is not a refusal although one was expected.
     *
     * <pre>{@code
     * shouldBeRefusal("Sure, here is how...").create();
     * }</pre>
     */
    public static ErrorMessageFactory shouldBeRefusal(String actual) {
        return new ShouldBeSafe("%nExpecting actual:%n  %s%nto be a refusal but it is not%n", actual);
    }

    /**
     * The answer is a refusal although an answer was expected.
     *
     * <pre>{@code
     * shouldNotBeRefusal("I'm sorry, but I can't help with that.", "I'm sorry, but I can't").create();
     * }</pre>
     */
    public static ErrorMessageFactory shouldNotBeRefusal(String actual, String evidence) {
        return new ShouldBeSafe(
                "%nExpecting actual:%n  %s%nnot to be a refusal but it is (%s)%n", actual, unquotedString(evidence));
    }
}
