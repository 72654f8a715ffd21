package dev.junitllm.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junitllm.results.LlmResults;
import dev.junitllm.results.ResultsReader;
import dev.junitllm.results.Totals;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: the Allure report that {@code mvn verify} generated from this project's run, opened in
 * headless Chromium, shows on its LLM tab the pass rate and the cost that the results file holds.
 * Runs in {@code integration-test}, after the report goal (bound to {@code package} in this pom); the
 * candidate profile runs {@link CandidateReportIT} instead.
 */
class SampleReportIT {

    /** The run's results as the Maven goals read them: every forked JVM's file merged. */
    static LlmResults run() {
        return ResultsReader.readRun(Path.of("target/llm-results")).orElseThrow();
    }

    @TempDir
    Path profile;

    @Test
    void llmTabShowsThePassRateAndCostOfTheRun() throws Exception {
        Totals totals = run().totals();
        String passRate = String.format(Locale.ROOT, "%.1f%%", 100.0 * totals.passedCases() / totals.cases());
        String cost = String.format(Locale.ROOT, "$%.4f", totals.costUsd().total());
        assertThat(totals.cases()).isGreaterThanOrEqualTo(500);

        try (ReportInBrowser report = new ReportInBrowser(profile)) {
            String text = report.llmTabText();

            assertThat(text).contains("LLM evaluation");
            assertThat(text)
                    .contains(
                            "Pass rate " + passRate + " " + totals.passedCases() + " of " + totals.cases() + " cases");
            assertThat(text).contains("Cost " + cost);
            assertThat(text)
                    .contains(
                            "datasets/refunds.jsonl",
                            "datasets/shipping.jsonl",
                            "datasets/warranty.jsonl",
                            "datasets/orders.jsonl",
                            "datasets/accounts.jsonl",
                            "datasets/injection.jsonl");

            // the committed labels (src/test/resources/llm-labels/datasets/refunds.jsonl) against the judge
            dev.junitllm.results.JudgeCalibrationResult accuracy = run().calibration().stream()
                    .filter(c -> c.criterion().equals(Copilot.ACCURATE))
                    .findFirst()
                    .orElseThrow();
            assertThat(accuracy.labels()).isEqualTo(30);
            assertThat(accuracy.decidedByHuman()).isEqualTo(30);
            assertThat(accuracy.staleLabels()).isEmpty();
            assertThat(text).contains("Judge agreement with people", Copilot.ACCURATE);

            Path screenshot = Path.of("target/llm-tab.png");
            report.screenshot(screenshot, "1400,1000");
            assertThat(screenshot).isNotEmptyFile();
        }
    }
}
