package dev.junitllm.maven;

import dev.junitllm.report.Baseline;
import dev.junitllm.report.ReportDataException;
import dev.junitllm.results.LlmResults;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

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

    /** The results file, or its copy in the Allure results directory; empty when the tests did not run. */
    Optional<Path> resultsFile() {
        if (llmResultsFile != null && Files.isRegularFile(llmResultsFile.toPath())) {
            return Optional.of(llmResultsFile.toPath());
        }
        Path copy = resultsDirectory.toPath().resolve("llm-results.json");
        return Files.isRegularFile(copy) ? Optional.of(copy) : Optional.empty();
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
