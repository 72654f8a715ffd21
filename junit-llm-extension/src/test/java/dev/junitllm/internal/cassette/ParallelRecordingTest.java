package dev.junitllm.internal.cassette;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junitllm.LlmMode;
import dev.junitllm.internal.client.ExchangeResult;
import dev.junitllm.internal.client.Transport;
import dev.junitllm.internal.client.WireBodies;
import dev.junitllm.internal.redact.Redactor;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelRecordingTest {
    private static final String CLASS = "dev.example.ParallelTest";
    private static final int CASES = 50;
    private static final int SAMPLES = 3;

    @TempDir
    Path dir;

    /** Answers with the user text, after a short pause so that calls overlap. */
    private final Transport provider = (exchange, onEvent) -> {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String user = WireBodies.lastUserText(exchange.body());
        return new ExchangeResult(
                200,
                Fixtures.json(Fixtures.completion("answer to " + user)),
                List.of(),
                null,
                Duration.ofMillis(2),
                null,
                Instant.now(),
                false);
    };

    @Test
    void fiftyCasesRecordingIntoOneCassetteAtOnceLoseNothing() throws Exception {
        Cassette cassette = new CassetteStore(dir, Redactor.none(), true).cassette(CLASS);
        ExecutorService pool = Executors.newFixedThreadPool(CASES);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            String testId = CLASS + "#cases[case-" + i + "]";
            String question = "question " + i;
            futures.add(pool.submit(() -> {
                start.await();
                int[] sample = {0};
                CassetteTransport transport =
                        new CassetteTransport(cassette, LlmMode.RECORD, provider, testId, () -> sample[0]);
                for (sample[0] = 0; sample[0] < SAMPLES; sample[0]++) {
                    transport.execute(Fixtures.chat(question), e -> {});
                    transport.execute(Fixtures.chat(question), e -> {}); // a second identical call
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        cassette.close();

        Cassette reloaded = new CassetteStore(dir, Redactor.none(), true).cassette(CLASS);
        assertThat(reloaded.entries()).hasSize(CASES * SAMPLES * 2);
        for (int i = 0; i < CASES; i++) {
            int[] sample = {0};
            CassetteTransport replay = new CassetteTransport(
                    reloaded, LlmMode.REPLAY, null, CLASS + "#cases[case-" + i + "]", () -> sample[0]);
            for (sample[0] = 0; sample[0] < SAMPLES; sample[0]++) {
                for (int call = 0; call < 2; call++) {
                    ExchangeResult result = replay.execute(Fixtures.chat("question " + i), e -> {});
                    assertThat(result.body().at("/choices/0/message/content").asText())
                            .isEqualTo("answer to question " + i);
                }
            }
        }
        assertThat(Fixtures.filesUnder(dir)).hasSize(1);
    }

    @Test
    void parallelReplayLoadsTheCassetteOnce() throws Exception {
        Cassette recording = new CassetteStore(dir, Redactor.none(), true).cassette(CLASS);
        for (int i = 0; i < CASES; i++) {
            new CassetteTransport(recording, LlmMode.RECORD, provider, CLASS + "#c" + i, () -> 0)
                    .execute(Fixtures.chat("q" + i), e -> {});
        }
        recording.close();

        Cassette cassette = new CassetteStore(dir, Redactor.none(), true).cassette(CLASS);
        ExecutorService pool = Executors.newFixedThreadPool(CASES);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            int n = i;
            answers.add(pool.submit(() -> {
                start.await();
                return new CassetteTransport(cassette, LlmMode.REPLAY, null, CLASS + "#c" + n, () -> 0)
                        .execute(Fixtures.chat("q" + n), e -> {})
                        .body()
                        .at("/choices/0/message/content")
                        .asText();
            }));
        }
        start.countDown();
        for (int i = 0; i < CASES; i++) {
            assertThat(answers.get(i).get()).isEqualTo("answer to q" + i);
        }
        pool.shutdown();
    }
}
