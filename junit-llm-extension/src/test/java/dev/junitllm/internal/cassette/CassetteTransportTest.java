package dev.junitllm.internal.cassette;

import static dev.junitllm.internal.cassette.Fixtures.chat;
import static dev.junitllm.internal.cassette.Fixtures.chatStream;
import static dev.junitllm.internal.cassette.Fixtures.completionResponse;
import static dev.junitllm.internal.cassette.Fixtures.streamResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junitllm.CallRole;
import dev.junitllm.LlmMode;
import dev.junitllm.MissingRecordingException;
import dev.junitllm.internal.client.Exchange;
import dev.junitllm.internal.client.ExchangeResult;
import dev.junitllm.internal.client.SseEvent;
import dev.junitllm.internal.client.Transport;
import dev.junitllm.internal.redact.Redactor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CassetteTransportTest {
    private static final String CLASS = "dev.example.RefundTest";
    private static final String TEST = CLASS + "#refunds[refund-03]";

    @TempDir
    Path dir;

    MockWebServer server;
    HttpForwardingTransport live;

    @BeforeEach
    void startProvider() throws Exception {
        server = new MockWebServer();
        server.start();
        live = new HttpForwardingTransport(server.url("/v1"), "fake-key-not-a-real-key-000000");
    }

    @AfterEach
    void stopProvider() {
        server.close();
    }

    private CassetteStore store() {
        return new CassetteStore(dir, Redactor.none(), true);
    }

    private static String answer(ExchangeResult result) {
        return result.body().at("/choices/0/message/content").asText();
    }

    @Test
    void recordsThenReplaysWithTheProviderStopped() throws Exception {
        server.enqueue(completionResponse("Refunds are accepted within 30 days."));
        server.enqueue(streamResponse("Within ", "30 ", "days."));

        Cassette recording = store().cassette(CLASS);
        CassetteTransport recorder = new CassetteTransport(recording, LlmMode.RECORD, live, TEST, () -> 0);
        ExchangeResult plain = recorder.execute(chat("What is the refund window?"), e -> {});
        List<SseEvent> liveEvents = new ArrayList<>();
        ExchangeResult stream = recorder.execute(chatStream("What is the refund window?"), liveEvents::add);
        recording.close();
        server.close();

        assertThat(plain.replayed()).isFalse();
        assertThat(liveEvents).hasSize(7);
        Path file = dir.resolve("dev/example/RefundTest.json");
        assertThat(file).exists();

        AtomicInteger liveCalls = new AtomicInteger();
        Transport failing = (exchange, onEvent) -> {
            liveCalls.incrementAndGet();
            throw new AssertionError("replay must not call the provider");
        };
        Cassette replaying = store().cassette(CLASS);
        CassetteTransport replayer = new CassetteTransport(replaying, LlmMode.REPLAY, failing, TEST, () -> 0);
        ExchangeResult replayedPlain = replayer.execute(chat("What is the refund window?"), e -> {});
        List<SseEvent> replayedEvents = new ArrayList<>();
        ExchangeResult replayedStream = replayer.execute(chatStream("What is the refund window?"), replayedEvents::add);

        assertThat(liveCalls).hasValue(0);
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(replayedPlain.replayed()).isTrue();
        assertThat(replayedPlain.status()).isEqualTo(200);
        assertThat(replayedPlain.body()).isEqualTo(plain.body());
        assertThat(replayedPlain.recordedAt()).isNotNull();
        assertThat(replayedStream.replayed()).isTrue();
        assertThat(replayedStream.body()).isNull();
        assertThat(replayedEvents).isEqualTo(replayedStream.events());
        assertThat(replayedEvents).extracting(SseEvent::data).last().isEqualTo("[DONE]");
        List<JsonNode> expected = new ArrayList<>();
        liveEvents.subList(0, 6).forEach(e -> expected.add(Fixtures.json(e.data())));
        List<JsonNode> actual = new ArrayList<>();
        replayedEvents.subList(0, 6).forEach(e -> actual.add(Fixtures.json(e.data())));
        assertThat(actual).isEqualTo(expected);
        assertThat(replayedStream.timeToFirstEvent()).isNotNull();
        assertThat(stream.events()).hasSize(7);
    }

    @Test
    void repeatedSamplesReplayTheirOwnAnswersInOrder() {
        for (int i = 0; i < 5; i++) {
            server.enqueue(completionResponse("answer " + i));
        }
        AtomicInteger sample = new AtomicInteger();
        Cassette recording = store().cassette(CLASS);
        CassetteTransport recorder = new CassetteTransport(recording, LlmMode.RECORD, live, TEST, sample::get);
        for (int i = 0; i < 5; i++) {
            sample.set(i);
            assertThat(answer(recorder.execute(chat("Same question"), e -> {}))).isEqualTo("answer " + i);
        }
        recording.close();
        server.close();

        Cassette replaying = store().cassette(CLASS);
        assertThat(replaying.entries())
                .hasSize(5)
                .extracting(CassetteEntry::sample)
                .containsExactly(0, 1, 2, 3, 4);
        CassetteTransport replayer = new CassetteTransport(replaying, LlmMode.REPLAY, null, TEST, sample::get);
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sample.set(i);
            answers.add(answer(replayer.execute(chat("Same question"), e -> {})));
        }
        assertThat(answers).containsExactly("answer 0", "answer 1", "answer 2", "answer 3", "answer 4");
    }

    @Test
    void identicalCallsWithinOneSampleAreSeparateOccurrences() {
        server.enqueue(completionResponse("first"));
        server.enqueue(completionResponse("second"));
        Cassette recording = store().cassette(CLASS);
        CassetteTransport recorder = new CassetteTransport(recording, LlmMode.RECORD, live, TEST, () -> 0);
        recorder.execute(chat("Twice"), e -> {});
        recorder.execute(chat("Twice"), e -> {});
        recording.close();

        Cassette replaying = store().cassette(CLASS);
        assertThat(replaying.entries()).extracting(CassetteEntry::occurrence).containsExactlyInAnyOrder(0, 1);
        CassetteTransport replayer = new CassetteTransport(replaying, LlmMode.REPLAY, null, TEST, () -> 0);
        assertThat(answer(replayer.execute(chat("Twice"), e -> {}))).isEqualTo("first");
        assertThat(answer(replayer.execute(chat("Twice"), e -> {}))).isEqualTo("second");
        assertThatThrownBy(() -> replayer.execute(chat("Twice"), e -> {}))
                .isInstanceOf(MissingRecordingException.class)
                .hasMessageContaining("occurrence 2")
                .hasMessageContaining("only in the number of identical calls");
    }

    @Test
    void aChangedPromptMissesWithPathSummaryDifferenceAndCommand() {
        server.enqueue(completionResponse("30 days"));
        Cassette recording = store().cassette(CLASS);
        new CassetteTransport(recording, LlmMode.RECORD, live, TEST, () -> 0)
                .execute(chat("What is the refund window?"), e -> {});
        recording.close();

        CassetteTransport replayer =
                new CassetteTransport(store().cassette(CLASS), LlmMode.REPLAY, null, TEST, () -> 0);
        assertThatThrownBy(() -> replayer.execute(chat("What is the refund window for opened shoes?"), e -> {}))
                .isInstanceOf(MissingRecordingException.class)
                .hasMessageContaining("No recording in cassette [" + dir.resolve("dev/example/RefundTest.json") + "]")
                .hasMessageContaining(
                        "openai:gpt-4o-mini model /chat/completions \"What is the refund window for opened shoes?\"")
                .hasMessageContaining("test: " + TEST + ", sample 0, occurrence 0")
                .hasMessageContaining("messages[1].content: \"What is the refund window?\" recorded vs "
                        + "\"What is the refund window for opened shoes?\" now")
                .hasMessageEndingWith("Record it with:\n  mvn test -Dllm.mode=record -Dtest=RefundTest#refunds");
    }

    @Test
    void aMissingCassetteSaysSoAndAbbreviatesLongPrompts() {
        CassetteTransport replayer =
                new CassetteTransport(store().cassette(CLASS), LlmMode.REPLAY, null, TEST, () -> 0);
        String longPrompt = "Please explain ".repeat(20);
        assertThatThrownBy(() -> replayer.execute(chat(longPrompt), e -> {}))
                .isInstanceOf(MissingRecordingException.class)
                .hasMessageContaining("the cassette does not exist yet")
                .hasMessageContaining("\"Please explain Please explain")
                .hasMessageContaining("…\"")
                .hasMessageContaining("mvn test -Dllm.mode=record -Dtest=RefundTest#refunds");
        assertThat(dir.resolve("dev/example/RefundTest.json")).doesNotExist();
    }

    @Test
    void moreSamplesThanRecordedAreNamedInTheMiss() {
        server.enqueue(completionResponse("a"));
        Cassette recording = store().cassette(CLASS);
        new CassetteTransport(recording, LlmMode.RECORD, live, TEST, () -> 0).execute(chat("Q"), e -> {});
        recording.close();
        CassetteTransport replayer =
                new CassetteTransport(store().cassette(CLASS), LlmMode.REPLAY, null, TEST, () -> 3);
        assertThatThrownBy(() -> replayer.execute(chat("Q"), e -> {}))
                .hasMessageContaining("this test has recordings for samples [0] only");
    }

    @Test
    void volatileFieldsAndKeyOrderDoNotChangeTheKeyButMessageOrderDoes() {
        server.enqueue(completionResponse("ok"));
        Cassette recording = store().cassette(CLASS);
        Exchange recorded = new Exchange(Fixtures.MINI, CallRole.MODEL, "/chat/completions", Fixtures.json("""
                {"model":"gpt-4o-mini","temperature":1.0,"user":"u-1","store":true,"metadata":{"run":"1"},
                 "messages":[{"role":"system","content":"S"},{"role":"user","content":"U"}]}"""), false);
        new CassetteTransport(recording, LlmMode.RECORD, live, TEST, () -> 0).execute(recorded, e -> {});
        recording.close();

        CassetteTransport replayer =
                new CassetteTransport(store().cassette(CLASS), LlmMode.REPLAY, null, TEST, () -> 0);
        Exchange reordered =
                new Exchange(Fixtures.MINI, CallRole.MODEL, "/chat/completions", Fixtures.json("""
                {"messages":[{"content":"S","role":"system"},{"content":"U","role":"user"}],
                 "user":"u-2","temperature":1,"model":"gpt-4o-mini","store":false}"""), false);
        assertThat(answer(replayer.execute(reordered, e -> {}))).isEqualTo("ok");

        Exchange swapped = new Exchange(Fixtures.MINI, CallRole.MODEL, "/chat/completions", Fixtures.json("""
                {"model":"gpt-4o-mini","temperature":1,
                 "messages":[{"role":"user","content":"U"},{"role":"system","content":"S"}]}"""), false);
        assertThatThrownBy(() -> replayer.execute(swapped, e -> {})).isInstanceOf(MissingRecordingException.class);

        Exchange asJudge = new Exchange(Fixtures.MINI, CallRole.JUDGE, "/chat/completions", reordered.body(), false);
        assertThatThrownBy(() -> replayer.execute(asJudge, e -> {}))
                .isInstanceOf(MissingRecordingException.class)
                .hasMessageContaining("no judge recordings of this test");
    }

    @Test
    void failedLiveCallsAreNotRecordedAndARetryKeepsTheOccurrence() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(429)
                .body("{\"error\":{\"message\":\"Rate limit\",\"type\":\"rate_limit_error\"}}")
                .build());
        server.enqueue(completionResponse("after retry"));
        Cassette recording = store().cassette(CLASS);
        CassetteTransport recorder = new CassetteTransport(recording, LlmMode.RECORD, live, TEST, () -> 0);
        assertThat(recorder.execute(chat("Q"), e -> {}).status()).isEqualTo(429);
        assertThat(recording.entries()).isEmpty();
        recorder.execute(chat("Q"), e -> {});
        recording.close();

        assertThat(store().cassette(CLASS).entries()).singleElement().satisfies(entry -> {
            assertThat(entry.occurrence()).isZero();
            assertThat(entry.status()).isEqualTo(200);
        });
    }

    @Test
    void aFailedRecordingWritesNoFile() {
        server.enqueue(new MockResponse.Builder()
                .code(500)
                .body("{\"error\":{\"message\":\"boom\"}}")
                .build());
        Cassette recording = store().cassette(CLASS);
        new CassetteTransport(recording, LlmMode.RECORD, live, TEST, () -> 0).execute(chat("Q"), e -> {});
        recording.close();
        assertThat(Fixtures.filesUnder(dir)).isEmpty();
    }

    @Test
    void recordPrunesOnlyTheRecordingsOfTestsThatRan() {
        String other = CLASS + "#other";
        server.enqueue(completionResponse("old A"));
        server.enqueue(completionResponse("B"));
        Cassette first = store().cassette(CLASS);
        new CassetteTransport(first, LlmMode.RECORD, live, TEST, () -> 0).execute(chat("old prompt"), e -> {});
        new CassetteTransport(first, LlmMode.RECORD, live, other, () -> 0).execute(chat("other prompt"), e -> {});
        first.close();

        // -Dtest=RefundTest#refunds: only TEST runs, and it asks something new
        server.enqueue(completionResponse("new A"));
        Cassette second = store().cassette(CLASS);
        new CassetteTransport(second, LlmMode.RECORD, live, TEST, () -> 0).execute(chat("new prompt"), e -> {});
        second.close();

        CassetteTransport replayTest =
                new CassetteTransport(store().cassette(CLASS), LlmMode.REPLAY, null, TEST, () -> 0);
        CassetteTransport replayOther =
                new CassetteTransport(store().cassette(CLASS), LlmMode.REPLAY, null, other, () -> 0);
        assertThat(answer(replayTest.execute(chat("new prompt"), e -> {}))).isEqualTo("new A");
        assertThatThrownBy(() -> replayTest.execute(chat("old prompt"), e -> {}))
                .isInstanceOf(MissingRecordingException.class);
        assertThat(answer(replayOther.execute(chat("other prompt"), e -> {}))).isEqualTo("B");
    }

    @Test
    void reRecordingOneTestNeverChangesWhatAnotherTestReplaysForTheSameRequest() {
        String other = CLASS + "#other";
        server.enqueue(completionResponse("A1"));
        server.enqueue(completionResponse("B1"));
        Cassette first = store().cassette(CLASS);
        new CassetteTransport(first, LlmMode.RECORD, live, TEST, () -> 0).execute(chat("Hello"), e -> {});
        new CassetteTransport(first, LlmMode.RECORD, live, other, () -> 0).execute(chat("Hello"), e -> {});
        first.close();
        assertThat(store().cassette(CLASS).entries()).hasSize(2);

        server.enqueue(completionResponse("A2"));
        Cassette second = store().cassette(CLASS);
        new CassetteTransport(second, LlmMode.RECORD, live, TEST, () -> 0).execute(chat("Hello"), e -> {});
        second.close();

        Cassette replay = store().cassette(CLASS);
        assertThat(answer(new CassetteTransport(replay, LlmMode.REPLAY, null, TEST, () -> 0)
                        .execute(chat("Hello"), e -> {})))
                .isEqualTo("A2");
        assertThat(answer(new CassetteTransport(replay, LlmMode.REPLAY, null, other, () -> 0)
                        .execute(chat("Hello"), e -> {})))
                .isEqualTo("B1");
    }

    /** Stands for a test class whose method {@code gone} was renamed to {@code kept}. */
    static class RenamedFixture {
        void kept() {}
    }

    @Test
    void recordModePrunesRecordingsOfTestMethodsThatNoLongerExist() {
        server.enqueue(completionResponse("old name"));
        server.enqueue(completionResponse("kept"));
        String gone = RenamedFixture.class.getName() + "#gone";
        String kept = RenamedFixture.class.getName() + "#kept";
        String displayName = RenamedFixture.class.getName() + "#Refund window is stated";
        server.enqueue(completionResponse("display"));
        Cassette first = store().cassette(RenamedFixture.class.getName()); // by name: no pruning of orphans
        new CassetteTransport(first, LlmMode.RECORD, live, gone, () -> 0).execute(chat("Q"), e -> {});
        new CassetteTransport(first, LlmMode.RECORD, live, displayName, () -> 0).execute(chat("Q"), e -> {});
        first.close();

        Cassette replayed = store().cassette(RenamedFixture.class);
        new CassetteTransport(replayed, LlmMode.REPLAY, null, gone, () -> 0).execute(chat("Q"), e -> {});
        replayed.close();
        assertThat(store().cassette(RenamedFixture.class).entries()).hasSize(2); // replay prunes nothing

        Cassette second = store().cassette(RenamedFixture.class);
        new CassetteTransport(second, LlmMode.RECORD, live, kept, () -> 0).execute(chat("Q"), e -> {});
        second.close();
        assertThat(store().cassette(RenamedFixture.class).entries())
                .extracting(CassetteEntry::owner)
                .containsExactly(displayName, kept); // not an identifier: never judged an orphan
    }

    @Test
    void pruningCanBeSwitchedOff() {
        server.enqueue(completionResponse("old"));
        server.enqueue(completionResponse("new"));
        CassetteStore keeping = new CassetteStore(dir, Redactor.none(), false);
        Cassette first = keeping.cassette(CLASS);
        new CassetteTransport(first, LlmMode.RECORD, live, TEST, () -> 0).execute(chat("old prompt"), e -> {});
        first.close();
        Cassette second = new CassetteStore(dir, Redactor.none(), false).cassette(CLASS);
        new CassetteTransport(second, LlmMode.RECORD, live, TEST, () -> 0).execute(chat("new prompt"), e -> {});
        second.close();
        assertThat(store().cassette(CLASS).entries()).hasSize(2);
    }

    @Test
    void aTestWhoseLiveCallFailedKeepsItsOlderRecordings() {
        server.enqueue(completionResponse("one"));
        server.enqueue(completionResponse("two"));
        Cassette first = store().cassette(CLASS);
        CassetteTransport recorder = new CassetteTransport(first, LlmMode.RECORD, live, TEST, () -> 0);
        recorder.execute(chat("first"), e -> {});
        recorder.execute(chat("second"), e -> {});
        first.close();

        server.enqueue(completionResponse("one again"));
        server.enqueue(new MockResponse.Builder().code(503).body("{}").build());
        Cassette second = store().cassette(CLASS);
        CassetteTransport again = new CassetteTransport(second, LlmMode.RECORD, live, TEST, () -> 0);
        again.execute(chat("first"), e -> {});
        again.execute(chat("second"), e -> {});
        second.close();

        assertThat(store().cassette(CLASS).entries())
                .extracting(e -> e.body().at("/choices/0/message/content").asText())
                .containsExactlyInAnyOrder("one again", "two");
    }

    @Test
    void autoReplaysWhatIsRecordedAndRecordsWhatIsMissing() {
        server.enqueue(completionResponse("recorded"));
        Cassette first = store().cassette(CLASS);
        new CassetteTransport(first, LlmMode.RECORD, live, TEST, () -> 0).execute(chat("known"), e -> {});
        first.close();

        server.enqueue(completionResponse("fresh"));
        Cassette second = store().cassette(CLASS);
        CassetteTransport auto = new CassetteTransport(second, LlmMode.AUTO, live, TEST, () -> 0);
        ExchangeResult known = auto.execute(chat("known"), e -> {});
        ExchangeResult fresh = auto.execute(chat("new"), e -> {});
        second.close();

        assertThat(known.replayed()).isTrue();
        assertThat(fresh.replayed()).isFalse();
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(store().cassette(CLASS).entries()).hasSize(2);
    }

    @Test
    void liveNeverReadsOrWritesCassettes() throws Exception {
        Path file = dir.resolve("dev/example/RefundTest.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{ this is not json");
        server.enqueue(completionResponse("live"));
        Cassette cassette = store().cassette(CLASS);
        ExchangeResult result =
                new CassetteTransport(cassette, LlmMode.LIVE, live, TEST, () -> 0).execute(chat("Q"), e -> {});
        cassette.close();
        assertThat(answer(result)).isEqualTo("live");
        assertThat(file).hasContent("{ this is not json");
        assertThat(Fixtures.filesUnder(dir)).containsExactly(file);
    }

    @Test
    void modesThatCallLiveNeedALiveTransport() {
        Cassette cassette = store().cassette(CLASS);
        assertThatThrownBy(() -> new CassetteTransport(cassette, LlmMode.RECORD, null, TEST, () -> 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RECORD needs a live transport");
    }
}
