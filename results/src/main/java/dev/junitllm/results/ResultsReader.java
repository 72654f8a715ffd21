package dev.junitllm.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
