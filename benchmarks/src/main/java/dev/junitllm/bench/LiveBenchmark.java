package dev.junitllm.bench;

import dev.junitllm.LlmConfiguration;
import dev.junitllm.testkit.ScriptedLlmServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

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
    private final Queue<Long> arrivals = new ConcurrentLinkedQueue<>();

    LiveBenchmark(Path work, Table table) {
        this.work = work;
        this.table = table;
    }

    /**
     * The most requests that arrived within any one {@code window}: each was still being delayed by the
     * server, hence still holding its client's concurrency permit, at the last of those arrivals. A
     * lower bound of the client's concurrency that depends on no server-side bookkeeping: a check on
     * the server's own count (which ends each request just before its last bytes are written).
     */
    static int maxOverlap(Collection<Long> arrivals, long window) {
        long[] sorted = arrivals.stream().mapToLong(Long::longValue).sorted().toArray();
        int best = 0;
        int from = 0;
        for (int to = 0; to < sorted.length; to++) {
            while (sorted[to] - sorted[from] >= window) {
                from++;
            }
            best = Math.max(best, to - from + 1);
        }
        return best;
    }

    /**
     * JUnit parallel execution with a fixed parallelism. With JUnit 5.14's fork-join executor, 16
     * workers run 16 case invocations at once (the arrival count shows it): the template's own task
     * only hands out invocations and joins them, and the gate invocation waits as a managed blocker,
     * so neither keeps a case from running.
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
            // the predicate runs as each request arrives: its clock shows where the wall time goes
            server.when(r -> arrivals.add(System.nanoTime())).delay(LATENCY).reply(BenchData.answer(7));
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
        arrivals.clear();
        long begin = System.nanoTime();
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
        int overlap = maxOverlap(arrivals, LATENCY.toNanos());
        long first = arrivals.stream().mapToLong(Long::longValue).min().orElse(begin);
        long last = arrivals.stream().mapToLong(Long::longValue).max().orElse(begin);
        System.out.printf(
                "live %d cases: %.0f ms (ideal %.0f ms, ratio %.3f), max in flight %d (arrivals within 200 ms: %d);"
                        + " first request after %.0f ms, last request at %.0f ms%n",
                cases, r.millis(), idealMs, ratio, maxInFlight, overlap, (first - begin) / 1e6, (last - begin) / 1e6);
        if (!report) {
            return;
        }
        table.add(
                String.format("live %,d cases, 200 ms, concurrency 16", cases),
                String.format(Locale.ROOT, "%.0f ms (ideal %.0f ms)", r.millis(), idealMs),
                "<= 1.05 x ideal",
                Benchmarks.ratio(ratio),
                ratio <= TARGET_RATIO);
        double waves = Math.ceil(cases / (double) CONCURRENCY) * LATENCY.toMillis();
        table.info(
                String.format("live %,d cases: against ceil(cases / 16) x 200 ms", cases),
                String.format(Locale.ROOT, "%.0f ms, ratio %.3f", waves, r.millis() / waves));
        table.add(
                String.format("live %,d cases: server's maxConcurrentRequests()", cases),
                Integer.toString(maxInFlight),
                "16, never more",
                Benchmarks.ratio(maxInFlight / (double) CONCURRENCY),
                maxInFlight == CONCURRENCY);
        table.add(
                String.format("live %,d cases: most arrivals within one 200 ms delay", cases),
                Integer.toString(overlap),
                "16, never more",
                Benchmarks.ratio(overlap / (double) CONCURRENCY),
                overlap == CONCURRENCY);
    }
}
