package dev.junitllm.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.engine;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.cause;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.junitllm.LlmClient;
import dev.junitllm.LlmConfiguration;
import dev.junitllm.LlmContext;
import dev.junitllm.LlmTest;
import dev.junitllm.Model;
import dev.junitllm.testkit.ScriptedLlmServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * What happens when the results or cassettes cannot be written, or a listener fails. Folders are
 * checked before anything is spent; at the end of the run JUnit reports a failure on the engine
 * ("Failed to close extension context", caused by ours), after every other step ran.
 */
class RunEndFailuresTest {

    final Path tmp;
    final EngineRuns engine;

    RunEndFailuresTest(@TempDir Path tmp) {
        this.tmp = tmp;
        this.engine = new EngineRuns(tmp);
    }

    @BeforeEach
    void reset() {
        ProbeResultsListener.arm(false);
    }

    @AfterEach
    void tearDown() {
        ProbeResultsListener.reset();
    }

    @Model("openai:gpt-4o-mini")
    static class AsksOnce {
        @LlmTest
        void asks(LlmClient llm) {
            llm.chat("Shipping time?");
        }
    }

    @Test
    void anUnwritableResultsFolderFailsAtTheStartNamingTheKeyBeforeAnythingIsSpent() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "not a folder");
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.whenAnyRequest().reply("3 days.");
            EngineExecutionResults r = engine.run(
                    AsksOnce.class,
                    LlmConfiguration.RESULTS_DIR,
                    file.resolve("results").toString(),
                    LlmConfiguration.MODE,
                    "live",
                    LlmConfiguration.OPENAI_BASE_URL,
                    server.openAiBaseUrl());
            r.containerEvents()
                    .assertThatEvents()
                    .haveAtLeastOne(event(
                            container(),
                            finishedWithFailure(
                                    instanceOf(ExtensionConfigurationException.class),
                                    message(m -> m.startsWith("Invalid value [" + file.resolve("results")
                                                    + "] for configuration parameter [llm.results.dir]")
                                            && m.contains("set llm.results.dir to a writable folder")))));
            assertThat(server.requestCount()).isZero();
        }
    }

    @Test
    void anUnwritableCassetteFolderFailsARecordingCaseBeforeItSpendsAnything() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "not a folder");
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.whenAnyRequest().reply("3 days.");
            EngineExecutionResults r = engine.run(
                    AsksOnce.class,
                    LlmConfiguration.CASSETTES_DIR,
                    file.toString(),
                    LlmConfiguration.MODE,
                    "record",
                    LlmConfiguration.OPENAI_BASE_URL,
                    server.openAiBaseUrl());
            EngineRuns.assertOneTestFailed(
                    r.testEvents(),
                    // JUnit wraps what a parameter resolver throws, keeping its message
                    ParameterResolutionException.class,
                    m -> m.contains("Invalid value [" + file + "] for configuration parameter [llm.cassettes.dir]: "
                                    + "the cassette folder ")
                            && m.endsWith("set llm.cassettes.dir to a writable folder"));
            assertThat(server.requestCount()).isZero();
        }
        // the case is in the results once, as an error with the reason
        assertThat(engine.results().at("/tests/0/cases")).hasSize(1);
        assertThat(engine.results().at("/tests/0/cases/0/status").asText()).isEqualTo("error");
        assertThat(engine.results().at("/tests/0/cases/0/failureReason").asText())
                .contains("[llm.cassettes.dir]");
    }

    @Model("openai:gpt-4o-mini")
    static class BreaksTheResultsFolder {
        @LlmTest
        void replacesItWithAFile() throws IOException {
            Path dir = Path.of(LlmContext.current()
                    .orElseThrow()
                    .configuration(LlmConfiguration.RESULTS_DIR)
                    .orElseThrow());
            try (var files = Files.list(dir)) {
                files.forEach(f -> {
                    try {
                        Files.delete(f);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
            Files.delete(dir);
            Files.writeString(dir, "now a file");
        }
    }

    @Test
    void aResultsFileThatCannotBeWrittenAtTheEndFailsTheRunNamingTheKey() {
        EngineExecutionResults r = engine.run(BreaksTheResultsFolder.class);

        r.testEvents().assertStatistics(s -> s.succeeded(1));
        r.allEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                engine(),
                                finishedWithFailure(
                                        cause(message(m -> m.startsWith("Could not write the LLM results to ")
                                                && m.contains("set llm.results.dir to a writable folder"))))));
        // listeners are promised a written file: they are not told about a run whose file is missing
        assertThat(ProbeResultsListener.HEARD).containsExactly("case passed");
    }

    @Test
    void aFailingListenerDoesNotStopTheOthersNorTheResultsFileAndFailsTheRunNamingIt() {
        ProbeResultsListener.arm(true);

        EngineExecutionResults r = engine.run(AsksNothing.class);

        // a listener failing on a finished case does not change the case's outcome
        r.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
        r.allEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                engine(),
                                finishedWithFailure(cause(message(m -> m.startsWith(
                                                "junit-llm: results listener dev.junitllm.internal.engine.ProbeResultsListener$Throwing failed at the end of the run")
                                        && m.contains("report server unreachable"))))));
        assertThat(ProbeResultsListener.HEARD).containsExactly("case passed", "run llm-results.json");
        assertThat(engine.resultsDir().resolve("llm-results.json")).exists();
    }

    @Model("openai:gpt-4o-mini")
    static class AsksNothing {
        @LlmTest
        void passes() {}
    }
}
