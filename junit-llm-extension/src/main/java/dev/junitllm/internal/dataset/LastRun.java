package dev.junitllm.internal.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junitllm.LlmConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The cases of the last run that did not pass, for {@value LlmConfiguration#RERUN}{@code =failed}.
 * Reads only three fields of each {@code tests[].cases[]} entry of the results file: {@code testId},
 * {@code caseId} and {@code status} (and {@code model} when present, so a case that failed on one
 * model of a matrix reruns on that model only). The results module's reader replaces this one when
 * the modules merge.
 */
public final class LastRun {

    private record Failed(String testId, String model, String caseId) {}

    private final Path file;
    private final Set<Failed> failed;

    private LastRun(Path file, Set<Failed> failed) {
        this.file = file;
        this.failed = failed;
    }

    /**
     * Reads {@code llm-results.json} in {@code resultsDir}.
     *
     * @throws IllegalArgumentException when there is no results file to rerun from, or it cannot be read
     */
    public static LastRun read(Path resultsDir) {
        Path file = resultsDir.resolve("llm-results.json");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(
                    LlmConfiguration.RERUN + "=failed needs the results of a previous run, but " + file.toAbsolutePath()
                            + " does not exist; run the tests once without it");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    LlmConfiguration.RERUN + "=failed cannot read " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        Set<Failed> failed = new LinkedHashSet<>();
        for (JsonNode test : root.path("tests")) {
            for (JsonNode c : test.path("cases")) {
                String testId = c.path("testId").asText(test.path("testId").asText());
                if (!c.path("status").asText().equals("passed") && c.hasNonNull("caseId")) {
                    failed.add(new Failed(
                            testId,
                            c.path("model").asText(null),
                            c.path("caseId").asText()));
                }
            }
        }
        return new LastRun(file, failed);
    }

    /** The ids of the cases of {@code testId} on {@code model} that did not pass last time. */
    public Set<String> notPassed(String testId, String model) {
        Set<String> ids = new LinkedHashSet<>();
        for (Failed f : failed) {
            if (f.testId().equals(testId) && (f.model() == null || f.model().equals(model))) {
                ids.add(f.caseId());
            }
        }
        return ids;
    }

    /** The results file read. */
    public Path file() {
        return file;
    }
}
