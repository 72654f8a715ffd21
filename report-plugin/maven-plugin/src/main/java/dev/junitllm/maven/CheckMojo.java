package dev.junitllm.maven;

import dev.junitllm.report.Baseline;
import dev.junitllm.report.CaseRecord;
import dev.junitllm.report.Comparison;
import dev.junitllm.report.JudgeAgreementTable;
import dev.junitllm.report.ReportDataException;
import dev.junitllm.results.Formats;
import dev.junitllm.results.JudgeCalibrationResult;
import dev.junitllm.results.LlmResults;
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

    /**
     * Fail when the run's total cost (model + judge) exceeds this many USD. {@code -Dllm.maxCostUsd} on
     * the command line overrides a value set in the pom. In replay the recorded cost of the replayed
     * calls is compared (and the message says so).
     */
    @Parameter(property = "llm.maxCostUsd")
    Double maxCostUsd;

    /**
     * Fail when a baseline exists but no case of this run pairs with it ("not compared"): zero paired
     * cases is never "no regression".
     */
    @Parameter(property = "llm.failOnNotCompared", defaultValue = "true")
    boolean failOnNotCompared;

    /** Rewrite the baseline from this run (and skip the regression check). */
    @Parameter(property = "llm.baseline.update", defaultValue = "false")
    boolean updateBaseline;

    /**
     * Fail when this build has no results: none written, or only files older than this build (an
     * earlier run's). Not when the tests were skipped ({@code -DskipTests}, {@code -Dmaven.test.skip}).
     */
    @Parameter(property = "llm.failIfNoResults", defaultValue = "true")
    boolean failIfNoResults;

    /**
     * Fail when a judge criterion with at least {@code minJudgeLabels} human labels agrees with people
     * less than this Cohen's kappa (the judge drifts from people, e.g. after a judge model change).
     */
    @Parameter(property = "llm.minJudgeKappa", defaultValue = "0.6")
    double minJudgeKappa;

    /** Labels a judge criterion needs before {@code minJudgeKappa} applies to it. */
    @Parameter(property = "llm.minJudgeLabels", defaultValue = "20")
    int minJudgeLabels;

    @Parameter(property = "llm.check.skip", defaultValue = "false")
    boolean skip;

    @Override
    public void execute() throws MojoFailureException {
        if (skip) {
            getLog().info("junit-llm: check skipped (llm.check.skip)");
            return;
        }
        checkSignificance();
        maxCostUsd = commandLineOverride("llm.maxCostUsd", maxCostUsd);
        if (maxCostUsd != null && maxCostUsd < 0) {
            throw new MojoFailureException("llm.maxCostUsd (maxCostUsd) must be >= 0, was " + maxCostUsd);
        }
        Optional<LlmResults> run = readRun();
        if (run.isEmpty()) {
            String message = "junit-llm: no results of this build in " + resultsDirectoryList()
                    + (staleResultsIgnored()
                            ? " (only files written before this build started, which are ignored:"
                                    + " llm.acceptStaleResults=true accepts them)"
                            : "")
                    + "; did the tests run?";
            if (failIfNoResults && !testsSkipped()) {
                throw new MojoFailureException(message + " (llm.failIfNoResults=false to allow it)");
            }
            getLog().warn(message);
            return;
        }
        LlmResults results = run.get();
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
            List<CaseRecord> cases = CaseRecord.fromResults(results);
            for (Comparison models :
                    Comparison.compareModels(cases, results.run().models(), significanceLevel)) {
                getLog().info(ConsoleSummary.modelsLine(models.json()));
            }
            if (baselineCases != null) {
                Comparison cmp = Comparison.compare("baseline", baselineCases, cases, significanceLevel);
                String line = ConsoleSummary.comparisonLine("baseline", cmp.json());
                if (cmp.compared()) {
                    getLog().info(line);
                } else {
                    getLog().warn(line);
                }
            }
            if (maxCostUsd != null) {
                Double total = results.totals().costUsd().total();
                getLog().info("junit-llm: cost gate: " + Formats.money(total) + " of maxCostUsd "
                        + Formats.money(maxCostUsd) + Gate.replayNote(results));
            }
            List<String> failures = Gate.failures(
                    results,
                    baselineCases,
                    failOnCaseFailure,
                    failOnRegression,
                    failOnNotCompared,
                    maxCostUsd,
                    significanceLevel);
            failures.addAll(judgeAgreement(results));
            if (!failures.isEmpty()) {
                throw new MojoFailureException("junit-llm check failed: " + failures.size() + " problem"
                        + (failures.size() == 1 ? "" : "s") + ":\n  " + String.join("\n  ", failures));
            }
            getLog().info("junit-llm: check passed");
        } catch (ReportDataException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }

    /** Logs every judge criterion's agreement with the human labels and returns the gate's failures. */
    List<String> judgeAgreement(LlmResults results) throws MojoFailureException {
        if (!(minJudgeKappa >= -1 && minJudgeKappa <= 1)) {
            throw new MojoFailureException(
                    "llm.minJudgeKappa (minJudgeKappa) must be within -1..1, was " + minJudgeKappa);
        }
        if (minJudgeLabels < 1) {
            throw new MojoFailureException("llm.minJudgeLabels (minJudgeLabels) must be >= 1, was " + minJudgeLabels);
        }
        List<JudgeCalibrationResult> rows = results.calibration();
        for (JudgeCalibrationResult row : rows) {
            if (row.labels() > 0 || !row.staleLabels().isEmpty()) {
                getLog().info("junit-llm: judge agreement: " + JudgeAgreementTable.line(row)
                        + (row.labels() > 0 && row.labels() < minJudgeLabels
                                ? " (fewer than minJudgeLabels " + minJudgeLabels + ": not gated)"
                                : ""));
            }
        }
        return JudgeAgreementTable.gateFailures(rows, minJudgeKappa, minJudgeLabels);
    }

    private boolean testsSkipped() {
        if (session == null) {
            return false;
        }
        for (String p : List.of("skipTests", "maven.test.skip", "skipITs")) {
            String v = session.getUserProperties().getProperty(p);
            if (v != null && !"false".equalsIgnoreCase(v)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Maven gives a parameter set in the pom precedence over {@code -Dproperty}; for the budget the
     * command line must win (raising or lowering it for one run), so the property is read explicitly.
     */
    Double commandLineOverride(String property, Double configured) throws MojoFailureException {
        String value = null;
        if (session != null) {
            value = session.getUserProperties().getProperty(property);
        }
        if (value == null) {
            value = System.getProperty(property);
        }
        if (value == null || value.isBlank()) {
            return configured;
        }
        try {
            return Double.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new MojoFailureException(property + " must be a number of USD, was '" + value + "'");
        }
    }
}
