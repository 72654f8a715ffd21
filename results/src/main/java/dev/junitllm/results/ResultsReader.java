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
import java.util.Optional;
import java.util.stream.Stream;
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
     * The files {@link #readRun(List, Instant)} reads: per directory its per-JVM files when
     * it has any, else its {@code llm-results.json} (which a forked run also writes, as a copy of the
     * last JVM's own file).
     */
    public static List<Path> runFiles(List<Path> dirs, Instant notBefore) {
        List<Path> files = new ArrayList<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            List<Path> parts;
            try (Stream<Path> list = Files.list(dir)) {
                parts = list.filter(
                                f -> ResultsWriter.isPartFile(f.getFileName().toString()))
                        .filter(f -> fresh(f, notBefore))
                        .sorted()
                        .toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list [" + dir + "]: " + e.getMessage(), e);
            }
            if (!parts.isEmpty()) {
                files.addAll(parts);
            } else {
                Path single = dir.resolve(ResultsWriter.FILE_NAME);
                if (Files.isRegularFile(single) && fresh(single, notBefore)) {
                    files.add(single);
                }
            }
        }
        return files;
    }

    private static boolean fresh(Path file, Instant notBefore) {
        if (notBefore == null) {
            return true;
        }
        try {
            return !Files.getLastModifiedTime(file).toInstant().isBefore(notBefore);
        } catch (IOException e) {
            return false;
        }
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
