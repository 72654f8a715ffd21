package dev.junitllm.results;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes the results document atomically: a temp file in the same folder, then a move. */
public final class ResultsWriter {

    public static final String FILE_NAME = "llm-results.json";

    private ResultsWriter() {}

    /** Writes {@code document} to {@code dir/llm-results.json} and returns that path. */
    public static Path write(Path dir, ObjectNode document) {
        try {
            Files.createDirectories(dir);
            Path target = dir.resolve(FILE_NAME);
            Path tmp = Files.createTempFile(dir, FILE_NAME, ".tmp");
            try {
                ResultsJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), document);
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Could not write the LLM results to " + dir.toAbsolutePath()
                            + " (set llm.results.dir to a writable folder): " + e.getMessage(),
                    e);
        }
    }
}
