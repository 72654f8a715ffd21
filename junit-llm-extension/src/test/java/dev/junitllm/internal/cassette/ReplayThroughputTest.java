package dev.junitllm.internal.cassette;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junitllm.LlmMode;
import dev.junitllm.internal.client.ExchangeResult;
import dev.junitllm.internal.client.SseEvent;
import dev.junitllm.internal.client.Transport;
import dev.junitllm.internal.client.WireBodies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures replay speed and PRINTS it; it asserts only correctness, never timings (the machine is
 * shared). Look for the lines starting with {@code [replay-throughput]} in the test output. The
 * 10,000-case cassette runs only with {@code -Djunitllm.benchmark=true}:
 *
 * <pre>
 * mvn -o -q -pl junit-llm-extension test -Dtest=ReplayThroughputTest -Djunitllm.benchmark=true
 * </pre>
 */
class ReplayThroughputTest {
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

    private long record(int cases, int streamEvery) {
        long start = System.nanoTime();
        Cassette cassette = new CassetteStore(dir, Redactor.none(), true).cassette(CLASS);
        for (int i = 0; i < cases; i++) {
            new CassetteTransport(cassette, LlmMode.RECORD, provider, CLASS + "#cases[" + i + "]", () -> 0)
                    .execute(exchange(i, streamEvery > 0 && i % streamEvery == 0), e -> {});
        }
        cassette.close();
        return System.nanoTime() - start;
    }

    private double replayAll(int cases, int streamEvery, boolean print) {
        long loadStart = System.nanoTime();
        Cassette cassette = new CassetteStore(dir, Redactor.none(), true).cassette(CLASS);
        cassette.ensureLoaded();
        long loaded = System.nanoTime();
        int[] events = {0};
        for (int i = 0; i < cases; i++) {
            boolean stream = streamEvery > 0 && i % streamEvery == 0;
            ExchangeResult result = new CassetteTransport(
                            cassette, LlmMode.REPLAY, null, CLASS + "#cases[" + i + "]", () -> 0)
                    .execute(exchange(i, stream), e -> events[0]++);
            assertThat(result.replayed()).isTrue();
        }
        long done = System.nanoTime();
        double perSecond = cases / ((done - loaded) / 1e9);
        if (print) {
            System.out.printf(
                    "[replay-throughput] %,d cases: load %.0f ms, %,d lookups in %.0f ms = %,.0f cases/s (%,d stream events)%n",
                    cases, (loaded - loadStart) / 1e6, cases, (done - loaded) / 1e6, perSecond, events[0]);
        }
        return perSecond;
    }

    @Test
    void measuresReplayThroughputAndLoadTime() throws Exception {
        int cases = 2_000;
        long recordNanos = record(cases, 0);
        Path file = dir.resolve("dev/example/BigTest.json");
        System.out.printf(
                "[replay-throughput] recorded and wrote %,d cases in %.0f ms; cassette %,d KB%n",
                cases, recordNanos / 1e6, Files.size(file) / 1024);
        replayAll(cases, 0, true); // cold JVM
        replayAll(cases, 0, true); // warm

        if (!Boolean.getBoolean("junitllm.benchmark")) {
            System.out.println("[replay-throughput] big cassette skipped: add -Djunitllm.benchmark=true");
            return;
        }
        int big = 10_000;
        long bigRecord = record(big, 10); // every 10th case a 41-event stream
        System.out.printf(
                "[replay-throughput] big cassette: %,d cases (10%% streams), %,d KB, recorded+written in %.0f ms%n",
                big, Files.size(file) / 1024, bigRecord / 1e6);
        assertThat(replayAll(big, 10, true)).isPositive();
    }
}
