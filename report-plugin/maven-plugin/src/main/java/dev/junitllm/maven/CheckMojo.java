package dev.junitllm.maven;

import dev.junitllm.report.Baseline;
import dev.junitllm.report.CaseRecord;
import dev.junitllm.report.ReportDataException;
import dev.junitllm.results.LlmResults;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Fails the build when a dataset gate failed, a case failed, a significant regression against the
 * baseline appeared ({@code failOnRegression}) or the run cost more than {@code maxCostUsd}. With
 * {@code -Dllm.baseline.update=true} it rewrites the baseline from this run instead of comparing.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMojo extends AbstractLlmMojo {

    /** Fail on a significant regression against the baseline (McNemar / sign test at the significance level). */
    @Parameter(property = "llm.failOnRegression", defaultValue = "true")
    boolean failOnRegression;

    /**
     * Fail when a case failed (its pass rate below its minimum). Cases of a dataset whose gate passed
     * are left to the gate: a dataset gate of 95% tolerates some failing rows.
     */
    @Parameter(property = "llm.failOnCaseFailure", defaultValue = "true")
    boolean failOnCaseFailure;

    /** Fail when the run's total cost (model + judge) exceeds this many USD. */
    @Parameter(property = "llm.maxCostUsd")
    Double maxCostUsd;

    /** Rewrite the baseline from this run (and skip the regression check). */
    @Parameter(property = "llm.baseline.update", defaultValue = "false")
    boolean updateBaseline;

    /** Fail when there are no results at all (e.g. the tests were skipped). */
    @Parameter(property = "llm.failIfNoResults", defaultValue = "false")
    boolean failIfNoResults;

    @Parameter(property = "llm.check.skip", defaultValue = "false")
    boolean skip;

    @Override
    public void execute() throws MojoFailureException {
        if (skip) {
            getLog().info("junit-llm: check skipped (llm.check.skip)");
            return;
        }
        checkSignificance();
        if (maxCostUsd != null && maxCostUsd < 0) {
            throw new MojoFailureException("llm.maxCostUsd (maxCostUsd) must be >= 0, was " + maxCostUsd);
        }
        Optional<Path> file = resultsFile();
        if (file.isEmpty()) {
            String message = "junit-llm: no results at " + llmResultsFile + "; nothing to check";
            if (failIfNoResults) {
                throw new MojoFailureException(message + " (llm.failIfNoResults=true)");
            }
            getLog().warn(message);
            return;
        }
        LlmResults results = readResults(file.get());
        List<CaseRecord> baselineCases = null;
        try {
            if (updateBaseline) {
                Baseline.write(baseline.toPath(), CaseRecord.fromResults(results), results.run());
                getLog().info("junit-llm: baseline written to " + baseline + " — review and commit it");
            } else if (failOnRegression) {
                baselineCases = Baseline.read(baseline.toPath()).orElse(null);
                if (baselineCases == null) {
                    getLog().info("junit-llm: no baseline at " + baseline
                            + "; write one with -Dllm.baseline.update=true");
                }
            }
            List<String> failures = Gate.failures(
                    results, baselineCases, failOnCaseFailure, failOnRegression, maxCostUsd, significanceLevel);
            if (!failures.isEmpty()) {
                throw new MojoFailureException("junit-llm check failed: " + failures.size() + " problem"
                        + (failures.size() == 1 ? "" : "s") + ":\n  " + String.join("\n  ", failures));
            }
            getLog().info("junit-llm: check passed");
        } catch (ReportDataException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }
}
