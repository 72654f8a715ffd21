package dev.junitllm.results;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junitllm.internal.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Writes the results document atomically: a temp file in the same folder, then a move.
 *
 * <pre>{@code
 * Path file = ResultsWriter.write(Path.of("target/llm-results"), document);   // …/llm-results.json
 * }</pre>
 */
public final class ResultsWriter {

    public static final String FILE_NAME = "llm-results.json";

    private ResultsWriter() {}

    /** Writes {@code document} to {@code dir/llm-results.json} and returns that path. */
    public static Path write(Path dir, ObjectNode document) {
        try {
            Path target = dir.resolve(FILE_NAME);
            AtomicFiles.write(
                    target,
                    out -> ResultsJson.MAPPER
                            .writerWithDefaultPrettyPrinter()
                            .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                            .writeValue(out, document));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Could not write the LLM results to " + dir.toAbsolutePath()
                            + " (set llm.results.dir to a writable folder): " + e.getMessage(),
                    e);
        }
    }
}
