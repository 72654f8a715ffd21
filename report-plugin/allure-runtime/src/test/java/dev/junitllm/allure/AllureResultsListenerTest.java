package dev.junitllm.allure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junitllm.results.ResultsReader;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.junitplatform.AllureJunitPlatform;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs tiny JUnit tests that call the listener while allure-junit-platform records them, then reads
 * the Allure result files they produced. The JUnit Launcher is used (not EngineTestKit) because
 * Allure hooks in as a launcher {@code TestExecutionListener}, which EngineTestKit does not run.
 */
@ResourceLock("allure-lifecycle")
class AllureResultsListenerTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static ObjectNode sampleCase() {
        try (InputStream in = AllureResultsListenerTest.class.getResourceAsStream("/case.json")) {
            return (ObjectNode) MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Set while {@link #run} launches a fixture, so a -Dtest pattern that selects the fixtures skips them. */
    static volatile boolean launching;

    /** Not discovered by Surefire (nested); run through the Launcher below. */
    static class FixtureTest {
        @org.junit.jupiter.api.Test
        void refunds() {
            org.junit.jupiter.api.Assumptions.assumeTrue(launching, "only run by AllureResultsListenerTest");
            new AllureResultsListener().caseFinished(ResultsReader.readCase(sampleCase()));
        }
    }

    static final List<String> TRAJECTORY = List.of(
            "user: Where is order A-1001?",
            "model calls lookup_order {\"order_id\":\"A-1001\"} (61 tokens)",
            "tool lookup_order returned {\"status\":\"shipped\"}",
            "model answers: Order A-1001 has shipped. (80 tokens)");

    /** The sample case as an agent run: its sample carries a trajectory. */
    static class AgentFixtureTest {
        @org.junit.jupiter.api.Test
        void findsTheOrder() {
            org.junit.jupiter.api.Assumptions.assumeTrue(launching, "only run by AllureResultsListenerTest");
            ObjectNode agentCase = sampleCase();
            var steps = ((ObjectNode) agentCase.path("samples").get(0)).putArray("trajectory");
            TRAJECTORY.forEach(steps::add);
            new AllureResultsListener().caseFinished(ResultsReader.readCase(agentCase));
        }
    }

    static volatile Path noAllureDir;

    static class NoAllureFixtureTest {
        @org.junit.jupiter.api.Test
        void refunds() {
            org.junit.jupiter.api.Assumptions.assumeTrue(launching, "only run by AllureResultsListenerTest");
            AllureLifecycle lifecycle = new AllureLifecycle(new FileSystemResultsWriter(noAllureDir));
            AllureLifecycle previous = Allure.getLifecycle();
            Allure.setLifecycle(lifecycle);
            try {
                new AllureResultsListener().caseFinished(ResultsReader.readCase(sampleCase()));
            } finally {
                Allure.setLifecycle(previous);
            }
        }
    }

    @Test
    void caseFinishedAddsAttachmentsLabelsAndParametersToTheOpenTest(@TempDir Path results) throws Exception {
        run(FixtureTest.class, results);

        List<Path> resultFiles = files(results, "-result.json");
        assertThat(resultFiles).hasSize(1);
        JsonNode result = MAPPER.readTree(resultFiles.get(0).toFile());
        assertThat(result.path("status").asText()).isEqualTo("passed");
        // tag "llm" plus one "tag" label per case tag, and the model under both names
        assertThat(labels(result, "tag")).containsExactlyInAnyOrder("llm", "refunds");
        assertThat(labels(result, "model")).containsExactly("openai:gpt-4o-mini");
        assertThat(labels(result, "llm.model")).containsExactly("openai:gpt-4o-mini");
        assertThat(labels(result, "dataset")).containsExactly("datasets/refunds.jsonl");
        assertThat(labels(result, "promptVersion")).containsExactly("prompts/support-system.v3.md@3");
        assertThat(result.path("parameters"))
                .extracting(p -> p.path("name").asText() + "=" + p.path("value").asText())
                .contains("case id=refund-03", "model=openai:gpt-4o-mini", "samples=5");

        JsonNode attachments = result.path("attachments");
        assertThat(attachments)
                .extracting(a -> a.path("name").asText() + " " + a.path("type").asText())
                .containsExactly("LLM transcript text/html", "LLM metrics application/json");
        assertThat(attachments.get(1).path("source").asText()).endsWith(".json");
        JsonNode metrics = MAPPER.readTree(
                results.resolve(attachments.get(1).path("source").asText()).toFile());
        assertThat(ResultsReader.readCase(metrics)).isEqualTo(ResultsReader.readCase(sampleCase()));
        String transcript = Files.readString(
                results.resolve(attachments.get(0).path("source").asText()));
        assertThat(transcript)
                .contains("Can I return shoes after 40 days?")
                .contains("No. Our refund window is 30 days from delivery.")
                .contains("containsIgnoringCase")
                .contains("The answer states the 30-day window.")
                .contains("$0.0005 (model $0.0004, judge $0.0001)")
                .contains("&lt;script&gt;")
                .doesNotContain("<script>");
    }

    @Test
    void anAgentRunsTrajectoryIsAStepListOnTheTestPage(@TempDir Path results) throws Exception {
        run(AgentFixtureTest.class, results);

        JsonNode result = MAPPER.readTree(files(results, "-result.json").get(0).toFile());
        JsonNode steps = result.path("steps");
        assertThat(steps).hasSize(1);
        assertThat(steps.get(0).path("name").asText()).isEqualTo("Trajectory (4 steps)");
        assertThat(steps.get(0).path("status").asText()).isEqualTo("passed");
        List<String> names = new ArrayList<>();
        steps.get(0).path("steps").forEach(s -> names.add(s.path("name").asText()));
        assertThat(names)
                .containsExactly(
                        "1. user: Where is order A-1001?",
                        "2. model calls lookup_order {\"order_id\":\"A-1001\"} (61 tokens)",
                        "3. tool lookup_order returned {\"status\":\"shipped\"}",
                        "4. model answers: Order A-1001 has shipped. (80 tokens)");
        // the attachments stay on the test, not inside the step
        assertThat(result.path("attachments"))
                .extracting(a -> a.path("name").asText())
                .containsExactly("LLM transcript", "LLM metrics");
        assertThat(steps.get(0).path("attachments")).isEmpty();
    }

    @Test
    void aCaseWithoutTrajectoryHasNoSteps(@TempDir Path results) throws Exception {
        run(FixtureTest.class, results);
        JsonNode result = MAPPER.readTree(files(results, "-result.json").get(0).toFile());
        assertThat(result.path("steps")).isEmpty();
    }

    @Test
    void withoutAnOpenAllureTestNothingIsAttached(@TempDir Path results) throws Exception {
        noAllureDir = results;
        var summary = run(NoAllureFixtureTest.class, null);
        assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
        assertThat(results).isEmptyDirectory();
    }

    @Test
    void isRegisteredAsAServiceForTheExtension() {
        assertThat(ServiceLoader.load(dev.junitllm.results.LlmResultsListener.class).stream()
                        .map(ServiceLoader.Provider::type))
                .contains(AllureResultsListener.class);
    }

    private static TestExecutionSummary run(Class<?> fixture, Path results) {
        AllureLifecycle previous = Allure.getLifecycle();
        AllureLifecycle lifecycle =
                results == null ? previous : new AllureLifecycle(new FileSystemResultsWriter(results));
        Allure.setLifecycle(lifecycle);
        launching = true;
        try {
            SummaryGeneratingListener summary = new SummaryGeneratingListener();
            LauncherConfig.Builder config = LauncherConfig.builder()
                    .enableTestExecutionListenerAutoRegistration(false)
                    .addTestExecutionListeners(summary);
            if (results != null) {
                config.addTestExecutionListeners(new AllureJunitPlatform(lifecycle));
            }
            Launcher launcher = LauncherFactory.create(config.build());
            launcher.execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(fixture))
                    .build());
            assertThat(summary.getSummary().getFailures()).isEmpty();
            return summary.getSummary();
        } finally {
            launching = false;
            Allure.setLifecycle(previous);
        }
    }

    private static List<String> labels(JsonNode result, String name) {
        List<String> values = new ArrayList<>();
        result.path("labels").forEach(l -> {
            if (name.equals(l.path("name").asText())) {
                values.add(l.path("value").asText());
            }
        });
        return values;
    }

    static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
        }
    }
}
