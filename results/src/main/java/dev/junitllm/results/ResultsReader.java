package dev.junitllm.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The one reader of {@code llm-results.json}: the report side, the Maven plugin and tests all read
 * the file through it. Fields added by a later minor release are ignored; a missing array reads as
 * empty; a document of another {@code schemaVersion}, or one that is not a results document, is an
 * {@link IllegalArgumentException} that says so.
 *
 * <pre>{@code
 * LlmResults results = ResultsReader.read(Path.of("target/llm-results/llm-results.json"));
 * CaseResult first = ResultsReader.readCase(caseNode);   // one element of tests[].cases[]
 *
 * // a forked or sharded run: every results file of the run's folders as one run, this build's only
 * Optional<LlmResults> run = ResultsReader.readRun(
 *         List.of(Path.of("shard-1/llm-results"), Path.of("shard-2/llm-results")), buildStart);
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL)
public final class ResultsReader {

    static final ObjectMapper MAPPER = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ResultsReader() {}

    /**
     * Reads a results file.
     *
     * @throws UncheckedIOException when the file cannot be read or is not JSON
     * @throws IllegalArgumentException when it is not a results document this release reads
     */
    public static LlmResults read(Path file) {
        try {
            return read(MAPPER.readTree(Files.newBufferedReader(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read [" + file + "]: " + e.getMessage(), e);
        }
    }

    /**
     * Reads all results files of a run in {@code dir} as one run: the files each JVM wrote
     * ({@code llm-results-<id>.json}, see {@link ResultsWriter#writePart}) merged, or
     * {@code llm-results.json} when no JVM wrote its own file. Tests and cases are concatenated,
     * totals summed and every dataset gate is decided again over all rows of its dataset × model.
     *
     * @return empty when {@code dir} holds no results file
     */
    public static Optional<LlmResults> readRun(Path dir) {
        return readRun(List.of(dir), null);
    }

    /**
     * Reads the results files of one run from several directories (Surefire forks write into one,
     * CI shards each bring theirs) as one run, ignoring files last modified before {@code notBefore}
     * (e.g. the start of this build, so an earlier build's files never mix in); null for no limit.
     *
     * @return empty when none of the directories holds a results file of the run
     */
    public static Optional<LlmResults> readRun(List<Path> dirs, Instant notBefore) {
        List<Path> files = runFiles(dirs, notBefore);
        if (files.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(readAll(files));
    }

    /** The given results files (forks, shards) merged into one run: gates decided again over all rows. */
    public static LlmResults readAll(List<Path> files) {
        List<LlmResults> parts = new ArrayList<>();
        files.forEach(f -> parts.add(read(f)));
        return RunMerge.merge(parts);
    }

    /**
     * The files {@link #readRun(List, Instant)} reads: per directory, of the files last modified at or
     * after {@code notBefore} (null: all), those of the newest build ({@link RunInfo#build()}): its
     * per-JVM files when it wrote any, else its {@code llm-results.json} (which a forked run also
     * writes, as a copy of one JVM's own file). Per-JVM files left by earlier builds are not read.
     */
    public static List<Path> runFiles(List<Path> dirs, Instant notBefore) {
        List<Path> files = new ArrayList<>();
        for (Path dir : dirs) {
            files.addAll(BuildFiles.newestBuild(BuildFiles.entries(dir, notBefore), e -> true));
        }
        return files;
    }

    /**
     * The previous run's files in {@code dir}, as {@code llm.rerun=failed} reads them while other forks
     * of the current build may already have written theirs: the newest build's files, leaving out
     * those of {@code currentBuild} except {@code ownFile} (this JVM's own per-JVM file, written by an
     * earlier run in the same JVM; null when it has none).
     */
    public static List<Path> previousRunFiles(Path dir, String currentBuild, String ownFile) {
        return BuildFiles.newestBuild(
                BuildFiles.entries(dir, null),
                e -> !Objects.equals(e.build(), currentBuild)
                        || e.file().getFileName().toString().equals(ownFile));
    }

    /**
     * The files {@code build} wrote into {@code dir}: its per-JVM files, else its {@code llm-results.json};
     * empty when it wrote none there.
     */
    public static List<Path> buildFiles(Path dir, String build) {
        return BuildFiles.newestBuild(BuildFiles.entries(dir, null), e -> Objects.equals(e.build(), build));
    }

    /** Reads a results document already parsed as a JSON tree. */
    public static LlmResults read(JsonNode document) {
        if (document == null || !document.isObject() || !document.path("tests").isArray()) {
            throw new IllegalArgumentException("not a junit-llm results document: expected an object with a"
                    + " 'tests' array (see docs/results-schema.md)");
        }
        int version = document.path("schemaVersion").asInt(LlmResults.SCHEMA_VERSION);
        if (version != LlmResults.SCHEMA_VERSION) {
            throw new IllegalArgumentException("unsupported results schemaVersion " + version
                    + "; this release reads version " + LlmResults.SCHEMA_VERSION
                    + " — use junit-llm's report plugin of the same release as the extension");
        }
        return convert(document, LlmResults.class);
    }

    /** Reads one case ({@code tests[].cases[]}), e.g. the metrics the Allure publisher attaches. */
    public static CaseResult readCase(JsonNode caseNode) {
        return convert(caseNode, CaseResult.class);
    }

    private static <T> T convert(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed junit-llm results: " + e.getOriginalMessage(), e);
        }
    }
}
