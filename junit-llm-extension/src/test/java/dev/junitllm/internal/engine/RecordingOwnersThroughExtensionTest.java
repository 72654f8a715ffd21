package dev.junitllm.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junitllm.LlmClient;
import dev.junitllm.LlmConfiguration;
import dev.junitllm.LlmTest;
import dev.junitllm.Model;
import dev.junitllm.testkit.ScriptedLlmServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which test owns a recording, through the JUnit Platform: recordings of {@code @Nested} classes and
 * of overloaded methods survive the end of their class and replay to the test that made them.
 */
class RecordingOwnersThroughExtensionTest {

    /** Answers by the test that received them. */
    static final Map<String, String> ANSWERS = new ConcurrentHashMap<>();

    @TempDir
    Path tmp;

    private EngineRuns engine() {
        return new EngineRuns(tmp);
    }

    @Model("openai:gpt-4o-mini")
    static class OuterFixture {
        @LlmTest
        void outer(LlmClient llm) {
            ANSWERS.put("outer", llm.chat("outer question").text());
        }

        @Nested
        class Inner {
            @LlmTest
            void inner(LlmClient llm) {
                ANSWERS.put("inner", llm.chat("inner question").text());
            }

            @Nested
            class Deeper {
                @LlmTest
                void deeper(LlmClient llm) {
                    ANSWERS.put("deeper", llm.chat("deeper question").text());
                }
            }
        }
    }

    @Model("openai:gpt-4o-mini")
    static class OverloadFixture {
        @LlmTest
        void same(LlmClient llm) {
            ANSWERS.put("same(LlmClient)", llm.chat("same question").text());
        }

        @LlmTest
        void same(LlmClient llm, TestInfo info) {
            ANSWERS.put("same(LlmClient, TestInfo)", llm.chat("same question").text());
        }

        @LlmTest
        void single(LlmClient llm) {
            ANSWERS.put("single", llm.chat("single question").text());
        }
    }

    private void record(Class<?> fixture, ScriptedLlmServer server, int tests) {
        ANSWERS.clear();
        engine().run(fixture, LlmConfiguration.MODE, "record", LlmConfiguration.OPENAI_BASE_URL, server.openAiBaseUrl())
                .testEvents()
                .assertStatistics(s -> s.succeeded(tests).failed(0));
    }

    /** Replays with no server behind the base URL: every call must come from a cassette. */
    private void replayOffline(Class<?> fixture, int tests) {
        ANSWERS.clear();
        String deadUrl;
        try (ScriptedLlmServer gone = ScriptedLlmServer.start()) {
            deadUrl = gone.openAiBaseUrl();
        }
        engine().run(fixture, LlmConfiguration.MODE, "replay", LlmConfiguration.OPENAI_BASE_URL, deadUrl)
                .testEvents()
                .assertStatistics(s -> s.succeeded(tests).failed(0));
    }

    /** The {@code "test"} of each recording in the fixture's cassette. */
    private List<String> owners(Class<?> fixture) {
        return engine().cassetteJson(fixture).path("entries").findValuesAsText("test");
    }

    @Test
    void nestedClassesKeepTheirRecordingsAndReplayThem() {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.whenUserContains("outer").reply("outer answer");
            server.whenUserContains("inner").reply("inner answer");
            server.whenUserContains("deeper").reply("deeper answer");
            record(OuterFixture.class, server, 3);
        }
        // each class its own cassette, next to the outer one, as CassetteStore documents
        assertThat(owners(OuterFixture.class)).containsExactly("OuterFixture#outer[openai:gpt-4o-mini]");
        assertThat(owners(OuterFixture.Inner.class)).containsExactly("Inner#inner[openai:gpt-4o-mini]");
        assertThat(owners(OuterFixture.Inner.Deeper.class)).containsExactly("Deeper#deeper[openai:gpt-4o-mini]");

        replayOffline(OuterFixture.class, 3);
        assertThat(ANSWERS)
                .containsOnly(
                        Map.entry("outer", "outer answer"),
                        Map.entry("inner", "inner answer"),
                        Map.entry("deeper", "deeper answer"));
    }

    @Test
    void recordModePrunesOnlyARemovedTestOfANestedClass() throws IOException {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.whenUserContains("question").reply("recorded answer");
            record(OuterFixture.class, server, 3);
        }
        // a test that was in Inner and has been deleted since: its recording is still in the file
        Path file = engine().cassette(OuterFixture.Inner.class);
        ObjectNode cassette = (ObjectNode) new ObjectMapper().readTree(file.toFile());
        ArrayNode entries = (ArrayNode) cassette.get("entries");
        entries.add(((ObjectNode) entries.get(0).deepCopy()).put("test", "Inner#removed[openai:gpt-4o-mini]"));
        Files.writeString(
                file, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(cassette));

        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.whenUserContains("question").reply("re-recorded answer");
            record(OuterFixture.class, server, 3);
        }
        assertThat(owners(OuterFixture.Inner.class)).containsExactly("Inner#inner[openai:gpt-4o-mini]");
        assertThat(owners(OuterFixture.class)).containsExactly("OuterFixture#outer[openai:gpt-4o-mini]");
        assertThat(owners(OuterFixture.Inner.Deeper.class)).containsExactly("Deeper#deeper[openai:gpt-4o-mini]");

        replayOffline(OuterFixture.class, 3);
        assertThat(ANSWERS)
                .hasSize(3)
                .allSatisfy((test, answer) -> assertThat(answer).isEqualTo("re-recorded answer"));
    }

    @Test
    void overloadedMethodsEachReplayTheirOwnAnswer() {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.whenUserContains("same").replyInTurn("first answer", "second answer");
            server.whenUserContains("single").reply("single answer");
            record(OverloadFixture.class, server, 3);
        }
        Map<String, String> recorded = Map.copyOf(ANSWERS);
        assertThat(recorded.get("same(LlmClient)")).isNotEqualTo(recorded.get("same(LlmClient, TestInfo)"));
        // only the overloads carry their parameter types; a method with one signature keeps its key
        assertThat(owners(OverloadFixture.class))
                .containsExactlyInAnyOrder(
                        "OverloadFixture#same(LlmClient)[openai:gpt-4o-mini]",
                        "OverloadFixture#same(LlmClient,TestInfo)[openai:gpt-4o-mini]",
                        "OverloadFixture#single[openai:gpt-4o-mini]");

        replayOffline(OverloadFixture.class, 3);
        assertThat(ANSWERS).isEqualTo(recorded);
    }

    @Test
    void recordingTheOverloadsDropsTheKeyTheyUsedToShare() throws IOException {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.whenUserContains("same").replyInTurn("first answer", "second answer");
            server.whenUserContains("single").reply("single answer");
            record(OverloadFixture.class, server, 3);
        }
        // the cassette as an older version wrote it: one key for both overloads
        Path file = engine().cassette(OverloadFixture.class);
        ObjectNode cassette = (ObjectNode) new ObjectMapper().readTree(file.toFile());
        ArrayNode entries = (ArrayNode) cassette.get("entries");
        for (int i = entries.size() - 1; i >= 0; i--) {
            String test = entries.get(i).path("test").asText();
            if (test.contains("TestInfo")) {
                entries.remove(i);
            } else {
                ((ObjectNode) entries.get(i)).put("test", test.replace("(LlmClient)", ""));
            }
        }
        Files.writeString(
                file, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(cassette));
        assertThat(owners(OverloadFixture.class))
                .containsExactlyInAnyOrder(
                        "OverloadFixture#same[openai:gpt-4o-mini]", "OverloadFixture#single[openai:gpt-4o-mini]");

        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.whenUserContains("same").replyInTurn("first answer", "second answer");
            server.whenUserContains("single").reply("single answer");
            record(OverloadFixture.class, server, 3);
        }
        assertThat(owners(OverloadFixture.class))
                .containsExactlyInAnyOrder(
                        "OverloadFixture#same(LlmClient)[openai:gpt-4o-mini]",
                        "OverloadFixture#same(LlmClient,TestInfo)[openai:gpt-4o-mini]",
                        "OverloadFixture#single[openai:gpt-4o-mini]");
    }
}
