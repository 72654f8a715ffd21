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
import java.util.Map;

/**
 * Memory: 10,000 cases replayed in a child JVM. One child with {@code -Xmx512m} measures the heap
 * (see {@link MemoryProbe}); a second with {@code -Xmx256m} shows the run completes within the target.
 */
final class MemoryBenchmark {
    static final long TARGET_MB = 256;

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
        double peakUsed = Double.parseDouble(measured.get("peakUsedMb"));
        double peakLive = Double.parseDouble(measured.get("peakAfterGcMb"));
        table.add(
                "memory 10,000 replayed (-Xmx512m): heap peak, sampled used",
                String.format(java.util.Locale.ROOT, "%.0f MB in %s ms", peakUsed, measured.get("ms")),
                "<= 256 MB",
                Benchmarks.ratio(peakUsed / TARGET_MB),
                peakUsed <= TARGET_MB);
        table.add(
                "memory 10,000 replayed (-Xmx512m): heap after GC, peak",
                String.format(java.util.Locale.ROOT, "%.0f MB (%s GCs)", peakLive, measured.get("gcs")),
                "<= 256 MB",
                Benchmarks.ratio(peakLive / TARGET_MB),
                peakLive <= TARGET_MB);
        Map<String, String> capped = child("256m", cassettes, results);
        table.add(
                "memory 10,000 replayed in -Xmx256m",
                "completed, all passed, in " + capped.get("ms") + " ms",
                "completes",
                "",
                true);
    }

    /** Runs {@link MemoryProbe} in a child JVM and returns the {@code key=value} pairs of its last line. */
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
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith(MemoryProbe.PREFIX)) {
                        last = line;
                        System.out.println("[-Xmx" + heap + "] " + line);
                    } else if (!line.isBlank() && !line.startsWith("junit-llm:") && !line.startsWith("|")) {
                        System.out.println("[-Xmx" + heap + "] " + line);
                    }
                }
            }
            int exit = process.waitFor();
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
