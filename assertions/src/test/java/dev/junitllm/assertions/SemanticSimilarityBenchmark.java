package dev.junitllm.assertions;

import static dev.junitllm.assertions.LlmAssertions.assertThatText;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;

/**
 * Benchmark (a main, not a test): model load time, then the median time of one {@code
 * isSemanticallySimilarTo} assertion after warm-up, with the expected side cached and the answer new
 * each time (the dataset case), and with both sides cached.
 *
 * <pre>
 * mvn -o -q -pl assertions -am test-compile
 * java -cp "$(cat cp.txt):assertions/target/classes:assertions/target/test-classes" \
 *     dev.junitllm.assertions.SemanticSimilarityBenchmark
 * </pre>
 */
public final class SemanticSimilarityBenchmark {
    private static final String EXPECTED = "Items can be returned within 30 days of delivery for a full refund.";
    private static final String[] TOPICS = {
        "refund", "return", "delivery", "invoice", "password", "warranty", "shipping", "gift card", "subscription"
    };

    private SemanticSimilarityBenchmark() {}

    public static void main(String[] args) {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 1000;

        long start = System.nanoTime();
        Embeddings.local();
        long loadNanos = System.nanoTime() - start;
        start = System.nanoTime();
        Embeddings.similarity(Embeddings.local(), "first sentence", EXPECTED);
        long firstNanos = System.nanoTime() - start;

        for (int i = 0; i < warmup; i++) {
            assertThatText(answer(-1 - i)).isSemanticallySimilarTo(EXPECTED, -1.0);
        }
        double[] oneSideCached = new double[runs];
        long cpuStart = processCpuNanos();
        for (int i = 0; i < runs; i++) {
            String answer = answer(i); // never seen: embedded now; EXPECTED comes from the cache
            long t = System.nanoTime();
            assertThatText(answer).isSemanticallySimilarTo(EXPECTED, -1.0);
            oneSideCached[i] = (System.nanoTime() - t) / 1e6;
        }
        double cpuPerAssertion = (processCpuNanos() - cpuStart) / 1e6 / runs;
        double[] bothCached = new double[runs];
        for (int i = 0; i < runs; i++) {
            String answer = answer(i % 50);
            long t = System.nanoTime();
            assertThatText(answer).isSemanticallySimilarTo(EXPECTED, -1.0);
            bothCached[i] = (System.nanoTime() - t) / 1e6;
        }
        System.out.printf(
                Locale.ROOT,
                "model load (class init, once per JVM): %.0f ms%nfirst similarity (2 texts): %.1f ms%n"
                        + "isSemanticallySimilarTo, one side cached: median %.2f ms, p90 %.2f ms (n=%d, warm-up %d)%n"
                        + "  process CPU time per assertion (all threads): %.2f ms; load average %.2f on %d cores%n"
                        + "isSemanticallySimilarTo, both sides cached: median %.3f ms (n=%d)%n",
                loadNanos / 1e6,
                firstNanos / 1e6,
                percentile(oneSideCached, 0.5),
                percentile(oneSideCached, 0.9),
                runs,
                warmup,
                cpuPerAssertion,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors(),
                percentile(bothCached, 0.5),
                runs);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String answer(int i) {
        return "You can send the " + TOPICS[Math.floorMod(i, TOPICS.length)] + " back within " + (i + 1000)
                + " days, answer number " + i + ".";
    }

    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    }
}
