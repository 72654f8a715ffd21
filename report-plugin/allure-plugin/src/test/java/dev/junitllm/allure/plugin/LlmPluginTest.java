package dev.junitllm.allure.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.qameta.allure.ReportStorage;
import io.qameta.allure.core.LaunchResults;
import io.qameta.allure.core.ResultsVisitor;
import io.qameta.allure.entity.Attachment;
import io.qameta.allure.entity.TestResult;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlmPluginTest {

    private final Map<String, Object> extras = new HashMap<>();
    private final List<String> errors = new ArrayList<>();
    private final Map<String, Object> written = new HashMap<>();

    @Test
    void readsResultsBaselineAndHistoryAndWritesTabWidgetAndNextHistory(@TempDir Path dir) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/llm-results.json")) {
            Files.copy(in, dir.resolve("llm-results.json"));
        }
        Files.writeString(
                dir.resolve("llm-baseline.json"),
                "{\"cases\":[{\"key\":\"dev.example.RefundTest#refunds#refund-03@openai:gpt-4o-mini\","
                        + "\"testId\":\"dev.example.RefundTest#refunds\",\"dataset\":\"datasets/refunds.jsonl\","
                        + "\"caseId\":\"refund-03\",\"model\":\"openai:gpt-4o-mini\",\"status\":\"failed\","
                        + "\"samples\":4,\"passedSamples\":1,\"passRate\":0.25,\"costUsd\":0.0004}]}");
        Files.writeString(dir.resolve("llm-report.json"), "{\"alpha\":0.01}");
        Files.createDirectories(dir.resolve("history"));
        Files.writeString(dir.resolve("history/llm-trend.json"), "[{\"passRate\":0.5},{\"passRate\":0.4}]");
        Files.writeString(dir.resolve("history/llm-cases.json"), "{\"cases\":[]}");

        LlmPlugin plugin = new LlmPlugin();
        plugin.readResults(null, visitor(), dir);
        plugin.aggregate(null, List.of(launch()), storage());

        assertThat(errors).isEmpty();
        assertThat(written)
                .containsOnlyKeys(
                        "data/llm.json", "widgets/junit-llm.json", "history/llm-trend.json", "history/llm-cases.json");
        JsonNode tab = (JsonNode) written.get("data/llm.json");
        assertThat(tab.path("empty").asBoolean()).isFalse();
        assertThat(tab.path("totals").path("costUsd").path("totalText").asText())
                .isEqualTo("$0.0144");
        assertThat(tab.path("baseline").path("newlyPassing")).hasSize(1);
        assertThat(tab.path("baseline").path("alpha").asDouble()).isEqualTo(0.01);
        assertThat(tab.path("previous").path("onlyInAfter").asInt()).isEqualTo(1);
        assertThat(tab.path("trend"))
                .extracting(p -> p.path("passRate").asDouble())
                .containsExactly(1.0, 0.5, 0.4);
        assertThat((JsonNode) written.get("history/llm-trend.json")).hasSize(3);
        assertThat(((JsonNode) written.get("history/llm-cases.json")).path("cases"))
                .hasSize(1);
        JsonNode widget = (JsonNode) written.get("widgets/junit-llm.json");
        assertThat(widget.path("hasBaseline").asBoolean()).isTrue();
        assertThat(widget.path("totals").path("passRate").asDouble()).isEqualTo(1.0);
    }

    @Test
    void withoutResultsTheTabSaysSoAndTheTrendSurvives(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("history"));
        Files.writeString(dir.resolve("history/llm-trend.json"), "[{\"passRate\":0.5}]");
        LlmPlugin plugin = new LlmPlugin();
        plugin.readResults(null, visitor(), dir);
        plugin.aggregate(null, List.of(launch()), storage());
        JsonNode tab = (JsonNode) written.get("data/llm.json");
        assertThat(tab.path("empty").asBoolean()).isTrue();
        assertThat((JsonNode) written.get("history/llm-trend.json")).hasSize(1);
    }

    @Test
    void brokenFilesAreReportedAndDoNotBreakTheReport(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("llm-baseline.json"), "{not json");
        Files.writeString(dir.resolve("llm-results.json"), "{\"schemaVersion\":1,\"tests\":{}}");
        LlmPlugin plugin = new LlmPlugin();
        plugin.readResults(null, visitor(), dir);
        assertThat(errors).singleElement().asString().contains("llm-baseline.json");

        plugin.aggregate(null, List.of(launch()), storage());
        JsonNode tab = (JsonNode) written.get("data/llm.json");
        assertThat(tab.path("empty").asBoolean()).isTrue();
        assertThat(tab.path("error").asText()).contains("'tests' array");
        assertThat(((JsonNode) written.get("widgets/junit-llm.json"))
                        .path("error")
                        .asText())
                .contains("'tests' array");
    }

    private ResultsVisitor visitor() {
        return new ResultsVisitor() {
            @Override
            public Attachment visitAttachmentFile(Path attachmentFile) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void visitTestResult(TestResult result) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void visitExtra(String name, Object object) {
                extras.put(name, object);
            }

            @Override
            public void error(String message, Exception e) {
                errors.add(message);
            }

            @Override
            public void error(String message) {
                errors.add(message);
            }
        };
    }

    private LaunchResults launch() {
        return new LaunchResults() {
            @Override
            public Set<TestResult> getAllResults() {
                return Set.of();
            }

            @Override
            public Map<Path, Attachment> getAttachments() {
                return Map.of();
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> Optional<T> getExtra(String name) {
                return Optional.ofNullable((T) extras.get(name));
            }
        };
    }

    private ReportStorage storage() {
        return new ReportStorage() {
            @Override
            public void addDataJson(String name, Object data) {
                written.put(name, data);
            }

            @Override
            public void addDataBinary(String name, byte[] data) {
                written.put(name, data);
            }

            @Override
            public void addDataFile(String name, Path file) {
                written.put(name, file);
            }
        };
    }
}
