package dev.junitllm.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    static final Path RESULTS = Path.of("target/llm-results/llm-results.json");

    @TempDir
    Path profile;

    @Test
    void llmTabShowsThePassRateAndCostOfTheRun() throws Exception {
        JsonNode totals = new ObjectMapper().readTree(RESULTS.toFile()).path("totals");
        String passRate = String.format(
                Locale.ROOT,
                "%.1f%%",
                100.0
                        * totals.path("passedCases").asInt()
                        / totals.path("cases").asInt());
        String cost = String.format(
                Locale.ROOT, "$%.4f", totals.path("costUsd").path("total").asDouble());
        assertThat(totals.path("cases").asInt()).isGreaterThanOrEqualTo(500);

        try (ReportInBrowser report = new ReportInBrowser(profile)) {
            String text = report.llmTabText();

            assertThat(text).contains("LLM evaluation");
            assertThat(text)
                    .contains("Pass rate " + passRate + " "
                            + totals.path("passedCases").asInt() + " of "
                            + totals.path("cases").asInt() + " cases");
            assertThat(text).contains("Cost " + cost);
            assertThat(text)
                    .contains(
                            "datasets/refunds.jsonl",
                            "datasets/shipping.jsonl",
                            "datasets/warranty.jsonl",
                            "datasets/orders.jsonl",
                            "datasets/accounts.jsonl",
                            "datasets/injection.jsonl");

            Path screenshot = Path.of("target/llm-tab.png");
            report.screenshot(screenshot, "1400,1000");
            assertThat(screenshot).isNotEmptyFile();
        }
    }
}
