package dev.junitllm.bench;

import dev.junitllm.LlmConfiguration;
import dev.junitllm.testkit.ScriptedLlmServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Records a fixture's dataset once against the scripted server: one answer per row, as a model would give. */
final class Recording {
    private Recording() {}

    /**
     * Records into a fresh {@code cassettes} folder; with {@code -Dbench.keep-recordings=true} an
     * existing folder from an earlier run is replayed as it is (for quicker profiling runs).
     */
    static void recordUnlessKept(Class<?> fixture, int rows, Path cassettes, Path results) {
        if (Boolean.getBoolean("bench.keep-recordings") && Files.isDirectory(cassettes)) {
            System.out.println("kept the recordings in " + cassettes);
            return;
        }
        record(fixture, rows, Benchmarks.fresh(cassettes), results);
    }

    static void record(Class<?> fixture, int rows, Path cassettes, Path results) {
        Map<String, String> answers = new HashMap<>();
        for (int n = 1; n <= rows; n++) {
            answers.put(BenchData.input(n), BenchData.answer(n));
        }
        long start = System.nanoTime();
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            // one rule per row, each matching exactly its row's question
            for (int n = 1; n <= rows; n++) {
                String input = BenchData.input(n);
                server.when(r -> input.equals(r.lastUserMessage())).reply(answers.get(input));
            }
            new PlatformRun()
                    .with(LlmConfiguration.MODE, "record")
                    .with(LlmConfiguration.CASSETTES_DIR, cassettes.toString())
                    .with(LlmConfiguration.RESULTS_DIR, results.toString())
                    .with(LlmConfiguration.OPENAI_BASE_URL, server.openAiBaseUrl())
                    .run(fixture)
                    .requireAllPassed("recording " + fixture.getSimpleName());
            if (server.requestCount() != rows) {
                throw new IllegalStateException("recording " + fixture.getSimpleName() + " made "
                        + server.requestCount() + " calls, not " + rows);
            }
        }
        System.out.printf(
                "recorded %d cases of %s in %.1f s%n",
                rows, fixture.getSimpleName(), (System.nanoTime() - start) / 1e9);
    }

    /** Configuration of a replay run: the server is gone, nothing may reach the network. */
    static Map<String, String> replay(Path cassettes, Path results) {
        return Map.of(
                LlmConfiguration.MODE,
                "replay",
                LlmConfiguration.CASSETTES_DIR,
                cassettes.toString(),
                LlmConfiguration.RESULTS_DIR,
                results.toString(),
                LlmConfiguration.OPENAI_BASE_URL,
                "http://127.0.0.1:9/v1");
    }
}
