package dev.junitllm;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.OptionalInt;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * A golden dataset cannot be used: it is missing, has an unknown format, or a row is malformed. The
 * message names the dataset, the line and what to fix, e.g.
 * {@code @GoldenDataset [datasets/refunds.jsonl] line 17: missing field 'input'}.
 *
 * <pre>{@code
 * try (Stream<GoldenCase> rows = GoldenDatasets.open("datasets/refunds.jsonl", loader)) {
 *     rows.forEach(this::check);
 * } catch (DatasetException e) {
 *     e.dataset();   // "datasets/refunds.jsonl"
 *     e.line();      // OptionalInt[17]
 * }
 * }</pre>
 */
@API(status = EXPERIMENTAL)
public class DatasetException extends ExtensionConfigurationException {
    private static final long serialVersionUID = 1L;

    private final String dataset;
    private final int line;

    @API(status = INTERNAL)
    public DatasetException(String dataset, int line, int column, String problem, Throwable cause) {
        super(message(dataset, line, column, problem), cause);
        this.dataset = dataset;
        this.line = line;
    }

    @API(status = INTERNAL)
    public static DatasetException at(String dataset, int line, String problem) {
        return new DatasetException(dataset, line, 0, problem, null);
    }

    @API(status = INTERNAL)
    public static DatasetException of(String dataset, String problem) {
        return new DatasetException(dataset, 0, 0, problem, null);
    }

    /** The dataset as the test named it, e.g. {@code datasets/refunds.jsonl}. */
    public String dataset() {
        return dataset;
    }

    /** The 1-based line the problem is on, when it is about one line. */
    public OptionalInt line() {
        return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
    }

    private static String message(String dataset, int line, int column, String problem) {
        return "@GoldenDataset [" + dataset + "]"
                + (line > 0 ? " line " + line : "")
                + (line > 0 && column > 0 ? ", column " + column : "")
                + ": " + problem;
    }
}
