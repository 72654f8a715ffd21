package dev.junitllm.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junitllm.results.CaseResult;
import dev.junitllm.results.CaseStatus;
import dev.junitllm.results.DatasetGateResult;
import dev.junitllm.results.LlmResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end, for the upgrade candidate ({@code mvn verify -f sample-project -Pcandidate}): the report
 * of the candidate's run, opened in headless Chromium, shows the refund regression against the committed
 * baseline of today's model — the model change, the refunds row's pass rate, every newly failing case
 * and the old and new answers side by side. It runs in {@code integration-test}, before {@code check}
 * fails the build on that regression.
 */
class CandidateReportIT {

    @TempDir
    Path profile;

    @Test
    void llmTabShowsTheRefundRegressionAgainstTodaysModel() throws Exception {
        ObjectMapper json = new ObjectMapper();
        LlmResults results = SampleReportIT.run();
        String baselineModel = json.readTree(
                        Path.of("src/test/resources/llm-baseline.json").toFile())
                .path("cases")
                .path(0)
                .path("model")
                .asText();
        DatasetGateResult refunds = results.datasets().stream()
                .filter(gate -> gate.dataset().equals("datasets/refunds.jsonl"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no refunds gate in the results"));
        String candidate = refunds.model(); // the run's model on the golden set, whatever else the run holds
        List<String> failing = results.tests().stream()
                .flatMap(test -> test.cases().stream())
                .filter(c -> c.status() != CaseStatus.PASSED)
                .map(CaseResult::caseId)
                .toList();
        assertThat(candidate).isNotEqualTo(baselineModel);
        assertThat(failing).isNotEmpty();

        // failing rows are failures, by case id, in Surefire's XML and in the Allure results
        StringBuilder surefire = new StringBuilder();
        try (Stream<Path> files = Files.list(Path.of("target/surefire-reports"))) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("TEST-"))
                    .toList()) {
                surefire.append(Files.readString(f));
            }
        }
        List<String> allureFailed = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("target/allure-results"))) {
            for (Path f :
                    files.filter(f -> f.toString().endsWith("-result.json")).toList()) {
                JsonNode r = json.readTree(f.toFile());
                if (r.path("status").asText().equals("failed")) {
                    allureFailed.add(r.path("name").asText());
                }
            }
        }
        for (String id : failing) {
            assertThat(surefire).containsPattern("<testcase name=\"[^\"]* " + id + ":[^>]*>\\s*<failure");
            assertThat(allureFailed).anyMatch(name -> name.contains(" " + id + ":"));
        }

        try (ReportInBrowser report = new ReportInBrowser(profile)) {
            String text = report.llmTabText();

            assertThat(text).contains("model change: " + baselineModel + " → " + candidate);
            assertThat(text).contains("significant regression");
            assertThat(text)
                    .contains("datasets/refunds.jsonl " + candidate + " "
                            + refunds.cases() + " 100.0% "
                            + String.format(Locale.ROOT, "%.1f%%", 100 * refunds.passRate()));
            assertThat(text).containsPattern("Newly failing \\( ?" + failing.size() + " ?\\)");
            assertThat(text).contains(failing);
            assertThat(text).contains("Old vs new answer").contains("30 days").contains("14 days");
            assertThat(text).contains("By tag").containsPattern("refund-window \\d+ \\d+ \\d+\\.\\d%");

            Path screenshot = Path.of("target/llm-tab-candidate.png");
            report.screenshot(screenshot, "1400,1000");
            assertThat(screenshot).isNotEmptyFile();
        }
    }
}
