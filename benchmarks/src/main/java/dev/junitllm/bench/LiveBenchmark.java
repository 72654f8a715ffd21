package dev.junitllm.bench;

import dev.junitllm.LlmConfiguration;
import dev.junitllm.scripted.ScriptedLlmServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Live concurrency: every call takes 200 ms at the scripted server; with {@code llm.concurrency=16}
 * and JUnit's parallel execution, a dataset's cases should run 16 at a time. Target: wall time of the
 * test phase at most 1.05 × {@code cases × 0.2 s / 16}, and never more than 16 requests in flight.
 */
final class LiveBenchmark {
    static final int CONCURRENCY = 16;
    static final Duration LATENCY = Duration.ofMillis(200);
    static final double TARGET_RATIO = 1.05;

    private final Path work;
    private final Table table;

    LiveBenchmark(Path work, Table table) {
        this.work = work;
        this.table = table;
    }

    /**
     * JUnit 5.14's fork-join executor: 16 workers run the 16 concurrent case invocations. The
     * template's own invocation thread only hands out invocations and joins them, and the gate
     * invocation waits as a managed blocker, so neither takes a slot from the cases.
     */
    static Map<String, String> parallel(int parallelism) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("junit.jupiter.execution.parallel.enabled", "true");
        p.put("junit.jupiter.execution.parallel.mode.default", "concurrent");
        p.put("junit.jupiter.execution.parallel.mode.classes.default", "concurrent");
        p.put("junit.jupiter.execution.parallel.config.strategy", "fixed");
        p.put("junit.jupiter.execution.parallel.config.fixed.parallelism", Integer.toString(parallelism));
        return p;
    }

    void run() {
        BenchData.write(work, BenchData.LIVE, BenchData.LIVE_ROWS);
        Path results = work.resolve("results-live");
        int parallelism = Integer.getInteger("bench.live.parallelism", CONCURRENCY);
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.whenAnyRequest().delay(LATENCY).reply(BenchData.answer(7));
            PlatformRun live = new PlatformRun()
                    .with(LlmConfiguration.MODE, "live")
                    .with(LlmConfiguration.CONCURRENCY, Integer.toString(CONCURRENCY))
                    .with(LlmConfiguration.RESULTS_DIR, results.toString())
                    .with(LlmConfiguration.OPENAI_BASE_URL, server.openAiBaseUrl())
                    .with(parallel(parallelism));
            // warm-up: class loading, JIT, the HTTP stack
            measure(server, live, 64, false);
            measure(server, live, 200, true);
            measure(server, live, 2_000, true);
        }
    }

    private void measure(ScriptedLlmServer server, PlatformRun live, int cases, boolean report) {
        server.resetRequests();
        PlatformRun.Result r = live.with(LlmConfiguration.DATASET_LIMIT, Integer.toString(cases))
                .run(Fixtures.LlmLive.class)
                .requireAllPassed("live " + cases);
        if (server.requestCount() != cases || r.tests() != cases + 1) {
            throw new IllegalStateException(
                    "live " + cases + ": " + server.requestCount() + " requests, " + r.tests() + " tests");
        }
        double idealMs = cases * (double) LATENCY.toMillis() / CONCURRENCY;
        double ratio = r.millis() / idealMs;
        int maxInFlight = server.maxConcurrentRequests();
        System.out.printf(
                "live %d cases: %.0f ms (ideal %.0f ms, ratio %.3f), max in flight %d%n",
                cases, r.millis(), idealMs, ratio, maxInFlight);
        if (!report) {
            return;
        }
        table.add(
                String.format("live %,d cases, 200 ms, concurrency 16", cases),
                String.format(java.util.Locale.ROOT, "%.0f ms (ideal %.0f ms)", r.millis(), idealMs),
                "<= 1.05 x ideal",
                Benchmarks.ratio(ratio),
                ratio <= TARGET_RATIO);
        table.add(
                String.format("live %,d cases: max requests in flight", cases),
                Integer.toString(maxInFlight),
                "16, never more",
                Benchmarks.ratio(maxInFlight / (double) CONCURRENCY),
                maxInFlight == CONCURRENCY);
    }
}
