package dev.junitllm.maven;

import dev.junitllm.report.Baseline;
import dev.junitllm.report.CaseRecord;
import dev.junitllm.report.ReportDataException;
import dev.junitllm.results.LlmResults;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Writes the baseline ({@code llm.baseline}) from the last run's results: {@code mvn verify} then
 * {@code mvn junit-llm:update-baseline}, or in one go {@code mvn verify -Dllm.baseline.update=true}.
 */
@Mojo(name = "update-baseline", threadSafe = true)
public class UpdateBaselineMojo extends AbstractLlmMojo {

    @Override
    public void execute() throws MojoFailureException {
        LlmResults results = readRun()
                .orElseThrow(() -> new MojoFailureException(
                        "junit-llm: no results in " + resultsDirectoryList() + "; run the tests first (mvn verify)"));
        try {
            Baseline.write(baseline.toPath(), CaseRecord.fromResults(results), results.run());
        } catch (ReportDataException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        getLog().info("junit-llm: baseline written to " + baseline + " — review and commit it");
    }
}
