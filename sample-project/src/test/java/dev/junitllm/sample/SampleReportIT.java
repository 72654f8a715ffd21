package dev.junitllm.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junitllm.results.JudgeCalibrationResult;
import dev.junitllm.results.LlmResults;
import dev.junitllm.results.ResultsReader;
import dev.junitllm.results.Totals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
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

    /** The report's uid of the test case whose name contains {@code name}. */
    static String testCaseUid(String name) throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(ReportInBrowser.REPORT.resolve("data/test-cases"))) {
            for (Path f : files.toList()) {
                JsonNode testCase = json.readTree(f.toFile());
                if (testCase.path("name").asText().contains(name)) {
                    return testCase.path("uid").asText();
                }
            }
        }
        throw new AssertionError("no test case named *" + name + "* in the report");
    }

    /** The uid and source of the attachment named {@code name} on the report's test case {@code uid}. */
    static JsonNode attachment(String uid, String name) throws IOException {
        JsonNode testCase = new ObjectMapper()
                .readTree(ReportInBrowser.REPORT
                        .resolve("data/test-cases/" + uid + ".json")
                        .toFile());
        return testCase.findParents("source").stream()
                .filter(a -> name.equals(a.path("name").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no attachment " + name + " on test case " + uid));
    }

    /**
     * The transcript of a case that ran under {@code @LlmFault}, as a reader opens it from the case's page:
     * the attachment opened full screen is a frame showing the attachment's file.
     */
    static String transcriptOf(ReportInBrowser report, String testName) throws Exception {
        String uid = testCaseUid(testName);
        JsonNode transcript = attachment(uid, "LLM transcript");
        String page = report.pageDom(
                "testresult/" + uid + "?attachment=" + transcript.path("uid").asText());
        String source = "data/attachments/" + transcript.path("source").asText();
        assertThat(page).contains("class=\"attachment__iframe").contains("src=\"" + source + "\"");
        return report.fileText(source);
    }

    /**
     * {@link FallbackUnderFaultsTest}'s 429 storm on its page: under the primary model's call, the
     * transcript's row of injected faults names the fault; the call after it is the second model's, whose
     * answer passed.
     */
    @Test
    void aCaseUnderA429StormShowsTheInjectedFaultAndTheFallbackOnItsPage() throws Exception {
        try (ReportInBrowser report = new ReportInBrowser(profile)) {
            String storm = transcriptOf(report, "answersFromTheSecondModelUnderA429Storm");
            assertThat(storm)
                    .contains("status passed")
                    .contains("Response openai:gpt-4o-mini ERROR: HTTP 429: ")
                    .contains("\"code\":\"rate_limit_exceeded\"")
                    .contains("Response openai:gpt-4.1-mini We ship to the United States and Canada only")
                    .containsPattern("Calls role model version replayed tokens in tokens out cost latency"
                            + " model openai:gpt-4o-mini [^@]*"
                            + " injected faults \\(@LlmFault\\): rate_limited: HTTP 429, retry-after 0"
                            + " model openai:gpt-4\\.1-mini gpt-4\\.1-mini-scripted yes ")
                    .doesNotContain("timeout: ");
        }
    }

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

            // an agent run's test page shows its trajectory as a step list
            String agentPage = report.pageText("testresult/" + testCaseUid("agent-001:"));
            assertThat(agentPage)
                    .contains("Trajectory (4 steps)")
                    .contains("1. user: Where is my order A-1253?")
                    .containsPattern("2\\. model calls lookup_order \\{\"order_id\":\"A-1253\"} \\(\\d+ tokens\\)")
                    .contains("3. tool lookup_order returned Order A-1253 is shipped with UPS")
                    .contains("4. model answers: Order A-1253 is shipped with UPS");
            // the committed labels (src/test/resources/llm-labels/datasets/refunds.jsonl) against the judge
            JudgeCalibrationResult accuracy = run().calibration().stream()
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
