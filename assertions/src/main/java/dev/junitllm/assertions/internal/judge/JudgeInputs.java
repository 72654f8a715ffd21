package dev.junitllm.assertions.internal.judge;

import dev.junitllm.GoldenCase;
import dev.junitllm.LlmContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What a judge is shown besides the answer: question, reference, retrieved context; explicit or from the row. */
public final class JudgeInputs {
    /** What judge prompts show for a missing question or reference. */
    public static final String NOT_GIVEN = "(not given)";

    public static final String NONE = "(none)";

    private JudgeInputs() {}

    /** The explicit question, else the dataset row's input, else {@value #NOT_GIVEN}. */
    public static String question(String explicit) {
        if (explicit != null) {
            return explicit;
        }
        return row().map(GoldenCase::input).filter(s -> !s.isBlank()).orElse(NOT_GIVEN);
    }

    public static String referenceOrNone(String reference) {
        return reference == null ? NONE : reference;
    }

    /** The passages, explicit or the row's context, numbered {@code [1] ...} one a line. */
    public static String context(List<String> explicit, String check) {
        List<String> passages = passages(explicit);
        if (passages.isEmpty()) {
            throw new IllegalStateException(check + " needs the retrieved context: run over a @GoldenDataset whose"
                    + " rows have 'context', or call withContext(...)");
        }
        List<String> numbered = new ArrayList<>();
        for (int i = 0; i < passages.size(); i++) {
            numbered.add("[" + (i + 1) + "] " + passages.get(i));
        }
        return String.join("\n", numbered);
    }

    /** The passages a context check reads: the explicit ones, else the row's (empty when there are none). */
    public static List<String> passages(List<String> explicit) {
        return explicit != null ? explicit : row().map(GoldenCase::context).orElse(List.of());
    }

    /** The explicit reference, else the row's expected answer. */
    public static String expected(String reference, String check) {
        if (reference != null) {
            return reference;
        }
        return row().map(GoldenCase::expected)
                .filter(e -> !e.isBlank())
                .orElseThrow(() -> new IllegalStateException(check + " needs the expected answer: run over a"
                        + " @GoldenDataset with 'expected' or call comparedTo(...)"));
    }

    private static Optional<GoldenCase> row() {
        return LlmContext.current().flatMap(LlmContext::goldenCase);
    }
}
