package dev.junitllm.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Replay overhead: a 2,000-row dataset replayed through {@code @LlmTest @GoldenDataset}, against a
 * plain {@code @ParameterizedTest} over the same file, with the same three checks, alternately in
 * the same JVM after warm-up runs. Target: at most 0.25 ms per case above the plain test.
 */
final class ReplayBenchmark {
    static final double TARGET_MS_PER_CASE = 0.25;
    static final int WARMUP = Integer.getInteger("bench.replay.warmup", 5);
    static final int MEASURED = Integer.getInteger("bench.replay.runs", 9);

    private final Path work;
    private final Table table;

    ReplayBenchmark(Path work, Table table) {
        this.work = work;
        this.table = table;
    }

    void run() {
        BenchData.write(work, BenchData.REPLAY, BenchData.REPLAY_ROWS);
        Path cassettes = work.resolve("cassettes-replay");
        Path results = work.resolve("results-replay");
        Recording.recordUnlessKept(Fixtures.LlmReplay.class, BenchData.REPLAY_ROWS, cassettes, results);

        PlatformRun llm = new PlatformRun().with(Recording.replay(cassettes, results));
        PlatformRun plain = new PlatformRun();
        int cases = BenchData.REPLAY_ROWS;
        for (int i = 0; i < WARMUP; i++) {
            plain.run(Fixtures.PlainParameterized.class).requireAllPassed("plain warm-up");
            llm.run(Fixtures.LlmReplay.class).requireAllPassed("junit-llm warm-up");
        }
        List<Double> plainMs = new ArrayList<>();
        List<Double> llmMs = new ArrayList<>();
        List<Double> plainCpu = new ArrayList<>();
        List<Double> llmCpu = new ArrayList<>();
        for (int i = 0; i < MEASURED; i++) {
            PlatformRun.Result p = plain.run(Fixtures.PlainParameterized.class).requireAllPassed("plain");
            PlatformRun.Result l = llm.run(Fixtures.LlmReplay.class).requireAllPassed("junit-llm");
            if (p.tests() != cases || l.tests() != cases + 1) { // + the dataset gate
                throw new IllegalStateException("expected " + cases + " cases, ran " + p.tests() + " / " + l.tests());
            }
            plainMs.add(p.millis());
            llmMs.add(l.millis());
            plainCpu.add(p.cpuMillis());
            llmCpu.add(l.cpuMillis());
            System.out.printf(
                    "replay run %d: plain %.0f ms (cpu %.0f ms), junit-llm %.0f ms (cpu %.0f ms)%n",
                    i + 1, p.millis(), p.cpuMillis(), l.millis(), l.cpuMillis());
        }
        report("wall, median", median(plainMs) / cases, median(llmMs) / cases);
        report("wall, best", min(plainMs) / cases, min(llmMs) / cases);
        report("CPU of the test thread, median", median(plainCpu) / cases, median(llmCpu) / cases);
    }

    private void report(String how, double plainPerCase, double llmPerCase) {
        double extra = llmPerCase - plainPerCase;
        table.info(
                "replay 2,000 (" + how + " of " + MEASURED + "): plain @ParameterizedTest",
                Benchmarks.ms(plainPerCase) + "/case");
        table.info(
                "replay 2,000 (" + how + " of " + MEASURED + "): @LlmTest @GoldenDataset",
                Benchmarks.ms(llmPerCase) + "/case");
        table.add(
                "replay 2,000 (" + how + "): junit-llm above plain",
                Benchmarks.ms(extra) + "/case",
                "<= " + Benchmarks.ms(TARGET_MS_PER_CASE) + "/case",
                Benchmarks.ratio(extra / TARGET_MS_PER_CASE),
                extra <= TARGET_MS_PER_CASE);
    }

    static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
