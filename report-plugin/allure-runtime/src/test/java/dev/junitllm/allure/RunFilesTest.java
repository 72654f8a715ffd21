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

    private static final String BUILD = "4242@2026-12-01T10:00:00Z";

    /** One fork's results: its cases of the refunds dataset on {@code model}, each passing or not. */
    private static ObjectNode fork(String build, String finishedAt, String model, String... cases) {
        ObjectNode doc = MAPPER.createObjectNode();
        doc.put("schemaVersion", 1);
        ObjectNode run = doc.putObject("run");
        run.put("finishedAt", finishedAt).put("mode", "replay").put("build", build);
        run.putArray("models").add(model);
        com.fasterxml.jackson.databind.node.ArrayNode list = doc.putArray("tests")
                .addObject()
                .put("testId", "dev.example.RefundTest#refunds")
                .putArray("cases");
        for (String c : cases) {
            list.addObject()
                    .put("caseId", c.substring(1))
                    .put("model", model)
                    .put("status", c.startsWith("+") ? "passed" : "failed");
        }
        doc.putObject("totals").put("cases", cases.length).put("passedCases", (int)
                java.util.Arrays.stream(cases).filter(c -> c.startsWith("+")).count());
        return doc;
    }

    private static void runFinished(Path allure, ObjectNode doc, Path file) {
        String previous = System.getProperty(AllureResultsListener.RESULTS_DIRECTORY_KEY);
        System.setProperty(AllureResultsListener.RESULTS_DIRECTORY_KEY, allure.toString());
        try {
            new AllureResultsListener().runFinished(dev.junitllm.results.ResultsReader.read(doc), file);
        } finally {
            if (previous == null) {
                System.clearProperty(AllureResultsListener.RESULTS_DIRECTORY_KEY);
            } else {
                System.setProperty(AllureResultsListener.RESULTS_DIRECTORY_KEY, previous);
            }
        }
    }

    /**
     * Surefire with forkCount=2: each fork writes llm-results.json (the last wins) and its own file,
     * then publishes. The Allure copy is every fork's file of this build merged, not the last fork's.
     */
    @Test
    void aForkedRunPublishesEveryForkOfTheBuild(@TempDir Path dir) throws Exception {
        Path llm = Files.createDirectories(dir.resolve("llm-results"));
        Path allure = dir.resolve("allure-results");
        // an earlier build's file, left in target/llm-results
        Files.writeString(
                llm.resolve("llm-results-1-old.json"),
                fork("1@2026-12-01T09:00:00Z", "2026-12-01T09:01:00Z", "openai:gpt-4o-mini", "-r1", "-r2", "-r9")
                        .toString());

        ObjectNode a = fork(BUILD, "2026-12-01T10:01:00Z", "openai:gpt-4o-mini", "+r1", "-r2");
        Files.writeString(llm.resolve("llm-results-11-a.json"), a.toString());
        Files.writeString(llm.resolve("llm-results.json"), a.toString());
        runFinished(allure, a, llm.resolve("llm-results.json"));
        assertThat(MAPPER.readTree(allure.resolve("llm-results.json").toFile())
                        .path("tests")
                        .get(0)
                        .path("cases"))
                .hasSize(2);

        ObjectNode b = fork(BUILD, "2026-12-01T10:01:30Z", "anthropic:claude-haiku-4-5", "+r3", "+r4", "-r5");
        Files.writeString(llm.resolve("llm-results-12-b.json"), b.toString());
        Files.writeString(llm.resolve("llm-results.json"), b.toString());
        runFinished(allure, b, llm.resolve("llm-results.json"));

        dev.junitllm.results.LlmResults published =
                dev.junitllm.results.ResultsReader.read(allure.resolve("llm-results.json"));
        assertThat(published.cases())
                .extracting(dev.junitllm.results.CaseResult::caseId)
                .containsExactlyInAnyOrder("r1", "r2", "r3", "r4", "r5");
        assertThat(published.totals().cases()).isEqualTo(5);
        assertThat(published.totals().passedCases()).isEqualTo(3);
        assertThat(published.run().build()).isEqualTo(BUILD);
        Properties env = new Properties();
        try (Reader r = Files.newBufferedReader(allure.resolve("environment.properties"))) {
            env.load(r);
        }
        assertThat(env).containsEntry("llm.models", "openai:gpt-4o-mini, anthropic:claude-haiku-4-5");
        assertThat(AllureResultsListenerTest.files(allure, ".tmp")).isEmpty();
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
