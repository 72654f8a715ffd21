package dev.junitllm.assertions.internal;

import dev.junitllm.Verdict;
import java.util.Objects;
import java.util.function.Supplier;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;
import org.assertj.core.presentation.Representation;
import org.assertj.core.presentation.StandardRepresentation;

/**
 * What one check decided: the verdict to record and, should it fail, the message plus the expected and
 * actual values of the {@link AssertionError} (so IDEs show a diff). The message is built lazily: a
 * passing check never formats it.
 */
public record Check(Verdict verdict, Supplier<ErrorMessageFactory> message, Object expected, Object actual) {

    public Check {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(message, "message");
    }

    public boolean passed() {
        return verdict.passed();
    }

    public String failureMessage(Representation representation) {
        return message.get().create(new TextDescription(""), representation);
    }

    /** The failure message with AssertJ's standard representation, for unit tests. */
    public String failureMessage() {
        return failureMessage(StandardRepresentation.STANDARD_REPRESENTATION);
    }
}
