package dev.junitllm.maven;

import dev.junitllm.report.Baseline;
import dev.junitllm.report.ReportDataException;
import dev.junitllm.results.LlmResults;
import dev.junitllm.results.ResultsReader;
import dev.junitllm.results.ResultsWriter;
import java.io.File;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** Parameters shared by the goals: where the results, the Allure results and the baseline live. */
abstract class AbstractLlmMojo extends AbstractMojo {

    /** The results file the extension writes at the end of the test run. */
    @Parameter(property = "llm.results.file", defaultValue = "${project.build.directory}/llm-results/llm-results.json")
    File llmResultsFile;

    /** The Allure results directory (where allure-jupiter and junit-llm-allure write). */
    @Parameter(property = "allure.results.directory", defaultValue = "${project.build.directory}/allure-results")
    File resultsDirectory;

    /** The committed baseline. */
    @Parameter(property = "llm.baseline", defaultValue = "${project.basedir}/src/test/resources/llm-baseline.json")
    File baseline;

    /** Significance level of the regression tests (McNemar's exact test, sign test). */
    @Parameter(property = "llm.significance", defaultValue = "0.05")
    double significanceLevel;

    /**
     * More results directories to merge into this run, e.g. the downloaded results of CI shards
     * ({@code -Dllm.results.dirs=shard-1,shard-2,shard-3}); each holds {@code llm-results.json} or
     * per-JVM {@code llm-results-<id>.json} files. Gates are decided over the rows of all of them.
     */
    @Parameter
    List<File> resultsDirectories;

    /** Comma-separated form of {@code resultsDirectories} for the command line. */
    @Parameter(property = "llm.results.dirs")
    String resultsDirs;

    /**
     * Accept results files written before this build started. By default, when this build ran the
     * tests (a phase from {@code test} on), results older than the build are ignored: an earlier
     * run's file never stands in for this one's.
     */
    @Parameter(property = "llm.acceptStaleResults", defaultValue = "false")
    boolean acceptStaleResults;

    @Parameter(defaultValue = "${session}", readonly = true)
    MavenSession session;

    @Parameter(defaultValue = "${project}", readonly = true)
    MavenProject project;

    private static final Set<String> TEST_PHASES = Set.of(
            "test",
            "prepare-package",
            "package",
            "pre-integration-test",
            "integration-test",
            "post-integration-test",
            "verify",
            "install",
            "deploy");

    /** The directories read as one run: this build's results directory, then the extra ones. */
    List<Path> resultsDirectoryList() {
        List<Path> dirs = new ArrayList<>();
        if (llmResultsFile != null) {
            dirs.add(llmResultsFile.toPath().toAbsolutePath().getParent());
        }
        if (resultsDirectories != null) {
            resultsDirectories.forEach(d -> dirs.add(d.toPath().toAbsolutePath()));
        }
        if (resultsDirs != null && !resultsDirs.isBlank()) {
            for (String d : resultsDirs.split(",")) {
                if (!d.isBlank()) {
                    dirs.add(Path.of(d.trim()).toAbsolutePath());
                }
            }
        }
        return dirs.stream().distinct().toList();
    }

    /** When this build ran the tests: files older than its start are not this run's. */
    Instant notBefore() {
        if (acceptStaleResults || session == null || session.getStartTime() == null) {
            return null;
        }
        // a pom-packaging project binds no test runner: its results come from elsewhere
        boolean runsTests = project == null || !"pom".equals(project.getPackaging());
        boolean ranTests = runsTests && session.getGoals().stream().anyMatch(TEST_PHASES::contains);
        return ranTests ? session.getStartTime().toInstant() : null;
    }

    /**
     * This run's results: every results file of the run's directories merged (forks, shards), or the
     * copy in the Allure results directory; empty when the tests did not run in this build.
     */
    Optional<LlmResults> readRun() throws MojoFailureException {
        try {
            List<Path> dirs = resultsDirectoryList();
            Instant notBefore = notBefore();
            List<Path> extra = dirs.size() > 1 ? dirs.subList(1, dirs.size()) : List.of();
            List<Path> files =
                    new ArrayList<>(ResultsReader.runFiles(dirs.subList(0, Math.min(1, dirs.size())), notBefore));
            files.addAll(ResultsReader.runFiles(extra, null));
            if (files.isEmpty()) {
                Path copy = resultsDirectory.toPath().resolve(ResultsWriter.FILE_NAME);
                if (ResultsReader.runFiles(List.of(resultsDirectory.toPath()), notBefore)
                        .contains(copy)) {
                    return Optional.of(readResults(copy));
                }
                return Optional.empty();
            }
            getLog().debug("junit-llm: results " + files);
            // exactly the files chosen above: listing the directories again would bring back stale ones
            return Optional.of(ResultsReader.readAll(files));
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw new MojoFailureException("junit-llm: results cannot be read: " + e.getMessage(), e);
        }
    }

    /** Whether stale results exist (written before this build) that were ignored. */
    boolean staleResultsIgnored() {
        Instant notBefore = notBefore();
        return notBefore != null
                && !resultsDirectoryList().isEmpty()
                && !ResultsReader.runFiles(List.of(resultsDirectoryList().get(0)), null)
                        .isEmpty();
    }

    LlmResults readResults(Path file) throws MojoFailureException {
        try {
            return Baseline.readResults(file);
        } catch (ReportDataException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }

    void checkSignificance() throws MojoFailureException {
        if (!(significanceLevel > 0 && significanceLevel < 1)) {
            throw new MojoFailureException(
                    "llm.significance (significanceLevel) must be between 0 and 1, was " + significanceLevel);
        }
    }
}
