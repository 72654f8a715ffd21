package dev.junitllm.internal.cassette;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junitllm.LlmMode;
import dev.junitllm.internal.client.ExchangeResult;
import dev.junitllm.internal.client.SseEvent;
import dev.junitllm.internal.client.Transport;
import dev.junitllm.internal.client.WireBodies;
import dev.junitllm.internal.redact.Redactor;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cassette of a large dataset test, written and read back: every case replays its own answer, and
 * streams replay their events in order. Speed is measured by {@code benchmarks/} (ReplayBenchmark),
 * not here: the unit suite runs on shared machines and asserts behaviour only.
 */
class LargeCassetteReplayTest {
    private static final String CLASS = "dev.example.BigTest";
    private static final String SYSTEM = "You are a support agent for an online shop. ".repeat(12);

    @TempDir
    Path dir;

    private static String question(int i) {
        return "Customer " + i + " asks: can I return an opened item after " + (i % 60) + " days?";
    }

    /** A provider whose plain answers look like real ones and whose streams have 40 chunks. */
    private final Transport provider = (exchange, onEvent) -> {
        String user = WireBodies.lastUserText(exchange.body());
        if (exchange.streaming()) {
            List<SseEvent> events = new ArrayList<>();
            for (int t = 0; t < 40; t++) {
                events.add(new SseEvent(
                        null,
                        "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o-mini\","
                                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"token" + t
                                + " \"},\"finish_reason\":null}]}"));
            }
            events.add(new SseEvent(null, "[DONE]"));
            events.forEach(onEvent);
            return new ExchangeResult(
                    200, null, events, null, Duration.ofMillis(900), Duration.ofMillis(200), Instant.now(), false);
        }
        return new ExchangeResult(
                200,
                Fixtures.json(
                        Fixtures.completion("Regarding '" + user + "': opened items can be returned within 30 days "
                                + "of delivery when they are unused and in their original packaging.")),
                List.of(),
                null,
                Duration.ofMillis(800),
                null,
                Instant.now(),
                false);
    };

    private static dev.junitllm.internal.client.Exchange exchange(int i, boolean stream) {
        com.fasterxml.jackson.databind.node.ObjectNode body = Fixtures.chatBody(question(i), stream);
        ((com.fasterxml.jackson.databind.node.ObjectNode) body.get("messages").get(0)).put("content", SYSTEM);
        return new dev.junitllm.internal.client.Exchange(
                Fixtures.MINI, dev.junitllm.CallRole.MODEL, "/chat/completions", body, stream);
    }

    private void record(int cases, int streamEvery) {
        Cassette cassette = new CassetteStore(dir, Redactor.none(), true).cassette(CLASS);
        for (int i = 0; i < cases; i++) {
            new CassetteTransport(cassette, LlmMode.RECORD, provider, CLASS + "#cases[" + i + "]", () -> 0)
                    .execute(exchange(i, streamEvery > 0 && i % streamEvery == 0), e -> {});
        }
        cassette.close();
    }

    @Test
    void everyCaseOfALargeCassetteReplaysItsOwnAnswer() {
        int cases = 2_000;
        record(cases, 10); // every 10th case a 41-event stream
        assertThat(dir.resolve("dev/example/BigTest.json")).isRegularFile();

        Cassette cassette = new CassetteStore(dir, Redactor.none(), true).cassette(CLASS);
        assertThat(cassette.entries()).hasSize(cases);
        for (int i = 0; i < cases; i++) {
            boolean stream = i % 10 == 0;
            List<SseEvent> events = new ArrayList<>();
            ExchangeResult result = new CassetteTransport(
                            cassette, LlmMode.REPLAY, null, CLASS + "#cases[" + i + "]", () -> 0)
                    .execute(exchange(i, stream), events::add);
            assertThat(result.replayed()).isTrue();
            if (stream) {
                assertThat(events).hasSize(41);
                assertThat(events.get(7).data()).contains("token7 ");
                assertThat(events.get(40).data()).isEqualTo("[DONE]");
            } else {
                assertThat(events).isEmpty();
                assertThat(result.body().at("/choices/0/message/content").asText())
                        .startsWith("Regarding '" + question(i) + "'");
            }
        }
    }
}
