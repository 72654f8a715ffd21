package dev.junitllm.assertions.internal.error;

import dev.junitllm.assertions.internal.Format;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Embedding cosine similarity below the threshold. */
public final class ShouldBeSemanticallySimilar extends BasicErrorMessageFactory {

    private ShouldBeSemanticallySimilar(String format, Object... arguments) {
        super(format, arguments);
    }

    /**
     * The answer is not close enough in meaning to {@code expected}.
     *
     * <pre>{@code
     * shouldBeSemanticallySimilar("We ship worldwide.", "Refunds take 30 days.", 0.75, 0.12).create();
     * // Expecting actual:
     * //   "We ship worldwide."
     * // to be semantically similar to:
     * //   "Refunds take 30 days."
     * // with similarity >= 0.750 but was 0.120
     * }</pre>
     */
    public static ErrorMessageFactory shouldBeSemanticallySimilar(
            String actual, String expected, double threshold, double similarity) {
        return new ShouldBeSemanticallySimilar(
                "%nExpecting actual:%n  %s%nto be semantically similar to:%n  %s%nwith similarity >= %s but was %s%n",
                actual, expected, unquotedString(Format.fmt(threshold)), unquotedString(Format.fmt(similarity)));
    }
}
