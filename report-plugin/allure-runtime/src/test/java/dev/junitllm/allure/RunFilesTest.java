package dev.junitllm.allure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

@ResourceLock(Resources.SYSTEM_PROPERTIES)
class RunFilesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void runFinishedWritesEnvironmentCategoriesAndTheResultsCopy(@TempDir Path dir) throws Exception {
        Path results = dir.resolve("allure-results");
        Files.createDirectories(results);
        Files.writeString(results.resolve("environment.properties"), "browser=firefox\nllm.mode=stale\n");
        Files.writeString(
                results.resolve("categories.json"),
                "[{\"name\":\"Infrastructure\",\"messageRegex\":\".*timeout.*\"},"
                        + "{\"name\":\"LLM: judge failure\",\"messageRegex\":\".*mine.*\"}]");
        ObjectNode doc = MAPPER.createObjectNode();
        ObjectNode run = doc.putObject("run");
        run.put("mode", "replay");
        run.putArray("models").add("openai:gpt-4o-mini").add("anthropic:claude-haiku-4-5");
        run.put("judgeModel", "openai:gpt-4o");
        run.put("priceTableDate", "2026-07-01");
        run.putArray("prompts").addObject().put("name", "prompts/support.md").put("version", "3");
        doc.putArray("tests");
        Path file = dir.resolve("llm-results.json");
        Files.writeString(file, doc.toString());

        String previous = System.getProperty(AllureResultsListener.RESULTS_DIRECTORY_KEY);
        System.setProperty(AllureResultsListener.RESULTS_DIRECTORY_KEY, results.toString());
        try {
            new AllureResultsListener().runFinished(dev.junitllm.results.ResultsReader.read(doc), file);
        } finally {
            if (previous == null) {
                System.clearProperty(AllureResultsListener.RESULTS_DIRECTORY_KEY);
            } else {
                System.setProperty(AllureResultsListener.RESULTS_DIRECTORY_KEY, previous);
            }
        }

        Properties env = new Properties();
        try (Reader r = Files.newBufferedReader(results.resolve("environment.properties"))) {
            env.load(r);
        }
        assertThat(env)
                .containsEntry("browser", "firefox")
                .containsEntry("llm.mode", "replay")
                .containsEntry("llm.models", "openai:gpt-4o-mini, anthropic:claude-haiku-4-5")
                .containsEntry("llm.judge.model", "openai:gpt-4o")
                .containsEntry("llm.price.table.date", "2026-07-01")
                .containsEntry("llm.prompts", "prompts/support.md@3");

        JsonNode categories = MAPPER.readTree(results.resolve("categories.json").toFile());
        assertThat(categories)
                .extracting(c -> c.path("name").asText())
                .containsExactly(
                        "Infrastructure",
                        "LLM: judge failure",
                        "LLM: dataset gate failed",
                        "LLM: missing recording",
                        "LLM: budget exceeded",
                        "LLM: regression",
                        "LLM: pass rate below threshold");
        assertThat(categories.get(1).path("messageRegex").asText()).isEqualTo(".*mine.*");
        String missing = categories.get(3).path("messageRegex").asText();
        assertThat("No recording in cassette [x.json] for openai:gpt-4o-mini POST /v1/chat/completions")
                .matches(missing);
        assertThat(categories.get(3).path("matchedStatuses")).hasSize(2);

        assertThat(Files.readString(results.resolve("llm-results.json"))).isEqualTo(doc.toString());
        assertThat(AllureResultsListenerTest.files(results, ".tmp")).isEmpty();
    }

    @Test
    void defaultDirectoryIsTargetAllureResults() {
        String previous = System.getProperty(AllureResultsListener.RESULTS_DIRECTORY_KEY);
        System.clearProperty(AllureResultsListener.RESULTS_DIRECTORY_KEY);
        try {
            assertThat(AllureResultsListener.resultsDirectory()).isEqualTo(Path.of("target/allure-results"));
        } finally {
            if (previous != null) {
                System.setProperty(AllureResultsListener.RESULTS_DIRECTORY_KEY, previous);
            }
        }
    }
}
