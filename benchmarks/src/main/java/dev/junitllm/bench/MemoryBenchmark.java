package dev.junitllm.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Memory: 10,000 cases replayed in child JVMs (see {@link MemoryProbe}). One with {@code -Xmx512m}
 * samples the heap; then heaps from the 256 MB target down in 32 MB steps until one runs out, which
 * brackets the live peak whatever the collector's timing.
 */
final class MemoryBenchmark {
    static final int TARGET_MB = 256;
    static final int STEP_MB = 32;

    private final Path work;
    private final Table table;

    MemoryBenchmark(Path work, Table table) {
        this.work = work;
        this.table = table;
    }

    void run() {
        BenchData.write(work, BenchData.MEMORY, BenchData.MEMORY_ROWS);
        Path cassettes = work.resolve("cassettes-memory");
        Path results = work.resolve("results-memory");
        Recording.recordUnlessKept(Fixtures.LlmMemory.class, BenchData.MEMORY_ROWS, cassettes, results);

        Map<String, String> measured = child("512m", cassettes, results);
        if (measured == null) {
            throw new IllegalStateException("10,000 replayed cases ran out of a 512 MB heap");
        }
        // Both depend on when the collector runs: the sampled figure counts garbage not yet collected
        // (G1 lets it pile up in a 512 MB heap), the after-GC one misses a peak between two collections.
        table.info(
                "memory 10,000 replayed (-Xmx512m): heap used, sampled peak",
                String.format(
                        Locale.ROOT,
                        "%.0f MB (live data + uncollected garbage), run %s ms",
                        Double.parseDouble(measured.get("peakUsedMb")),
                        measured.get("ms")));
        table.info(
                "memory 10,000 replayed (-Xmx512m): heap after GC, highest",
                String.format(
                        Locale.ROOT,
                        "%.0f MB (%s collections)",
                        Double.parseDouble(measured.get("peakAfterGcMb")),
                        measured.get("gcs")));
        // The live peak, bracketed: the smallest heap (in 32 MB steps from the target down) that still runs
        // all 10,000 cases, and the next step down, which runs out of memory.
        int smallest = 0;
        String smallestMs = null;
        boolean ranOut = false;
        for (int mb = (int) TARGET_MB; mb >= STEP_MB; mb -= STEP_MB) {
            Map<String, String> capped = child(mb + "m", cassettes, results);
            if (capped == null) {
                ranOut = true;
                break;
            }
            smallest = mb;
            smallestMs = capped.get("ms");
        }
        String measuredText;
        if (smallest == 0) {
            measuredText = "runs out of memory in -Xmx" + TARGET_MB + "m";
        } else {
            measuredText = "-Xmx" + smallest + "m (" + smallestMs + " ms)"
                    + (ranOut ? "; -Xmx" + (smallest - STEP_MB) + "m runs out" : "");
        }
        table.add(
                "memory 10,000 replayed: smallest -Xmx that completes",
                measuredText,
                "<= " + TARGET_MB + " MB",
                smallest == 0 ? "" : Benchmarks.ratio(smallest / (double) TARGET_MB),
                smallest > 0);
    }

    /**
     * Runs {@link MemoryProbe} in a child JVM and returns the {@code key=value} pairs of its last line,
     * or null when the child ran out of heap.
     */
    private Map<String, String> child(String heap, Path cassettes, Path results) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap,
                "-XX:+UseG1GC",
                "-cp",
                System.getProperty("java.class.path"),
                MemoryProbe.class.getName(),
                cassettes.toString(),
                results.toString()));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        try {
            Process process = builder.start();
            String last = null;
            boolean outOfMemory = false;
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    outOfMemory |= line.contains("java.lang.OutOfMemoryError");
                    if (line.startsWith(MemoryProbe.PREFIX)) {
                        last = line;
                        System.out.println("[-Xmx" + heap + "] " + line);
                    } else if (line.startsWith("Exception in thread")) {
                        System.out.println("[-Xmx" + heap + "] " + line);
                    }
                }
            }
            int exit = process.waitFor();
            if (outOfMemory) {
                return null;
            }
            if (exit != 0 || last == null) {
                throw new IllegalStateException("the memory probe with -Xmx" + heap + " failed (exit " + exit + ")");
            }
            Map<String, String> values = new HashMap<>();
            for (String pair :
                    last.substring(MemoryProbe.PREFIX.length()).strip().split(" ")) {
                int eq = pair.indexOf('=');
                values.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
