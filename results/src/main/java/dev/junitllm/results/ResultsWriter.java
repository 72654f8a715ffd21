package dev.junitllm.results;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The one writer of {@code llm-results.json}: streams the document to a temp file next to the target
 * and moves it over ({@link AtomicFiles}), so readers never see half a file. The tests are written
 * case by case, never as one JSON tree, so a run of 10,000 cases needs no second copy of itself in
 * memory.
 *
 * <pre>{@code
 * Path file = ResultsWriter.write(Path.of("target/llm-results"), results);   // …/llm-results.json
 * ObjectNode node = ResultsWriter.toTree(results.cases().get(0));
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL)
public final class ResultsWriter {

    /** The results file's name inside {@code llm.results.dir}. */
    public static final String FILE_NAME = "llm-results.json";

    /** Per-JVM results files are named {@code llm-results-<jvmId>.json}. */
    public static final String PART_PREFIX = "llm-results-";

    private static final ObjectMapper MAPPER = ResultsReader.MAPPER;

    private ResultsWriter() {}

    /**
     * Writes {@code results} to {@code dir/llm-results.json} and returns that path.
     *
     * @throws UncheckedIOException naming the folder and {@code llm.results.dir} when it fails
     */
    public static Path write(Path dir, LlmResults results) {
        return writeTo(dir, dir.resolve(FILE_NAME), results);
    }

    private static Path writeTo(Path dir, Path target, LlmResults results) {
        try {
            AtomicFiles.write(target, out -> write(out, results));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Could not write the LLM results to " + dir.toAbsolutePath()
                            + " (set llm.results.dir to a writable folder): " + e.getMessage(),
                    e);
        }
    }

    /**
     * Writes the results of one JVM of a run that several JVMs share (Surefire {@code forkCount > 1},
     * parallel forks) to {@code dir/llm-results-<jvmId>.json}, so no JVM overwrites another's
     * results; {@link ResultsReader#readRun} reads them all as one run.
     */
    public static Path writePart(Path dir, LlmResults results, String jvmId) {
        if (!jvmId.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("jvmId must be letters, digits, '.', '_' or '-', was " + jvmId);
        }
        return writeTo(dir, dir.resolve(PART_PREFIX + jvmId + ".json"), results);
    }

    /**
     * Deletes the per-JVM files in {@code dir} that builds other than {@code build} finished before
     * {@code buildStart}, except the newest of those builds (the previous run, which {@code
     * llm.rerun=failed} reads, possibly in a fork of this build that starts later). Files of this
     * build and of a build running at the same time are never touched; each file is written
     * atomically, so no reader meets half of one. Best effort: a file that cannot be deleted stays
     * and is not read, since readers read the newest build only.
     *
     * @return the files deleted
     */
    public static List<Path> deleteEarlierBuilds(Path dir, String build, Instant buildStart) {
        List<Path> deleted = new ArrayList<>();
        for (Path file : BuildFiles.earlierBuilds(BuildFiles.entries(dir, null), build, buildStart)) {
            try {
                if (Files.deleteIfExists(file)) {
                    deleted.add(file);
                }
            } catch (IOException e) {
                // left; readers skip it as an earlier build's
            }
        }
        return deleted;
    }

    /** Whether {@code fileName} is a per-JVM results file ({@code llm-results-<jvmId>.json}). */
    public static boolean isPartFile(String fileName) {
        return fileName.startsWith(PART_PREFIX) && fileName.endsWith(".json") && !fileName.endsWith(".tmp");
    }

    /** Streams the document, pretty-printed, to {@code out} (which stays open). */
    public static void write(OutputStream out, LlmResults results) throws IOException {
        try (JsonGenerator g = MAPPER.getFactory()
                .createGenerator(out)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .setPrettyPrinter(new DefaultPrettyPrinter())) {
            g.writeStartObject();
            g.writeNumberField("schemaVersion", results.schemaVersion());
            g.writeFieldName("run");
            MAPPER.writeValue(g, results.run());
            g.writeFieldName("totals");
            MAPPER.writeValue(g, results.totals());
            g.writeFieldName("datasets");
            MAPPER.writeValue(g, results.datasets());
            g.writeFieldName("comparisons");
            MAPPER.writeValue(g, results.comparisons());
            g.writeArrayFieldStart("tests");
            for (TestResult test : results.tests()) {
                g.writeStartObject();
                g.writeStringField("testId", test.testId());
                g.writeStringField("className", test.className());
                g.writeStringField("methodName", test.methodName());
                g.writeArrayFieldStart("cases");
                for (CaseResult c : test.cases()) {
                    MAPPER.writeValue(g, c);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            // derived from the tests' judge verdicts (readers recompute it), written for other tools
            List<JudgeCalibrationResult> calibration = results.calibration();
            if (!calibration.isEmpty()) {
                g.writeFieldName("calibration");
                MAPPER.writeValue(g, calibration);
            }
            g.writeEndObject();
        }
    }

    /** A schema record as the JSON tree the file holds, e.g. for an Allure attachment. */
    public static ObjectNode toTree(Object schemaRecord) {
        return MAPPER.valueToTree(schemaRecord);
    }
}
