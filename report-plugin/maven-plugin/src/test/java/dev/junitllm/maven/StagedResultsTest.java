package dev.junitllm.maven;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagedResultsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void stagesOnlyThisBuildsFilesAndNeverTheResultsHistory() throws Exception {
        Path results = Files.createDirectories(tmp.resolve("allure-results"));
        Instant buildStart = Instant.parse("2026-12-01T10:00:00Z");
        write(results.resolve("old-result.json"), "{}", buildStart.minusSeconds(3600));
        write(results.resolve("old-attachment.html"), "<p>old</p>", buildStart.minusSeconds(3600));
        write(results.resolve("new-result.json"), "{}", buildStart.plusSeconds(5));
        write(results.resolve("new-attachment.html"), "<p>new</p>", buildStart);
        Files.createDirectories(results.resolve("history"));
        write(results.resolve("history/history-trend.json"), "[]", buildStart.plusSeconds(5));
        Path staging = tmp.resolve("staging");
        write(Files.createDirectories(staging).resolve("leftover-result.json"), "{}", buildStart.plusSeconds(1));

        StagedResults staged = StagedResults.stage(results, staging, buildStart);

        assertThat(names(staging)).containsExactly("new-attachment.html", "new-result.json");
        assertThat(staged.copied()).isEqualTo(2);
        assertThat(staged.leftOut()).isEqualTo(2);

        StagedResults all = StagedResults.stage(results, staging, null);
        assertThat(all.copied()).isEqualTo(4);
        assertThat(all.leftOut()).isZero();
        assertThat(names(staging)).doesNotContain("history");
    }

    @Test
    void attachesOldVsNewToTheNewlyFailingCasesTestResultOnly() throws Exception {
        Path staging = Files.createDirectories(tmp.resolve("staging"));
        Files.writeString(staging.resolve("aaa-result.json"), result("aaa", "refund-002", "openai:gpt-4.1-mini"));
        Files.writeString(staging.resolve("bbb-result.json"), result("bbb", "refund-001", "openai:gpt-4.1-mini"));
        Files.writeString(staging.resolve("ccc-result.json"), result("ccc", "refund-002", "openai:gpt-4o-mini"));
        StagedResults staged = StagedResults.stage(staging, tmp.resolve("staged"), null);
        ObjectNode comparison = MAPPER.createObjectNode();
        comparison
                .putArray("newlyFailing")
                .addObject()
                .put("testId", "com.example.RefundTest#refunds")
                .put("dataset", "datasets/refunds.jsonl")
                .put("caseId", "refund-002")
                .put("model", "openai:gpt-4.1-mini")
                .put("beforeModel", "openai:gpt-4o-mini")
                .put("beforeStatus", "passed")
                .put("afterStatus", "failed")
                .put("baselineAnswer", "Within 30 days.")
                .put("answer", "Only within 14 days <b>sale</b>.")
                .putArray("reasons")
                .add("rubric: score 0.00 vs threshold 1.00: says 14 days");

        assertThat(staged.attachOldVsNew(comparison)).isEqualTo(1);

        JsonNode attached =
                MAPPER.readTree(staged.dir().resolve("aaa-result.json").toFile());
        JsonNode attachment = attached.path("attachments").get(1);
        assertThat(attachment.path("name").asText()).isEqualTo(StagedResults.OLD_VS_NEW);
        assertThat(attachment.path("type").asText()).isEqualTo("text/html");
        assertThat(attached.path("attachments").get(0).path("name").asText()).isEqualTo("LLM metrics");
        String html =
                Files.readString(staged.dir().resolve(attachment.path("source").asText()));
        assertThat(html)
                .contains("data-llm=\"old-answer\"")
                .contains("Within 30 days.")
                .contains("Only within 14 days &lt;b&gt;sale&lt;/b&gt;.")
                .contains("openai:gpt-4o-mini")
                .contains("rubric: score 0.00 vs threshold 1.00: says 14 days")
                .contains("(none)");
        // another case of the same model, and the same case of another model, are left alone
        assertThat(Files.readString(staged.dir().resolve("bbb-result.json"))).doesNotContain(StagedResults.OLD_VS_NEW);
        assertThat(Files.readString(staged.dir().resolve("ccc-result.json"))).doesNotContain(StagedResults.OLD_VS_NEW);
        // the build's own results directory is not modified
        assertThat(Files.readString(staging.resolve("aaa-result.json"))).doesNotContain(StagedResults.OLD_VS_NEW);
    }

    private static String result(String uuid, String caseId, String model) {
        return """
                {"uuid":"%s","name":"%s","status":"failed",
                 "labels":[{"name":"testClass","value":"com.example.RefundTest"},
                           {"name":"testMethod","value":"refunds"},{"name":"model","value":"%s"}],
                 "parameters":[{"name":"case id","value":"%s"}],
                 "attachments":[{"name":"LLM metrics","source":"%s-attachment.json","type":"application/json"}]}
                """.formatted(uuid, caseId, model, caseId, uuid);
    }

    private static void write(Path file, String content, Instant modified) throws Exception {
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.from(modified));
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
