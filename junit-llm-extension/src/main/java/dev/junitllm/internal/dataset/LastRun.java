package dev.junitllm.internal.dataset;

import dev.junitllm.LlmConfiguration;
import dev.junitllm.internal.results.Build;
import dev.junitllm.internal.results.ResultsFiles;
import dev.junitllm.results.CaseResult;
import dev.junitllm.results.CaseStatus;
import dev.junitllm.results.LlmResults;
import dev.junitllm.results.ResultsReader;
import dev.junitllm.results.ResultsWriter;
import dev.junitllm.results.TestResult;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
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
     * Reads the last run's results in {@code resultsDir}: {@code llm-results.json}, or all per-JVM files
     * when that run was forked. In a Surefire fork that is the newest build other than this one (this
     * build's forks that finished earlier have written theirs already); earlier builds' files are never
     * mixed in.
     *
     * @throws IllegalArgumentException when there is no results file to rerun from, or it cannot be read
     */
    public static LastRun read(Path resultsDir) {
        Path file = resultsDir.resolve(ResultsWriter.FILE_NAME);
        List<Path> files = Build.inSurefireFork()
                // this build's other forks may have written theirs: the previous build's files
                ? ResultsReader.previousRunFiles(resultsDir, Build.current().id(), ResultsFiles.ownPartFile())
                // one JVM is the build: its own earlier run (same JVM) or the newest build's
                : ResultsReader.runFiles(List.of(resultsDir), null);
        if (files.isEmpty()) {
            throw new IllegalArgumentException(
                    LlmConfiguration.RERUN + "=failed needs the results of a previous run, but " + file.toAbsolutePath()
                            + " does not exist; run the tests once without it");
        }
        LlmResults results;
        try {
            results = ResultsReader.readAll(files);
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    LlmConfiguration.RERUN + "=failed cannot read " + files + ": " + e.getMessage(), e);
        }
        Set<Failed> failed = new LinkedHashSet<>();
        for (TestResult test : results.tests()) {
            for (CaseResult c : test.cases()) {
                if (c.status() != CaseStatus.PASSED && c.caseId() != null) {
                    failed.add(new Failed(c.testId() == null ? test.testId() : c.testId(), c.model(), c.caseId()));
                }
            }
        }
        return new LastRun(files.size() == 1 ? files.get(0) : resultsDir, failed);
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

    /** The results file read, or the results folder when several files of a forked run were read. */
    public Path file() {
        return file;
    }
}
