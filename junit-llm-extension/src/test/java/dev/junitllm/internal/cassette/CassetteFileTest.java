package dev.junitllm.internal.cassette;

import static dev.junitllm.internal.cassette.Fixtures.chat;
import static dev.junitllm.internal.cassette.Fixtures.chatStream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junitllm.LlmMode;
import dev.junitllm.internal.client.ExchangeResult;
import dev.junitllm.internal.client.SseEvent;
import dev.junitllm.internal.client.Transport;
import dev.junitllm.internal.client.WireBodies;
import dev.junitllm.internal.redact.Redactor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CassetteFileTest {
    private static final String CLASS = "dev.example.RefundTest";
    private static final String TEST = CLASS + "#refunds[refund-03]";
    private static final Instant RECORDED = Instant.parse("2026-11-27T14:00:00Z");

    @TempDir
    Path dir;

    private final AtomicInteger liveCalls = new AtomicInteger();

    /** An in-memory provider: answers "echo: <last user text>", streams three events. */
    private final Transport provider = (exchange, onEvent) -> {
        liveCalls.incrementAndGet();
        String user = WireBodies.lastUserText(exchange.body());
        if (exchange.streaming()) {
            List<SseEvent> events = List.of(
                    new SseEvent(
                            null,
                            "{\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"delta\":{\"content\":\"echo\"}}]}"),
                    new SseEvent(null, "{\"choices\":[{\"delta\":{\"content\":\": " + user + "\"}}]}"),
                    new SseEvent(null, "[DONE]"));
            events.forEach(onEvent);
            return new ExchangeResult(
                    200, null, events, "req_1", Duration.ofMillis(40), Duration.ofMillis(7), RECORDED, false);
        }
        return new ExchangeResult(
                200,
                Fixtures.json(Fixtures.completion("echo: " + user)),
                List.of(),
                "req_1",
                Duration.ofMillis(812),
                null,
                RECORDED,
                false);
    };

    private Path file() {
        return dir.resolve("dev/example/RefundTest.json");
    }

    private Cassette record(Function<CassetteTransport, Object> calls) {
        Cassette cassette = new CassetteStore(dir, Redactor.none(), true).cassette(CLASS);
        calls.apply(new CassetteTransport(cassette, LlmMode.RECORD, provider, TEST, () -> 0));
        cassette.close();
        return cassette;
    }

    @Test
    void writesPrettyLeanStableJsonWithStreamDataAsJson() throws Exception {
        record(t -> {
            t.execute(chat("Hi"), e -> {});
            return t.execute(chatStream("Hi"), e -> {});
        });
        String text = Files.readString(file());

        assertThat(text)
                .startsWith("{\n  \"version\": 1,\n  \"testClass\": \"dev.example.RefundTest\",\n  \"entries\": [\n");
        assertThat(text).endsWith("  ]\n}\n");
        assertThat(text)
                .contains(
                        "\"test\": \"" + TEST + "\"",
                        "\"role\": \"model\"",
                        "\"sample\": 0",
                        "\"occurrence\": 0",
                        "\"provider\": \"openai\"",
                        "\"path\": \"/chat/completions\"",
                        "\"model\": \"gpt-4o-mini\"",
                        "\"providerModel\": \"gpt-4o-mini-2024-07-18\"",
                        "\"recordedAt\": \"2026-11-27T14:00:00Z\"",
                        "\"latencyMs\": 812",
                        "\"ttftMs\": 7");
        assertThat(text).contains("\n        {\"data\":\"[DONE]\"}\n      ]");
        assertThat(text)
                .contains(
                        "\n        {\"data\":{\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"delta\":{\"content\":\"echo\"}}]}},\n");
        assertThat(text).contains("\"message\": {\n"); // bodies are pretty
        assertThat(text).contains("\"response\": {\n", "\"status\": 200");
        assertThat(text).doesNotContain("\\\"choices\\\""); // stream data is JSON, not an escaped string
        assertThat(text).doesNotContain("\r");

        JsonNode root = Fixtures.MAPPER.readTree(text);
        JsonNode request = root.at("/entries/0/request");
        List<String> names = new java.util.ArrayList<>();
        request.fieldNames().forEachRemaining(names::add);
        assertThat(names).isSorted().contains("messages", "model", "stream", "temperature");
        assertThat(text).contains("\"include_usage\": true").doesNotContain("include_obfuscation");

        // the same recordings written again give the same bytes
        record(t -> {
            t.execute(chat("Hi"), e -> {});
            return t.execute(chatStream("Hi"), e -> {});
        });
        assertThat(Files.readString(file())).isEqualTo(text);
    }

    @Test
    void entriesAreSortedByTestSampleAndKey() throws Exception {
        Cassette cassette = new CassetteStore(dir, Redactor.none(), true).cassette(CLASS);
        AtomicInteger sample = new AtomicInteger();
        for (String test : List.of(CLASS + "#zeta", CLASS + "#alpha")) {
            CassetteTransport transport = new CassetteTransport(cassette, LlmMode.RECORD, provider, test, sample::get);
            for (int s = 2; s >= 0; s--) {
                sample.set(s);
                transport.execute(chat("b" + s), e -> {});
                transport.execute(chat("a" + s), e -> {});
            }
        }
        cassette.close();

        JsonNode entries = Fixtures.MAPPER.readTree(file().toFile()).get("entries");
        assertThat(entries).hasSize(12);
        for (int i = 1; i < entries.size(); i++) {
            JsonNode a = entries.get(i - 1);
            JsonNode b = entries.get(i);
            String left = a.get("test").asText() + "/" + a.get("sample").asInt() + "/"
                    + a.get("key").asText();
            String right = b.get("test").asText() + "/" + b.get("sample").asInt() + "/"
                    + b.get("key").asText();
            assertThat(left).isLessThan(right);
        }
        assertThat(entries.get(0).get("test").asText()).endsWith("#alpha");
    }

    @Test
    void leavesNoTemporaryFilesAndDeletesACassetteThatBecameEmpty() {
        record(t -> t.execute(chat("Hi"), e -> {}));
        assertThat(Fixtures.filesUnder(dir)).containsExactly(file());

        record(t -> "no calls this time");
        assertThat(Fixtures.filesUnder(dir)).isEmpty();
    }

    @Test
    void replayDoesNotRewriteTheFile() throws Exception {
        record(t -> t.execute(chat("Hi"), e -> {}));
        Files.setLastModifiedTime(file(), java.nio.file.attribute.FileTime.from(RECORDED));
        Cassette cassette = new CassetteStore(dir, Redactor.none(), true).cassette(CLASS);
        new CassetteTransport(cassette, LlmMode.REPLAY, null, TEST, () -> 0).execute(chat("Hi"), e -> {});
        cassette.close();
        assertThat(Files.getLastModifiedTime(file()).toInstant()).isEqualTo(RECORDED);
    }

    @Test
    void aHandEditedRequestIsMatchedByItsNewContent() throws Exception {
        record(t -> t.execute(chat("Hi"), e -> {}));
        Files.writeString(file(), Files.readString(file()).replace("\"content\": \"Hi\"", "\"content\": \"Hello\""));
        Cassette cassette = new CassetteStore(dir, Redactor.none(), true).cassette(CLASS);
        ExchangeResult result =
                new CassetteTransport(cassette, LlmMode.REPLAY, null, TEST, () -> 0).execute(chat("Hello"), e -> {});
        assertThat(result.body().at("/choices/0/message/content").asText()).isEqualTo("echo: Hi");
    }

    @Test
    void closeLetsGoOfTheRecordingsAndALaterUseReadsTheFileAgain() throws Exception {
        Cassette cassette = record(t -> t.execute(chat("Hi"), e -> {}));
        Files.writeString(file(), Files.readString(file()).replace("echo: Hi", "edited on disk"));
        ExchangeResult result =
                new CassetteTransport(cassette, LlmMode.REPLAY, null, TEST, () -> 0).execute(chat("Hi"), e -> {});
        assertThat(result.body().at("/choices/0/message/content").asText()).isEqualTo("edited on disk");
        cassette.close();
        assertThat(Files.readString(file())).contains("edited on disk");
    }

    @Test
    void aFailedWriteIsReportedAndRetriedOnTheNextFlush() throws Exception {
        Path root = dir.resolve("blocked-root");
        Cassette cassette = new CassetteStore(root, Redactor.none(), true).cassette(CLASS);
        new CassetteTransport(cassette, LlmMode.AUTO, provider, TEST, () -> 0).execute(chat("two"), e -> {});
        // a file where the cassette's folder must go makes the write fail, whoever runs the test
        Files.createDirectories(root.resolve("dev"));
        Path obstacle = root.resolve("dev/example");
        Files.writeString(obstacle, "a file where a folder should be");
        assertThatThrownBy(cassette::flush)
                .isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageContaining("Cannot write cassette [" + root.resolve("dev/example/RefundTest.json") + "]");

        Files.delete(obstacle);
        cassette.flush();
        assertThat(Files.readString(root.resolve("dev/example/RefundTest.json")))
                .contains("echo: two");
    }

    @Test
    void flushAllWritesEveryCassetteWithSomethingNew() {
        CassetteStore store = new CassetteStore(dir, Redactor.none(), true);
        for (String name : List.of("dev.example.A", "dev.example.B")) {
            new CassetteTransport(store.cassette(name), LlmMode.RECORD, provider, name + "#t", () -> 0)
                    .execute(chat("Hi"), e -> {});
        }
        store.cassette("dev.example.C"); // never used: no file
        store.flushAll();
        assertThat(Fixtures.filesUnder(dir))
                .containsExactlyInAnyOrder(dir.resolve("dev/example/A.json"), dir.resolve("dev/example/B.json"));
    }

    // ------------------------------------------------------------------ corruption

    private void writeCassette(String text) throws Exception {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), text, StandardCharsets.UTF_8);
    }

    private String validCassette() throws Exception {
        record(t -> {
            t.execute(chat("one"), e -> {});
            return t.execute(chat("two"), e -> {});
        });
        return Files.readString(file());
    }

    private void assertReplayFails(String... expected) {
        Cassette cassette = new CassetteStore(dir, Redactor.none(), true).cassette(CLASS);
        CassetteTransport replayer = new CassetteTransport(cassette, LlmMode.REPLAY, null, TEST, () -> 0);
        assertThatThrownBy(() -> replayer.execute(chat("one"), e -> {}))
                .isInstanceOf(CorruptCassetteException.class)
                .hasMessageStartingWith("Corrupted cassette [" + file())
                .hasMessageContainingAll(expected)
                .hasMessageContaining("fix it (e.g. resolve a merge), or delete it and re-record with: "
                        + "mvn test -Dllm.mode=record -Dtest=RefundTest");
    }

    @Test
    void invalidJsonFailsWithLineAndColumn() throws Exception {
        String text = validCassette();
        String[] lines = text.split("\n", -1);
        lines[5] = lines[5].replace(",", ""); // "test": ... line loses its comma
        writeCassette(String.join("\n", lines));
        assertReplayFails(file() + ":7:", "not valid JSON", "(line 7, column");
    }

    @Test
    void aTruncatedCassetteFailsWithItsEnd() throws Exception {
        String text = validCassette();
        String truncated = text.substring(0, text.length() / 2);
        writeCassette(truncated);
        int lastLine = truncated.split("\n", -1).length;
        assertReplayFails("not valid JSON", "(line " + lastLine + ", column");
    }

    @Test
    void anEmptyCassetteIsCorrupt() throws Exception {
        writeCassette("");
        assertReplayFails("the file is empty");
    }

    @Test
    void mergeConflictMarkersAreReportedWhereTheyAre() throws Exception {
        String text = validCassette();
        writeCassette(text.replaceFirst("\n  \"entries\"", "\n<<<<<<< HEAD\n  \"entries\""));
        assertReplayFails(file() + ":4:1", "not valid JSON");
    }

    @Test
    void anEntryWithoutItsRequestIsReportedAtTheEntry() throws Exception {
        String text = validCassette();
        JsonNode root = Fixtures.MAPPER.readTree(text);
        ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("entries").get(1)).remove("request");
        String broken = text.substring(0, text.indexOf("},\n    {") + 3) + "    "
                + Fixtures.MAPPER.writeValueAsString(root.get("entries").get(1)) + "\n  ]\n}\n";
        int secondEntryLine =
                broken.substring(0, broken.lastIndexOf("\n    {") + 1).split("\n").length + 1;
        writeCassette(broken);
        assertReplayFails("entries[1]: missing object field \"request\"", ":" + secondEntryLine + ":5");
    }

    @Test
    void wrongShapesAreNamed() throws Exception {
        writeCassette("[]");
        assertReplayFails("expected a JSON object at the top", ":1:1");
        writeCassette("{\"version\": 2, \"entries\": []}");
        assertReplayFails("unsupported \"version\" 2");
        writeCassette("{\"version\": 1}");
        assertReplayFails("missing \"entries\"");
        writeCassette("{\"version\": 1, \"entries\": [{\"key\": \"k\", \"test\": \"t\", \"role\": \"boss\"}]}");
        assertReplayFails("entries[0]: \"role\" must be \"model\" or \"judge\", was \"boss\"", ":1:28");
        writeCassette("{\"version\": 1, \"entries\": {}}");
        assertReplayFails("\"entries\" must be an array");
    }

    @Test
    void duplicateRecordingsFromABadMergeAreRejected() throws Exception {
        String text = validCassette();
        JsonNode first = Fixtures.MAPPER.readTree(text).get("entries").get(0);
        String entry = Fixtures.MAPPER.writeValueAsString(first);
        writeCassette("{\"version\": 1,\n\"entries\": [\n" + entry + ",\n" + entry + "\n]}");
        assertReplayFails("entries[1] records the same request as the entry at line 3", ":4:1");
    }

    @Test
    void aDuplicateJsonKeyFromABadMergeIsRejectedAndNeverOverwritten() throws Exception {
        String text = validCassette();
        String[] lines = text.split("\n", -1);
        int modelLine = 0;
        while (!lines[modelLine].strip().startsWith("\"model\": ")) {
            modelLine++;
        }
        lines[modelLine] = lines[modelLine] + "\n" + lines[modelLine].replace("gpt-4o-mini", "gpt-4o");
        String merged = String.join("\n", lines);
        writeCassette(merged);
        assertReplayFails(file() + ":" + (modelLine + 2) + ":", "duplicate key \"model\"");

        assertThatThrownBy(() -> record(t -> t.execute(chat("one"), e -> {})))
                .isInstanceOf(CorruptCassetteException.class);
        assertThat(Files.readString(file())).isEqualTo(merged);
    }

    @Test
    void invalidUtf8IsReportedWithLineColumnAndARemedy() throws Exception {
        String text = validCassette();
        int line = text.substring(0, text.indexOf("echo: one")).split("\n", -1).length;
        byte[] bytes = text.replace("echo: one", "echo: \u0001ne").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 1) {
                bytes[i] = (byte) 0xFF; // never valid in UTF-8
            }
        }
        Files.write(file(), bytes);
        assertReplayFails(file() + ":" + line + ":", "not valid UTF-8", "save it as UTF-8");
    }

    @Test
    void staleTemporaryFilesOfOursAreCleanedUpAndNothingElse() throws Exception {
        record(t -> t.execute(chat("one"), e -> {}));
        Path folder = file().getParent();
        java.nio.file.attribute.FileTime hourAgo =
                java.nio.file.attribute.FileTime.from(Instant.now().minusSeconds(3600));
        java.nio.file.attribute.FileTime later =
                java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(3600));
        Path stale = Files.writeString(folder.resolve(".RefundTest.json.8412377716.tmp"), "{\"half");
        Path running = Files.writeString(folder.resolve(".RefundTest.json.99.tmp"), "{\"being written");
        Path otherCassettes = Files.writeString(folder.resolve(".OtherTest.json.1234.tmp"), "x");
        Path usersBackup = Files.writeString(folder.resolve(".RefundTest.json.backup.tmp"), "mine");
        Path usersFile = Files.writeString(folder.resolve("RefundTest.json.1234.tmp"), "mine");
        for (Path old : List.of(stale, otherCassettes, usersBackup, usersFile)) {
            Files.setLastModifiedTime(old, hourAgo);
        }
        Files.setLastModifiedTime(running, later);

        record(t -> t.execute(chat("two"), e -> {}));

        assertThat(Fixtures.filesUnder(dir))
                .containsExactlyInAnyOrder(file(), running, otherCassettes, usersBackup, usersFile);
    }

    @Test
    void aBodyOverTwentyMillionCharactersReplays() throws Exception {
        String text = validCassette();
        String huge = "x".repeat(21_000_000);
        writeCassette(text.replace("echo: one", huge));
        Cassette cassette = new CassetteStore(dir, Redactor.none(), true).cassette(CLASS);
        ExchangeResult result =
                new CassetteTransport(cassette, LlmMode.REPLAY, null, TEST, () -> 0).execute(chat("one"), e -> {});
        assertThat(result.body().at("/choices/0/message/content").textValue()).hasSize(21_000_000);
    }

    @Test
    void aValueBeyondTheReadingLimitsIsNamedWithTheLimitAndWhere() throws Exception {
        String text = validCassette();
        com.fasterxml.jackson.databind.node.ObjectNode first = (com.fasterxml.jackson.databind.node.ObjectNode)
                Fixtures.MAPPER.readTree(text).get("entries").get(0);
        ((com.fasterxml.jackson.databind.node.ObjectNode) first.get("response")).put("body", "DEEP");
        String entry =
                Fixtures.MAPPER.writeValueAsString(first).replace("\"DEEP\"", "[".repeat(1001) + "]".repeat(1001));
        writeCassette("{\"version\": 1,\n\"entries\": [\n" + entry + "\n]}");
        assertReplayFails(file() + ":3:", "junit-llm reads cassettes with", "nesting depth up to 1,000");
    }

    @Test
    void recordModeRefusesToOverwriteACorruptedCassetteAndSpendsNothing() throws Exception {
        String text = validCassette();
        String truncated = text.substring(0, text.length() - 40);
        writeCassette(truncated);
        liveCalls.set(0);

        Cassette cassette = new CassetteStore(dir, Redactor.none(), true).cassette(CLASS);
        CassetteTransport recorder = new CassetteTransport(cassette, LlmMode.RECORD, provider, TEST, () -> 0);
        assertThatThrownBy(() -> recorder.execute(chat("one"), e -> {}))
                .isInstanceOf(CorruptCassetteException.class)
                .hasMessageContaining(file().toString())
                .hasMessageContaining("It is left untouched: fix it");
        assertThatThrownBy(() -> recorder.execute(chat("two"), e -> {})).isInstanceOf(CorruptCassetteException.class);
        cassette.close();

        assertThat(liveCalls).hasValue(0);
        assertThat(Files.readString(file())).isEqualTo(truncated);
        assertThat(Fixtures.filesUnder(dir)).containsExactly(file());
    }

    @Test
    void nestedClassesGetTheirOwnFileNextToTheOuterOne() {
        CassetteStore store = new CassetteStore(dir, Redactor.none(), true);
        assertThat(store.pathFor("dev.example.RefundTest$Shoes"))
                .isEqualTo(dir.resolve("dev/example/RefundTest.Shoes.json"));
        assertThat(store.pathFor("NoPackageTest")).isEqualTo(dir.resolve("NoPackageTest.json"));
        assertThat(store.cassette(CLASS)).isSameAs(store.cassette(CLASS));
        assertThat(store.cassette("dev.example.RefundTest$Shoes").recordCommand("dev.example.RefundTest$Shoes#m()"))
                .isEqualTo("mvn test -Dllm.mode=record -Dtest='RefundTest$Shoes#m'");
    }

    @Test
    void configurationIsReadAndBadValuesAreNamed() {
        CassetteStore store = CassetteStore.fromConfiguration(
                key -> key.equals("llm.cassettes.dir")
                        ? java.util.Optional.of(dir.toString())
                        : java.util.Optional.empty(),
                java.util.Map.of());
        assertThat(store.pathFor(CLASS)).isEqualTo(file());
        assertThat(CassetteStore.fromConfiguration(k -> java.util.Optional.empty(), java.util.Map.of())
                        .pathFor(CLASS))
                .isEqualTo(Path.of("src/test/resources/llm-cassettes/dev/example/RefundTest.json"));
        assertThatThrownBy(() -> CassetteStore.fromConfiguration(
                        key -> key.equals("llm.cassettes.prune")
                                ? java.util.Optional.of("maybe")
                                : java.util.Optional.empty(),
                        java.util.Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "Invalid value [maybe] for configuration parameter [llm.cassettes.prune]: allowed are true, false");
    }
}
