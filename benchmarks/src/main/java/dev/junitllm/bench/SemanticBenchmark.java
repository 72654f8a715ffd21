package dev.junitllm.bench;

import static dev.junitllm.assertions.LlmAssertions.assertThatText;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Semantic similarity through the public assertions API ({@code assertThatText(answer)
 * .isSemanticallySimilarTo(expected, min)}), with the default in-process embedding model. Target: after
 * warm-up, a median of at most 5 ms per assertion when one side is already cached (a dataset's
 * expected text is embedded once, each answer is new); the model loads once per JVM.
 *
 * <p>The load is measured in fresh child JVMs ({@link #main}: the first assertion of a JVM, which
 * loads the model and embeds both texts, then a second one with a new answer, which must not load it
 * again); the steady state in the harness JVM: warm-up assertions, then measured ones, each with an
 * answer never seen before and the same expected text.
 */
public final class SemanticBenchmark {
    static final double TARGET_MS = 5.0;
    static final String PREFIX = "SEMANTIC ";
    static final String EXPECTED = "Items can be returned within 30 days of delivery for a full refund.";
    private static final String[] TOPICS = {
        "refund", "return", "delivery", "invoice", "password", "warranty", "shipping", "gift card", "subscription"
    };

    private final Path work;
    private final Table table;

    SemanticBenchmark(Path work, Table table) {
        this.work = work;
        this.table = table;
    }

    /** The child JVM: times its first two assertions and prints them on one line. */
    public static void main(String[] args) {
        long start = System.nanoTime();
        assertThatText(answer(-1)).isSemanticallySimilarTo(EXPECTED, -1.0);
        long first = System.nanoTime() - start;
        start = System.nanoTime();
        assertThatText(answer(-2)).isSemanticallySimilarTo(EXPECTED, -1.0);
        long second = System.nanoTime() - start;
        System.out.printf(Locale.ROOT, "%sfirst=%.3f second=%.3f%n", PREFIX, first / 1e6, second / 1e6);
    }

    void run() {
        int jvms = Integer.getInteger("bench.semantic.jvms", 3);
        int warmup = Integer.getInteger("bench.semantic.warmup", 200);
        int runs = Integer.getInteger("bench.semantic.runs", 1000);

        double[] firsts = new double[jvms];
        double[] seconds = new double[jvms];
        for (int i = 0; i < jvms; i++) {
            double[] child = child();
            firsts[i] = child[0];
            seconds[i] = child[1];
            System.out.printf(
                    Locale.ROOT,
                    "semantic, fresh JVM %d: first assertion %.0f ms, second %.2f ms%n",
                    i + 1,
                    child[0],
                    child[1]);
        }

        for (int i = 0; i < warmup; i++) {
            assertThatText(answer(-3 - i)).isSemanticallySimilarTo(EXPECTED, -1.0);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] wall = new double[runs];
        double[] cpu = new double[runs];
        long processCpuStart = processCpuNanos();
        for (int i = 0; i < runs; i++) {
            String answer = answer(i); // never seen: embedded now; EXPECTED comes from the cache
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            assertThatText(answer).isSemanticallySimilarTo(EXPECTED, -1.0);
            wall[i] = (System.nanoTime() - start) / 1e6;
            cpu[i] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6;
        }
        double processCpu = (processCpuNanos() - processCpuStart) / 1e6 / runs;
        double[] bothCached = new double[runs];
        for (int i = 0; i < runs; i++) {
            String answer = answer(i % 50);
            long start = System.nanoTime();
            assertThatText(answer).isSemanticallySimilarTo(EXPECTED, -1.0);
            bothCached[i] = (System.nanoTime() - start) / 1e6;
        }
        double median = percentile(wall, 0.5);
        double p90 = percentile(wall, 0.9);
        double cpuMedian = percentile(cpu, 0.5);
        System.out.printf(
                Locale.ROOT,
                "semantic, one side cached (n=%d after %d warm-up): median %.3f ms, p90 %.3f ms, thread CPU median"
                        + " %.3f ms, process CPU %.3f ms per assertion; load average %.2f%n",
                runs,
                warmup,
                median,
                p90,
                cpuMedian,
                processCpu,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        table.info(
                "semantic: model load + first assertion, fresh JVM (median of " + jvms + ")",
                String.format(
                        Locale.ROOT, "%.0f ms (%.0f–%.0f ms)", percentile(firsts, 0.5), min(firsts), max(firsts)));
        table.info(
                "semantic: second assertion in that JVM (no second load), median of " + jvms,
                Benchmarks.ms(percentile(seconds, 0.5)));
        table.add(
                "semantic, one side cached: median of " + runs + " after " + warmup + " warm-up",
                Benchmarks.ms(median) + "/assertion",
                "<= " + Benchmarks.ms(TARGET_MS),
                Benchmarks.ratio(median / TARGET_MS),
                median <= TARGET_MS);
        table.info("semantic, one side cached: p90", Benchmarks.ms(p90) + "/assertion");
        table.add(
                "semantic, one side cached: CPU of the test thread, median",
                Benchmarks.ms(cpuMedian) + "/assertion",
                "<= " + Benchmarks.ms(TARGET_MS),
                Benchmarks.ratio(cpuMedian / TARGET_MS),
                cpuMedian <= TARGET_MS);
        table.info("semantic, one side cached: process CPU (all threads)", Benchmarks.ms(processCpu) + "/assertion");
        table.info("semantic, both sides cached: median", Benchmarks.ms(percentile(bothCached, 0.5)) + "/assertion");
    }

    /** Runs {@link #main} in a child JVM; returns its first and second assertion times in ms. */
    private double[] child() {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseG1GC",
                "-cp",
                System.getProperty("java.class.path"),
                SemanticBenchmark.class.getName()));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        try {
            Process process = builder.start();
            String last = null;
            List<String> output = new ArrayList<>();
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    output.add(line);
                    if (line.startsWith(PREFIX)) {
                        last = line;
                    }
                }
            }
            int exit = process.waitFor();
            if (exit != 0 || last == null) {
                throw new IllegalStateException(
                        "the semantic child JVM failed (exit " + exit + "):\n" + String.join("\n", output));
            }
            double[] times = new double[2];
            for (String pair : last.substring(PREFIX.length()).strip().split(" ")) {
                String[] kv = pair.split("=", 2);
                times[kv[0].equals("first") ? 0 : 1] = Double.parseDouble(kv[1]);
            }
            return times;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static String answer(int i) {
        return "You can send the " + TOPICS[Math.floorMod(i, TOPICS.length)] + " back within " + (i + 1000)
                + " days, answer number " + i + ".";
    }

    /** The value at rank {@code floor(p × n)} of the sorted values (nearest rank, no interpolation). */
    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElseThrow();
    }
}
