package dev.junitllm.internal.dataset;

import dev.junitllm.LlmConfiguration;
import dev.junitllm.results.CaseResult;
import dev.junitllm.results.CaseStatus;
import dev.junitllm.results.LlmResults;
import dev.junitllm.results.ResultsReader;
import dev.junitllm.results.TestResult;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The cases of the last run that did not pass, for {@value LlmConfiguration#RERUN}{@code =failed}.
 * A case that failed on one model of a matrix reruns on that model only.
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
     * Reads the last run's results in {@code resultsDir}: {@code llm-results.json}, or all per-JVM
     * files when the run was forked.
     *
     * @throws IllegalArgumentException when there is no results file to rerun from, or it cannot be read
     */
    public static LastRun read(Path resultsDir) {
        Path file = resultsDir.resolve("llm-results.json");
        if (ResultsReader.runFiles(java.util.List.of(resultsDir), null).isEmpty()) {
            throw new IllegalArgumentException(
                    LlmConfiguration.RERUN + "=failed needs the results of a previous run, but " + file.toAbsolutePath()
                            + " does not exist; run the tests once without it");
        }
        LlmResults results;
        try {
            // every JVM's file of a forked run (llm-results-<id>.json), else llm-results.json
            results = ResultsReader.readRun(resultsDir).orElseThrow();
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    LlmConfiguration.RERUN + "=failed cannot read " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        Set<Failed> failed = new LinkedHashSet<>();
        for (TestResult test : results.tests()) {
            for (CaseResult c : test.cases()) {
                if (c.status() != CaseStatus.PASSED && c.caseId() != null) {
                    failed.add(new Failed(c.testId() == null ? test.testId() : c.testId(), c.model(), c.caseId()));
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
