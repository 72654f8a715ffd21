package dev.junitllm.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junitllm.results.AtomicFiles;
import dev.junitllm.results.LlmResults;
import dev.junitllm.results.ResultsReader;
import dev.junitllm.results.RunInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The committed baseline ({@code llm.baseline}, default {@code src/test/resources/llm-baseline.json}):
 * per case and model its outcome, pass rate, mean verdict score and cost, sorted by case key so that
 * a rewrite diffs well in a pull request.
 *
 * <pre>{@code
 * Baseline.write(Path.of("src/test/resources/llm-baseline.json"), cases, results.run());
 * List<CaseRecord> before = Baseline.read(path).orElse(null);
 * }</pre>
 */
public final class Baseline {

    /** Default location, relative to the project directory. */
    public static final String DEFAULT_PATH = "src/test/resources/llm-baseline.json";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Baseline() {}

    /** Reads a baseline file; empty when it does not exist. */
    public static Optional<List<CaseRecord>> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(CaseRecord.fromSummaries(MAPPER.readTree(file.toFile())));
        } catch (IOException | ReportDataException e) {
            throw new ReportDataException(
                    "baseline [" + file + "] cannot be read: " + e.getMessage()
                            + " — fix it or rewrite it with -Dllm.baseline.update=true",
                    e);
        }
    }

    /** The baseline document for the given cases (skipped cases are left out). */
    public static ObjectNode document(List<CaseRecord> cases, RunInfo run) {
        ObjectNode doc = MAPPER.createObjectNode();
        doc.put("schemaVersion", 1);
        doc.put("createdAt", run.finishedAt());
        doc.put("gitCommit", run.gitCommit());
        doc.put("mode", run.mode());
        ArrayNode array = doc.putArray("cases");
        cases.stream()
                .filter(CaseRecord::counted)
                .sorted(Comparator.comparing(CaseRecord::key))
                .forEach(c -> array.add(c.toSummary()));
        return doc;
    }

    /** Writes the baseline atomically (temp file + move), creating parent directories. */
    public static void write(Path file, List<CaseRecord> cases, RunInfo run) {
        writeJson(file, document(cases, run));
    }

    /** Writes any JSON document atomically, pretty-printed with a trailing newline. */
    public static void writeJson(Path file, JsonNode document) {
        try {
            AtomicFiles.writeString(file, MAPPER.writeValueAsString(document) + "\n");
        } catch (IOException e) {
            throw new ReportDataException("cannot write [" + file + "]: " + e.getMessage(), e);
        }
    }

    /** Reads a results file with a message naming it when it is missing or broken. */
    public static LlmResults readResults(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ReportDataException("no junit-llm results at [" + file + "]: run the tests first"
                    + " (mvn verify), or point the plugin at the file with llmResultsFile");
        }
        try {
            return ResultsReader.read(file);
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw new ReportDataException("results [" + file + "] cannot be read: " + e.getMessage(), e);
        }
    }
}
