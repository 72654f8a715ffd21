package dev.junitllm.internal.engine;

import dev.junitllm.LlmConfiguration;
import dev.junitllm.LlmException;
import dev.junitllm.LlmMode;
import dev.junitllm.ModelId;
import dev.junitllm.RecordingMode;
import dev.junitllm.internal.cassette.CassetteStore;
import dev.junitllm.internal.client.HttpTransport;
import dev.junitllm.internal.client.Transport;
import dev.junitllm.internal.cost.Budget;
import dev.junitllm.internal.cost.PriceTable;
import dev.junitllm.internal.results.Build;
import dev.junitllm.internal.results.LedgerResults;
import dev.junitllm.internal.results.ResultsFiles;
import dev.junitllm.internal.results.RunLedger;
import dev.junitllm.internal.review.LabelStore;
import dev.junitllm.results.ConsoleSummary;
import dev.junitllm.results.LlmResults;
import dev.junitllm.results.LlmResultsListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One test run's shared state, created once in the root context's store and closed by it at the end
 * of the run — which writes the results file, prints the summary and notifies listeners.
 */
final class LlmRun implements AutoCloseable {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LlmExtension.class);
    private static final String KEY = "llm.run";

    private final Function<String, Optional<String>> config;
    private final java.util.Map<String, String> env;
    private final CassetteStore cassettes;
    private final LlmMode mode;
    private final PriceTable prices;
    private final Budget budget;
    private final RunLedger ledger;
    private final List<LlmResultsListener> listeners;
    private volatile HttpTransport live;
    /** Builds the live transport once: on a background thread from the start of a live or record run, else on first use. */
    private final FutureTask<HttpTransport> liveBuild;

    private final LabelStore labels;

    LlmRun(Function<String, Optional<String>> config, java.util.Map<String, String> env) {
        this.config = config;
        this.env = env;
        this.mode = config.apply(LlmConfiguration.MODE).map(LlmRun::parseMode).orElse(LlmMode.REPLAY);
        this.budget = configured(() -> Budget.fromConfig(config));
        this.liveBuild = new FutureTask<>(() -> configured(() -> HttpTransport.create(config, env::get, budget)));
        if (mode.callsLive()) {
            // Building the JDK HttpClient is the slowest step of a cold start (TLS context, trust store,
            // class loading): started first, it overlaps with the rest of this constructor and with JUnit
            // creating the first invocations instead of holding every case's first call. A replay run
            // builds it only if a case calls live.
            background("junit-llm-http-init", liveBuild);
        }
        // the commit is needed only when the results are written: `git` runs beside the first cases
        FutureTask<String> commit = new FutureTask<>(LlmRun::gitCommit);
        background("junit-llm-git", commit);
        this.cassettes = configured(() -> CassetteStore.fromConfiguration(config, env));
        this.prices = configured(() -> PriceTable.load(config));
        this.ledger = new RunLedger(
                mode.name().toLowerCase(java.util.Locale.ROOT),
                config.apply(LlmConfiguration.JUDGE_MODEL)
                        .or(() -> config.apply(LlmConfiguration.MODEL))
                        .orElse(null),
                prices.date(),
                () -> done(commit));
        checkWritable(resultsDir());
        this.labels = new LabelStore(java.nio.file.Path.of(
                config.apply(LlmConfiguration.LABELS_DIR).orElse(dev.junitllm.results.LabelsFile.DEFAULT_DIR)));
        this.listeners = new ArrayList<>();
        ServiceLoader.load(LlmResultsListener.class, LlmRun.class.getClassLoader())
                .forEach(listeners::add);
        for (LlmResultsListener listener : listeners) {
            try {
                listener.runStarted(config);
            } catch (RuntimeException e) {
                throw new ExtensionConfigurationException(
                        "junit-llm: results listener " + listener.getClass().getName()
                                + " failed when the run started: " + e.getMessage(),
                        e);
            }
        }
    }

    private static void background(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static String done(FutureTask<String> commit) {
        try {
            return commit.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            return null;
        }
    }

    /** The run of the given context's engine execution, created on first use. */
    static LlmRun of(ExtensionContext context) {
        ExtensionContext root = context.getRoot();
        return root.getStore(NAMESPACE)
                .getOrComputeIfAbsent(
                        KEY, k -> new LlmRun(root::getConfigurationParameter, System.getenv()), LlmRun.class);
    }

    private static LlmMode parseMode(String value) {
        try {
            return LlmMode.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(e.getMessage(), e);
        }
    }

    Optional<String> config(String key) {
        return config.apply(key);
    }

    Function<String, Optional<String>> config() {
        return config;
    }

    /** Removes API keys from any text written or handed to listeners (answers can echo them). */
    String redact(String text) {
        return cassettes.redactor().redact(text);
    }

    /** The human labels of the run's datasets. */
    LabelStore labels() {
        return labels;
    }

    CassetteStore cassettes() {
        return cassettes;
    }

    /** Turns a bad configuration value into the error JUnit reports as a configuration problem. */
    static <T> T configured(java.util.function.Supplier<T> reader) {
        try {
            return reader.get();
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(e.getMessage(), e);
        }
    }

    /** The mode of {@code llm.mode} (or the default); a {@link RecordingMode} annotation overrides it per case. */
    LlmMode mode() {
        return mode;
    }

    PriceTable prices() {
        return prices;
    }

    Budget budget() {
        return budget;
    }

    RunLedger ledger() {
        return ledger;
    }

    List<LlmResultsListener> listeners() {
        return listeners;
    }

    /** The model named by {@code llm.model}, for tests that name none. */
    Optional<ModelId> defaultModel() {
        return config(LlmConfiguration.MODEL).map(LlmRun::parseModel);
    }

    /** The judge model: {@code llm.judge.model}, else the model under test. */
    ModelId judgeModel(ModelId caseModel) {
        return config(LlmConfiguration.JUDGE_MODEL).map(LlmRun::parseModel).orElse(caseModel);
    }

    static ModelId parseModel(String id) {
        try {
            return ModelId.parse(id);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(e.getMessage(), e);
        }
    }

    /**
     * The HTTP transport to real providers, created on the first live call so that runs whose cases
     * all replay never build one (and never need keys). Only cases whose mode calls live get it.
     */
    Transport liveTransport() {
        return (exchange, onEvent) -> {
            HttpTransport t = live;
            if (t == null) {
                t = awaitLive();
            }
            return t.execute(exchange, onEvent);
        };
    }

    private HttpTransport awaitLive() {
        liveBuild.run(); // builds it on this thread, unless it is built or being built already
        try {
            HttpTransport t = liveBuild.get();
            live = t;
            return t;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmException("Interrupted while the HTTP client for live calls was being built", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ExtensionConfigurationException bad) {
                // thrown on the builder thread: a new one, so the stack shows this case's call
                throw new ExtensionConfigurationException(bad.getMessage(), bad);
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new LlmException("The HTTP client for live calls could not be built: " + cause, cause);
        }
    }

    Path resultsDir() {
        return path(LlmConfiguration.RESULTS_DIR, "target/llm-results");
    }

    private Path path(String key, String defaultValue) {
        String value = config(key).orElse(defaultValue);
        try {
            return Paths.get(value);
        } catch (RuntimeException e) {
            throw new ExtensionConfigurationException(
                    "Invalid value [" + value + "] for configuration parameter [" + key + "]: not a path", e);
        }
    }

    /**
     * Ends the run: writes the cassettes and the results file, prints the summary, tells the
     * listeners and closes the live transport. Every step runs even when an earlier one failed; the
     * first failure is thrown at the end with the others suppressed, so JUnit reports it on the run.
     */
    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        try {
            attempt(failures, cassettes::flushAll);
            LlmResults document = LedgerResults.of(ledger, Instant.now(), this::redact);
            Path file = null;
            try {
                // forkCount > 1: every fork also keeps its own file, readers merge this build's
                // (ResultsReader.readRun), and earlier builds' files are deleted
                file = ResultsFiles.write(resultsDir(), document, Build.current());
            } catch (RuntimeException e) {
                failures.add(e);
            }
            ConsoleSummary.print(document, file, System.out);
            // Listeners are promised a written file; without one the write failure is the error to see.
            for (LlmResultsListener listener : file == null ? List.<LlmResultsListener>of() : listeners) {
                Path written = file;
                attempt(failures, () -> {
                    try {
                        listener.runFinished(document, written);
                    } catch (RuntimeException e) {
                        throw new LlmException(
                                "junit-llm: results listener "
                                        + listener.getClass().getName() + " failed at the end of the run: " + e,
                                e);
                    }
                });
            }
        } catch (RuntimeException e) {
            failures.add(e);
        } finally {
            attempt(failures, () -> {
                HttpTransport t = live;
                if (t == null && mode.callsLive()) {
                    // built (or being built) in the background even if no case called live
                    try {
                        t = awaitLive();
                    } catch (RuntimeException e) {
                        t = null; // a bad configuration was reported on the cases that called live
                    }
                }
                if (t != null) {
                    t.close();
                }
            });
        }
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
    }

    private static void attempt(List<RuntimeException> failures, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }

    /**
     * Fails at the start of the run, before anything is spent, when the results folder cannot be
     * created or written (the file is only written at the end).
     */
    private static void checkWritable(Path dir) {
        checkWritable(dir, LlmConfiguration.RESULTS_DIR, dir.toString(), "the results folder");
    }

    /**
     * Creates {@code folder} if needed and checks that files can be written into it.
     *
     * @throws ExtensionConfigurationException naming {@code key}, its {@code value} and what to do
     */
    static void checkWritable(Path folder, String key, String value, String what) {
        String why = null;
        try {
            Files.createDirectories(folder);
            if (!Files.isDirectory(folder) || !Files.isWritable(folder)) {
                why = "not a writable folder";
            }
        } catch (IOException | RuntimeException e) {
            why = e.toString();
        }
        if (why != null) {
            throw new ExtensionConfigurationException("Invalid value [" + value + "] for configuration parameter ["
                    + key + "]: " + what + " " + folder.toAbsolutePath() + " cannot be written (" + why + "); set "
                    + key + " to a writable folder");
        }
    }

    /** The current commit, when the tests run inside a Git work tree; else null. */
    private static String gitCommit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "--short=12", "HEAD")
                    .redirectErrorStream(true)
                    .start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.exitValue() == 0 && out.matches("[0-9a-f]{7,40}") ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
