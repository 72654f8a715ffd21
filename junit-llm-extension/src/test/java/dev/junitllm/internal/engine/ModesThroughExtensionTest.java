package dev.junitllm.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junitllm.BudgetExceededException;
import dev.junitllm.LlmClient;
import dev.junitllm.LlmConfiguration;
import dev.junitllm.LlmMode;
import dev.junitllm.LlmTest;
import dev.junitllm.MissingRecordingException;
import dev.junitllm.Model;
import dev.junitllm.RecordingMode;
import dev.junitllm.testkit.ScriptedLlmServer;
import dev.junitllm.testkit.ScriptedRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;

/** {@code llm.mode} and {@link RecordingMode} through the JUnit Platform: auto, live, and who wins. */
class ModesThroughExtensionTest {

    static final List<String> QUESTIONS = new CopyOnWriteArrayList<>();
    static final List<String> ANSWERS = new CopyOnWriteArrayList<>();

    final EngineRuns engine;

    ModesThroughExtensionTest(@TempDir Path tmp) {
        this.engine = new EngineRuns(tmp);
    }

    @BeforeEach
    void reset() {
        QUESTIONS.clear();
        ANSWERS.clear();
    }

    static void ask(LlmClient llm) {
        for (String q : QUESTIONS) {
            ANSWERS.add(llm.chat(q).text());
        }
    }

    @Model("openai:gpt-4o-mini")
    @RecordingMode(LlmMode.AUTO)
    static class AutoFixture {
        @LlmTest
        void asks(LlmClient llm) {
            ask(llm);
        }
    }

    @Model("openai:gpt-4o-mini")
    static class KeyFixture {
        @LlmTest
        void asks(LlmClient llm) {
            ask(llm);
        }
    }

    @Model("openai:gpt-4o-mini")
    static class TwoLiveCasesFixture {
        @LlmTest
        void first(LlmClient llm) {
            llm.chat("first");
        }

        @LlmTest
        void second(LlmClient llm) {
            llm.chat("second");
        }
    }

    @Model("openai:gpt-4o-mini")
    @RecordingMode(LlmMode.REPLAY)
    static class MixedFixture {
        @LlmTest
        void replays(LlmClient llm) {
            llm.chat("replayed question");
        }

        @LlmTest
        @RecordingMode(LlmMode.LIVE)
        void live(LlmClient llm) {
            ANSWERS.add(llm.chat("live question").text());
        }
    }

    @Model("openai:gpt-4o-mini")
    @RecordingMode(LlmMode.LIVE)
    static class OuterFixture {
        @Nested
        class Inner {
            @LlmTest
            void asks(LlmClient llm) {
                ask(llm);
            }
        }
    }

    private static List<String> userMessages(ScriptedLlmServer server) {
        List<String> out = new ArrayList<>();
        for (ScriptedRequest r : server.requests()) {
            out.add(r.lastUserMessage());
        }
        return out;
    }

    @Test
    void autoReplaysWhatIsRecordedAndRecordsOnlyWhatIsMissing() {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.whenUserContains("first").reply("one");
            server.whenUserContains("second").reply("two");
            QUESTIONS.add("first");
            // no llm.mode: the default would be replay, the class's annotation says auto
            engine.run(AutoFixture.class, LlmConfiguration.OPENAI_BASE_URL, server.openAiBaseUrl())
                    .testEvents()
                    .assertStatistics(s -> s.succeeded(1));
            assertThat(userMessages(server)).containsExactly("first");
            assertThat(engine.cassetteJson(AutoFixture.class).path("entries")).hasSize(1);

            QUESTIONS.add("second");
            server.resetRequests();
            ANSWERS.clear();
            engine.run(AutoFixture.class, LlmConfiguration.OPENAI_BASE_URL, server.openAiBaseUrl())
                    .testEvents()
                    .assertStatistics(s -> s.succeeded(1));
            assertThat(userMessages(server)).containsExactly("second");
            assertThat(ANSWERS).containsExactly("one", "two");
        }
        JsonNode c = engine.results().at("/tests/0/cases/0");
        assertThat(c.path("mode").asText()).isEqualTo("auto");
        assertThat(c.at("/samples/0/calls/0/replayed").asBoolean()).isTrue();
        assertThat(c.at("/samples/0/calls/1/replayed").asBoolean()).isFalse();
        assertThat(engine.cassetteJson(AutoFixture.class).path("entries")).hasSize(2);

        ANSWERS.clear();
        engine.run(AutoFixture.class, LlmConfiguration.OPENAI_BASE_URL, "http://127.0.0.1:9/v1")
                .testEvents()
                .assertStatistics(s -> s.succeeded(1));
        assertThat(ANSWERS).containsExactly("one", "two");
    }

    @Test
    void autoWithAZeroBudgetReplaysWhatIsRecordedAndRefusesOnlyWhatWouldGoLive() {
        QUESTIONS.add("first");
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.whenUserContains("first").reply("one");
            engine.run(AutoFixture.class, LlmConfiguration.OPENAI_BASE_URL, server.openAiBaseUrl());
            QUESTIONS.add("second");
            server.resetRequests();
            ANSWERS.clear();
            EngineRuns.assertOneTestFailed(
                    engine.run(
                                    AutoFixture.class,
                                    LlmConfiguration.OPENAI_BASE_URL,
                                    server.openAiBaseUrl(),
                                    LlmConfiguration.BUDGET_USD,
                                    "0")
                            .testEvents(),
                    BudgetExceededException.class,
                    m -> m.startsWith("Budget reached: this run has spent $0.000000 live"));
            assertThat(server.requestCount()).isZero();
        }
        assertThat(ANSWERS).containsExactly("one");
    }

    @Test
    void theClassAnnotationBeatsTheKeyWhichStillGovernsOtherClasses() {
        QUESTIONS.add("first");
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.whenUserContains("first").reply("one");
            var events = engine.run(
                            new Class<?>[] {AutoFixture.class, KeyFixture.class},
                            LlmConfiguration.MODE,
                            "replay",
                            LlmConfiguration.OPENAI_BASE_URL,
                            server.openAiBaseUrl())
                    .testEvents();
            events.assertStatistics(s -> s.succeeded(1).failed(1));
            EngineRuns.assertOneTestFailed(events, MissingRecordingException.class, m -> m.contains("KeyFixture.json"));
            assertThat(server.requestCount()).isEqualTo(1);
        }
        assertThat(engine.results().at("/run/mode").asText()).isEqualTo("replay");
    }

    @Test
    void theMethodAnnotationBeatsTheClassAnnotationAndLiveWritesNoCassette() {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.whenUserContains("live question").reply("live answer");
            var events = engine.run(
                            MixedFixture.class,
                            LlmConfiguration.MODE,
                            "record",
                            LlmConfiguration.OPENAI_BASE_URL,
                            server.openAiBaseUrl())
                    .testEvents();
            events.assertThatEvents()
                    .haveExactly(1, event(test(), displayName("[openai:gpt-4o-mini]"), finishedSuccessfully()))
                    .haveExactly(1, event(test(), finishedWithFailure(instanceOf(MissingRecordingException.class))));
            assertThat(userMessages(server)).containsExactly("live question");
        }
        assertThat(ANSWERS).containsExactly("live answer");
        assertThat(engine.cassette(MixedFixture.class)).doesNotExist();
        List<String> modes = new ArrayList<>();
        engine.results()
                .at("/tests")
                .forEach(t -> modes.add(t.at("/cases/0/mode").asText()));
        assertThat(modes).containsExactlyInAnyOrder("replay", "live");
    }

    @Test
    void aNestedClassTakesItsOuterClassesMode() {
        QUESTIONS.add("first");
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.whenUserContains("first").reply("one");
            engine.run(OuterFixture.class, LlmConfiguration.OPENAI_BASE_URL, server.openAiBaseUrl())
                    .testEvents()
                    .assertStatistics(s -> s.succeeded(1));
            assertThat(server.requestCount()).isEqualTo(1);
        }
        assertThat(engine.results().at("/tests/0/cases/0/mode").asText()).isEqualTo("live");
        assertThat(engine.cassettes()).doesNotExist();
    }

    @Test
    void liveNeverReadsNorRewritesAnExistingCassette() throws IOException {
        QUESTIONS.add("first");
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.whenUserContains("first").reply("recorded answer");
            engine.run(
                            KeyFixture.class,
                            LlmConfiguration.MODE,
                            "record",
                            LlmConfiguration.OPENAI_BASE_URL,
                            server.openAiBaseUrl())
                    .testEvents()
                    .assertStatistics(s -> s.succeeded(1));
        }
        byte[] recorded = Files.readAllBytes(engine.cassette(KeyFixture.class));
        ANSWERS.clear();
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.whenUserContains("first").reply("live answer");
            engine.run(
                            KeyFixture.class,
                            LlmConfiguration.MODE,
                            "live",
                            LlmConfiguration.OPENAI_BASE_URL,
                            server.openAiBaseUrl())
                    .testEvents()
                    .assertStatistics(s -> s.succeeded(1));
            assertThat(server.requestCount()).isEqualTo(1);
        }
        assertThat(ANSWERS).containsExactly("live answer");
        assertThat(Files.readAllBytes(engine.cassette(KeyFixture.class))).isEqualTo(recorded);
        assertThat(engine.results()
                        .at("/tests/0/cases/0/samples/0/calls/0/replayed")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void replayNeverBuildsTheLiveTransportSoItsConfigurationIsNotEvenRead() {
        QUESTIONS.add("first");
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.whenUserContains("first").reply("one");
            engine.run(
                    KeyFixture.class,
                    LlmConfiguration.MODE,
                    "record",
                    LlmConfiguration.OPENAI_BASE_URL,
                    server.openAiBaseUrl());
        }
        engine.run(KeyFixture.class, LlmConfiguration.MODE, "replay", LlmConfiguration.TIMEOUT, "soon")
                .testEvents()
                .assertStatistics(s -> s.succeeded(1));
        // the same bad value fails as soon as a case calls live
        engine.run(KeyFixture.class, LlmConfiguration.MODE, "live", LlmConfiguration.TIMEOUT, "soon")
                .testEvents()
                .assertThatEvents()
                .haveExactly(1, event(test(), finishedWithFailure(message(m -> m.contains("llm.timeout")))));
    }

    @Test
    void aLiveRunBuildsItsTransportInTheBackgroundAndEveryLiveCaseSeesItsConfigurationError() {
        // llm.mode=live starts building the HTTP client with the run; a bad value must still fail every
        // case that calls live, as a configuration error naming the key, not only the first one
        engine.run(TwoLiveCasesFixture.class, LlmConfiguration.MODE, "live", LlmConfiguration.TIMEOUT, "soon")
                .testEvents()
                .assertThatEvents()
                .haveExactly(
                        2,
                        event(
                                test(),
                                finishedWithFailure(
                                        instanceOf(ExtensionConfigurationException.class),
                                        message(m -> m.contains("llm.timeout") && m.contains("soon")))));
    }
}
