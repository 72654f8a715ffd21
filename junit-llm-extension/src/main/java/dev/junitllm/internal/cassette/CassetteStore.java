package dev.junitllm.internal.cassette;

import dev.junitllm.LlmConfiguration;
import dev.junitllm.internal.redact.Redactor;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Where cassettes live: one JSON file per test class at
 * {@code ${llm.cassettes.dir}/<package as folders>/<SimpleClassName>.json} (nested classes as
 * {@code Outer.Inner.json}). One instance per run; it hands out one {@link Cassette} per class,
 * created lazily and shared by all test cases of that class.
 *
 * <pre>{@code
 * CassetteStore store = CassetteStore.fromConfiguration(
 *         key -> context.getConfigurationParameter(key), System.getenv());
 * Cassette cassette = store.cassette(RefundTest.class);
 * // -> src/test/resources/llm-cassettes/dev/example/RefundTest.json
 * }</pre>
 */
public final class CassetteStore {
    /** The default of {@value LlmConfiguration#CASSETTES_DIR}. */
    public static final String DEFAULT_DIR = "src/test/resources/llm-cassettes";

    private final Path directory;
    private final Redactor redactor;
    private final boolean prune;
    /** Temporary files of interrupted writes older than this are ours to clean up. */
    private final Instant runStart = Instant.now();

    private final Map<String, Cassette> cassettes = new ConcurrentHashMap<>();

    /**
     * @param directory the root of the cassettes
     * @param redactor applied to everything written
     * @param prune whether record mode drops recordings that the tests which ran no longer make
     */
    public CassetteStore(Path directory, Redactor redactor, boolean prune) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.prune = prune;
    }

    /**
     * A store configured by {@value LlmConfiguration#CASSETTES_DIR} and
     * {@value LlmConfiguration#CASSETTES_PRUNE}, redacting the API keys found in {@code environment}.
     *
     * @throws IllegalArgumentException naming the key and value when the prune flag is not true/false
     */
    public static CassetteStore fromConfiguration(
            Function<String, Optional<String>> configuration, Map<String, String> environment) {
        Path directory = Path.of(configuration
                .apply(LlmConfiguration.CASSETTES_DIR)
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .orElse(DEFAULT_DIR));
        boolean prune = configuration
                .apply(LlmConfiguration.CASSETTES_PRUNE)
                .map(value -> switch (value.strip().toLowerCase(Locale.ROOT)) {
                    case "true" -> true;
                    case "false" -> false;
                    default ->
                        throw new IllegalArgumentException("Invalid value [" + value
                                + "] for configuration parameter [" + LlmConfiguration.CASSETTES_PRUNE
                                + "]: allowed are true, false");
                })
                .orElse(true);
        return new CassetteStore(directory, Redactor.fromEnvironment(environment), prune);
    }

    /** The cassette of {@code testClass}, the same instance for every call. */
    public Cassette cassette(Class<?> testClass) {
        return cassettes.computeIfAbsent(
                testClass.getName(), name -> new Cassette(pathFor(name), name, testClass, redactor, prune, runStart));
    }

    /**
     * The cassette of the class with binary name {@code testClassName}, e.g. {@code dev.example.RefundTest}.
     * Prefer {@link #cassette(Class)}: knowing the class lets record mode prune the recordings of test
     * methods that were renamed or deleted.
     */
    public Cassette cassette(String testClassName) {
        return cassettes.computeIfAbsent(
                testClassName, name -> new Cassette(pathFor(name), name, null, redactor, prune, runStart));
    }

    /** The file of a test class's cassette. */
    public Path pathFor(String testClassName) {
        int dot = testClassName.lastIndexOf('.');
        Path folder = dot < 0
                ? directory
                : directory.resolve(testClassName.substring(0, dot).replace('.', '/'));
        return folder.resolve(testClassName.substring(dot + 1).replace('$', '.') + ".json");
    }

    /** The redactor applied to every write. */
    public Redactor redactor() {
        return redactor;
    }

    /** Writes every cassette that has something new; a safety net for the end of a run. */
    public void flushAll() {
        cassettes.values().forEach(Cassette::flush);
    }
}
