package dev.junitllm.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs the junit-llm benchmarks and prints a table of absolute figures and ratios against their
 * targets. Never a pass/fail test: the numbers are for the issue note and {@code docs/benchmarks.md}.
 *
 * <pre>{@code
 * mvn -B -q install -DskipTests -pl junit-llm-extension,assertions,semantic,testkit -am
 * mvn -B -q -f benchmarks/pom.xml compile exec:exec               # all five
 * mvn -B -q -f benchmarks/pom.xml compile exec:exec -Dbench=replay  # or replay, live, surefire, memory, semantic
 * }</pre>
 *
 * <p>The working directory (set by the pom to {@code benchmarks/target/bench}) holds the generated
 * datasets, cassettes and results files; the fixtures name their datasets relative to it.
 */
public final class Benchmarks {
    private Benchmarks() {}

    static final Set<String> ALL = Set.of("replay", "live", "surefire", "memory", "semantic");

    public static void main(String[] args) throws Exception {
        Set<String> which = args.length == 0 || args[0].equals("all")
                ? ALL
                : Arrays.stream(args[0].split(",")).map(String::strip).collect(Collectors.toSet());
        if (!ALL.containsAll(which)) {
            throw new IllegalArgumentException("unknown benchmark in " + which + "; known: " + ALL);
        }
        if (System.getenv("OPENAI_API_KEY") == null) {
            throw new IllegalStateException("set OPENAI_API_KEY (any value): record and live modes need one");
        }
        Path work = Path.of("").toAbsolutePath();
        System.out.printf(
                "junit-llm benchmarks — %s, Java %s, %d cores, max heap %d MB, working directory %s%n",
                Instant.now(),
                Runtime.version(),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                work);
        Table table = new Table();
        if (which.contains("replay")) {
            new ReplayBenchmark(work, table).run();
        }
        if (which.contains("live")) {
            new LiveBenchmark(work, table).run();
        }
        if (which.contains("surefire")) {
            new SurefireBenchmark(work, table).run();
        }
        if (which.contains("memory")) {
            new MemoryBenchmark(work, table).run();
        }
        if (which.contains("semantic")) {
            new SemanticBenchmark(work, table).run();
        }
        System.out.println();
        table.print(System.out);
    }

    /** Deletes a folder of an earlier run, so each benchmark starts from nothing. */
    static Path fresh(Path dir) {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    static String ms(double millis) {
        return String.format(Locale.ROOT, "%.3f ms", millis);
    }

    static String ratio(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
