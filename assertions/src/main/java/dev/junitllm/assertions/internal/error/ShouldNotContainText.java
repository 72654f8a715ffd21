package dev.junitllm.assertions.internal.error;

import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** The answer contains text it must not contain. */
public final class ShouldNotContainText extends BasicErrorMessageFactory {

    private ShouldNotContainText(String format, Object... arguments) {
        super(format, arguments);
    }

    /**
     * The answer contains some of {@code values} (case ignored).
     *
     * <pre>{@code
     * shouldNotContain("I guarantee a refund", List.of("guarantee"), List.of("guarantee")).create();
     * // Expecting actual:
     * //   "I guarantee a refund"
     * // not to contain (ignoring case):
     * //   ["guarantee"]
     * // but found:
     * //   ["guarantee"]
     * }</pre>
     */
    public static ErrorMessageFactory shouldNotContain(String actual, List<String> values, List<String> found) {
        return new ShouldNotContainText(
                "%nExpecting actual:%n  %s%nnot to contain (ignoring case):%n  %s%nbut found:%n  %s%n",
                actual, values, found);
    }
}
