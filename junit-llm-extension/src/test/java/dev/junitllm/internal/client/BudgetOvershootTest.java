package dev.junitllm.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junitllm.BudgetExceededException;
import dev.junitllm.CallRole;
import dev.junitllm.LlmClient;
import dev.junitllm.ModelId;
import dev.junitllm.internal.cost.Budget;
import dev.junitllm.internal.cost.PriceTable;
import dev.junitllm.testkit.ScriptedLlmServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A capped run overshoots by at most {@code llm.concurrency} calls, however many JUnit threads call. */
class BudgetOvershootTest {
    private static final int THREADS = 64;
    private static final int CONCURRENCY = 4;

    @Test
    void sixtyFourThreadsSendAtMostConcurrencyCallsPastTheCap() throws Exception {
        // the first CONCURRENCY requests are held at the server until all of them are in flight together
        CountDownLatch firstWave = new CountDownLatch(CONCURRENCY);
        CountDownLatch allWaiting = new CountDownLatch(THREADS);
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.when(request -> {
                        firstWave.countDown();
                        try {
                            firstWave.await(20, TimeUnit.SECONDS);
                            // and only answered once every thread has asked, so all of them compete
                            allWaiting.await(20, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return true;
                    })
                    .reply("word ".repeat(300)); // ~390 output tokens: $0.00023 each with gpt-4o-mini, over the cap
            Budget budget = Budget.ofUsd(0.0001);
            Map<String, String> config = Map.of(
                    "llm.openai.base-url", server.openAiBaseUrl(), "llm.concurrency", String.valueOf(CONCURRENCY));
            try (HttpTransport transport = new HttpTransport(
                    HttpTransportConfig.from(
                            k -> Optional.ofNullable(config.get(k)),
                            name -> name.endsWith("_API_KEY") ? "fake-key-12345678" : null),
                    budget)) {
                LlmClient llm = LlmClients.create(
                        ModelId.parse("openai:gpt-4o-mini"),
                        CallRole.MODEL,
                        transport,
                        PriceTable.bundled(),
                        budget,
                        call -> {});
                ExecutorService pool = Executors.newFixedThreadPool(THREADS);
                List<Future<?>> futures = new ArrayList<>();
                try {
                    for (int i = 0; i < THREADS; i++) {
                        futures.add(pool.submit(() -> {
                            allWaiting.countDown();
                            return llm.chat("hi");
                        }));
                    }
                    int refused = 0;
                    for (Future<?> future : futures) {
                        try {
                            future.get(60, TimeUnit.SECONDS);
                        } catch (ExecutionException e) {
                            assertThat(e.getCause()).isInstanceOf(BudgetExceededException.class);
                            refused++;
                        }
                    }
                    assertThat(server.requestCount())
                            .as("calls sent with a $0.0001 cap, llm.concurrency=4 and 64 threads")
                            .isEqualTo(CONCURRENCY);
                    assertThat(refused).isEqualTo(THREADS - CONCURRENCY);
                    assertThat(budget.spentUsd()).isGreaterThan(0.0001);
                } finally {
                    pool.shutdownNow();
                }
            }
        }
    }
}
