package dev.junitllm.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junitllm.BudgetExceededException;
import dev.junitllm.LlmClient;
import dev.junitllm.internal.cost.Budget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LimiterAndBudgetTest {

    @RegisterExtension
    final Fixture f = new Fixture();

    /**
     * Measures in flight per path at the server, and holds the first requests until {@code overlap} of
     * them are in flight together (a latch, not a sleep: the overlap is certain, not likely).
     */
    static final class MeasuringDispatcher extends Dispatcher {
        final CountDownLatch overlap;
        final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> maxInFlight = new ConcurrentHashMap<>();
        final AtomicInteger total = new AtomicInteger();
        final AtomicInteger maxTotal = new AtomicInteger();

        MeasuringDispatcher(int overlap) {
            this.overlap = new CountDownLatch(overlap);
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            String path = request.getUrl().encodedPath();
            int now = inFlight.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            maxInFlight.computeIfAbsent(path, p -> new AtomicInteger()).accumulateAndGet(now, Math::max);
            maxTotal.accumulateAndGet(total.incrementAndGet(), Math::max);
            try {
                overlap.countDown();
                if (!overlap.await(20, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the expected requests never were in flight together");
                }
            } finally {
                inFlight.get(path).decrementAndGet();
                total.decrementAndGet();
            }
            return Fixture.json(
                    200, path.endsWith("/messages") ? AnthropicChatTest.MESSAGE : OpenAiChatTest.COMPLETION);
        }
    }

    @Test
    void inFlightRequestsPerProviderNeverExceedTheLimit() throws Exception {
        f.config.put("llm.concurrency", "3");
        MeasuringDispatcher dispatcher = new MeasuringDispatcher(6); // 3 per provider at once
        f.server.setDispatcher(dispatcher);
        LlmClient openai = f.client("openai:gpt-4o-mini");
        LlmClient anthropic = f.client("anthropic:claude-haiku-4-5");

        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                futures.add(pool.submit(() -> openai.chat("hi")));
                futures.add(pool.submit(() -> anthropic.chat("hi")));
            }
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(f.server.getRequestCount()).isEqualTo(24);
        assertThat(dispatcher.maxInFlight.get("/v1/chat/completions").get()).isEqualTo(3);
        assertThat(dispatcher.maxInFlight.get("/v1/messages").get()).isEqualTo(3);
        assertThat(dispatcher.maxTotal.get())
                .as("each provider has its own limit")
                .isGreaterThan(3);
        assertThat(f.calls).hasSize(24);
    }

    @Test
    void requestsPerMinuteSpreadsStartsOverAMinute() {
        AtomicLong now = new AtomicLong(0);
        List<Duration> sleeps = new CopyOnWriteArrayList<>();
        ProviderLimiter limiter = new ProviderLimiter(8, 2, now::get, d -> {
            sleeps.add(d);
            now.addAndGet(d.toNanos());
        });

        limiter.acquire("a");
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        limiter.acquire("b");
        limiter.acquire("c"); // the window holds a (t=0) and b (t=10s): wait until a leaves at t=60s

        assertThat(sleeps).containsExactly(Duration.ofSeconds(50));
        assertThat(now.get()).isEqualTo(Duration.ofSeconds(60).toNanos());
    }

    @Test
    void noRequestLeavesOnceTheBudgetIsSpent() {
        // each call costs 0.000240 USD (see OpenAiChatTest); a cap of 0.0003 lets two through
        f.budget = Budget.ofUsd(0.0003);
        for (int i = 0; i < 5; i++) {
            f.enqueueJson(OpenAiChatTest.COMPLETION);
        }
        LlmClient llm = f.client("openai:gpt-4o-mini");

        llm.chat("one");
        llm.chat("two"); // sent: spend before it was 0.00024 < 0.0003
        assertThatThrownBy(() -> llm.chat("three"))
                .isInstanceOf(BudgetExceededException.class)
                .hasMessageContaining("spent $0.000480")
                .hasMessageContaining("llm.budget.usd=0.0003");
        assertThatThrownBy(() -> llm.chatStream(dev.junitllm.LlmRequest.ofUser("four"), d -> {}))
                .isInstanceOf(BudgetExceededException.class);

        assertThat(f.server.getRequestCount()).isEqualTo(2);
        assertThat(f.calls).hasSize(4);
        assertThat(f.calls.get(2).error()).contains("Budget reached");
    }

    @Test
    void theBudgetIsCheckedBeforeEveryRetryToo() {
        f.budget = Budget.ofUsd(0.0001);
        f.server.enqueue(RetryTest.status(503, "{}", "retry-after", "1"));
        f.enqueueJson(OpenAiChatTest.COMPLETION);
        // another test of the run spends the rest of the budget while this call waits to retry
        f.onSleep = () -> f.budget.add(0.001);

        assertThatThrownBy(() -> f.client("openai:gpt-4o-mini").chat("x")).isInstanceOf(BudgetExceededException.class);
        assertThat(f.server.getRequestCount()).isEqualTo(1);
    }
}
