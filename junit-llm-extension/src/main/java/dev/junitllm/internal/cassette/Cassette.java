package dev.junitllm.internal.cassette;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junitllm.LlmException;
import dev.junitllm.internal.client.Exchange;
import dev.junitllm.internal.redact.Redactor;
import dev.junitllm.results.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The recordings of one test class, shared by all its test cases and safe to use from parallel
 * tests. The file is read lazily on first use and written once by {@link #flush()} (or
 * {@link #close()}), when the class has finished, atomically: a temporary file in the same folder
 * moved over the old one, so a crash never leaves half a cassette.
 *
 * <p>Obtain instances from {@link CassetteStore#cassette(Class)}; the extension closes them from the
 * class-level {@code ExtensionContext.Store}.
 *
 * <pre>{@code
 * Cassette cassette = store.cassette(RefundTest.class);   // nothing read yet
 * Transport transport = new CassetteTransport(cassette, LlmMode.REPLAY, null, testId, () -> sample);
 * ...
 * cassette.close();                                      // writes if something was recorded or pruned
 * }</pre>
 */
public final class Cassette implements AutoCloseable {
    private final Path path;
    private final String testClass;
    private final Redactor redactor;
    private final boolean prune;
    private final Set<String> testMethods; // null when only the class name is known
    private final Instant runStart;

    private final Object loadLock = new Object();
    private volatile boolean loaded;
    private CorruptCassetteException corruption;

    private final Map<String, CassetteEntry> entries = new ConcurrentHashMap<>();
    private final Set<String> touched = ConcurrentHashMap.newKeySet();
    private final Set<String> ranInRecordMode = ConcurrentHashMap.newKeySet();
    private final Set<String> incomplete = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean dirty = new AtomicBoolean();

    Cassette(Path path, String testClass, Class<?> type, Redactor redactor, boolean prune, Instant runStart) {
        this.path = path;
        this.runStart = runStart;
        this.testClass = testClass;
        this.testMethods = type == null ? null : methodNames(type);
        this.redactor = redactor;
        this.prune = prune;
    }

    /** The cassette file (it may not exist yet). */
    public Path path() {
        return path;
    }

    /** The binary name of the test class it belongs to. */
    public String testClass() {
        return testClass;
    }

    Redactor redactor() {
        return redactor;
    }

    /**
     * Declares that {@code testId} runs in record mode in this run, which makes its unused recordings
     * candidates for pruning. {@link CassetteTransport} calls it when built in record mode; the
     * extension may call it for test cases that never built a transport.
     */
    public void markRecording(String testId) {
        ranInRecordMode.add(testId);
    }

    /** A live call of {@code testId} failed: its older recordings are kept rather than pruned. */
    void markIncomplete(String testId) {
        incomplete.add(testId);
    }

    /** The redacted canonical body of {@code exchange}: what its key is computed from and what is stored. */
    ObjectNode canonicalRequest(Exchange exchange) {
        return (ObjectNode) redactor.redact(CanonicalRequest.canonicalBody(exchange.body()));
    }

    Optional<CassetteEntry> find(String testId, String key) {
        ensureLoaded();
        String id = CassetteEntry.id(testId, key);
        CassetteEntry entry = entries.get(id);
        if (entry != null) {
            touched.add(id);
        }
        return Optional.ofNullable(entry);
    }

    void put(CassetteEntry entry) {
        ensureLoaded();
        entries.put(entry.id(), entry);
        touched.add(entry.id());
        dirty.set(true);
    }

    /** The recordings currently held, in file order. Loads the file if needed. */
    List<CassetteEntry> entries() {
        ensureLoaded();
        List<CassetteEntry> list = new ArrayList<>(entries.values());
        list.sort(CassetteEntry.FILE_ORDER);
        return list;
    }

    /** Reads the file once; a corrupted file fails every use with the same message. */
    void ensureLoaded() {
        if (!loaded) {
            synchronized (loadLock) {
                if (!loaded) {
                    load();
                    loaded = true;
                }
            }
        }
        if (corruption != null) {
            throw new CorruptCassetteException(corruption.getMessage(), corruption);
        }
    }

    private void load() {
        // a write killed before its move left a hidden temporary file: ours, from an earlier run
        AtomicFiles.deleteStaleTemporaryFiles(path, runStart);
        try {
            for (CassetteEntry entry : CassetteFormat.read(path, recordCommand(null))) {
                entries.put(entry.id(), entry);
            }
        } catch (NoSuchFileException absent) {
            // nothing recorded yet
        } catch (CorruptCassetteException e) {
            corruption = e;
        } catch (IOException e) {
            throw new LlmException("Cannot read cassette [" + path + "]: " + e, e);
        }
    }

    /**
     * Writes the cassette if this run recorded or pruned something; otherwise leaves the file alone.
     * In record mode, recordings owned by tests that ran in record mode and no longer made them are
     * dropped first (unless pruning is off or the test's live calls failed). Recordings of tests that
     * did not run are always kept. A corrupted cassette is never written.
     *
     * @throws UncheckedIOException when the file cannot be written
     */
    public synchronized void flush() {
        if (!loaded && prune && !ranInRecordMode.isEmpty()) {
            try {
                ensureLoaded(); // a test that stopped calling models still prunes its old recordings
            } catch (CorruptCassetteException e) {
                return;
            }
        }
        if (!loaded || corruption != null) {
            return;
        }
        if (prune && !ranInRecordMode.isEmpty()) {
            for (CassetteEntry entry : entries.values()) {
                boolean unused = ranInRecordMode.contains(entry.owner())
                        && !incomplete.contains(entry.owner())
                        && !touched.contains(entry.id());
                if (unused || isOrphan(entry.owner())) {
                    entries.remove(entry.id());
                    dirty.set(true);
                }
            }
        }
        if (!dirty.getAndSet(false)) {
            return;
        }
        try {
            write(entries());
        } catch (IOException e) {
            dirty.set(true);
            throw new UncheckedIOException(redactor.redactMessage("Cannot write cassette [" + path + "]: " + e), e);
        }
    }

    private void write(List<CassetteEntry> sorted) throws IOException {
        if (sorted.isEmpty()) {
            Files.deleteIfExists(path);
            return;
        }
        AtomicFiles.writeString(path, redactor.redactFileText(CassetteFormat.write(testClass, sorted)));
    }

    /** Whether {@code owner} names a test method that the test class no longer has (it was renamed or deleted). */
    private boolean isOrphan(String owner) {
        if (testMethods == null) {
            return false;
        }
        int hash = owner.indexOf('#');
        if (hash < 0) {
            return false;
        }
        String method = methodName(owner.substring(hash + 1));
        // only a Java identifier can be checked; anything else (a display name?) is never pruned this way
        boolean identifier = !method.isEmpty()
                && Character.isJavaIdentifierStart(method.charAt(0))
                && method.chars().allMatch(Character::isJavaIdentifierPart);
        return identifier && !testMethods.contains(method);
    }

    private static String methodName(String afterHash) {
        return afterHash.split("[\\[(]", 2)[0];
    }

    private static Set<String> methodNames(Class<?> type) {
        Set<String> names = new java.util.HashSet<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (java.lang.reflect.Method method : c.getDeclaredMethods()) {
                names.add(method.getName());
            }
            for (Class<?> i : c.getInterfaces()) {
                for (java.lang.reflect.Method method : i.getMethods()) {
                    names.add(method.getName());
                }
            }
        }
        return Set.copyOf(names);
    }

    /**
     * {@link #flush() Flushes}, then lets go of the recordings held in memory, so that a long run does
     * not keep every class's cassette on the heap. A later use reads the file again.
     */
    @Override
    public void close() {
        synchronized (this) {
            flush();
            synchronized (loadLock) {
                entries.clear();
                touched.clear();
                ranInRecordMode.clear();
                incomplete.clear();
                corruption = null;
                loaded = false;
            }
        }
    }

    /** The command that re-records {@code testId} (or the whole class when null). */
    String recordCommand(String testId) {
        String simpleName = testClass.substring(testClass.lastIndexOf('.') + 1);
        String target = simpleName;
        if (testId != null) {
            int hash = testId.indexOf('#');
            if (hash >= 0) {
                String method = methodName(testId.substring(hash + 1));
                if (!method.isEmpty()) {
                    target = simpleName + "#" + method;
                }
            }
        }
        if (target.contains("$")) {
            target = "'" + target + "'";
        }
        return "mvn test -Dllm.mode=record -Dtest=" + target;
    }

    /** The message of a replay miss: where, what, the closest recording's difference, and the command. */
    String missingMessage(
            Exchange exchange, String testId, int sample, int occurrence, String key, ObjectNode request) {
        StringBuilder message = new StringBuilder("No recording in cassette [")
                .append(path)
                .append("] for ")
                .append(RequestSummary.of(exchange))
                .append("\n  test: ")
                .append(testId)
                .append(", sample ")
                .append(sample)
                .append(", occurrence ")
                .append(occurrence)
                .append(", key ")
                .append(key);
        if (!Files.exists(path)) {
            message.append("\n  the cassette does not exist yet");
        } else {
            String role = exchange.role().wireName();
            Collection<CassetteEntry> all = entries.values();
            Set<Integer> samples = new TreeSet<>();
            CassetteEntry closest = null;
            for (CassetteEntry entry : all) {
                if (entry.owner().equals(testId)
                        && entry.role().equals(role)
                        && entry.provider().equals(exchange.model().provider())
                        && entry.path().equals(exchange.path())) {
                    samples.add(entry.sample());
                    if (entry.sample() == sample && (closest == null || entry.occurrence() == occurrence)) {
                        closest = entry;
                    }
                }
            }
            if (samples.isEmpty()) {
                message.append("\n  the cassette has no ").append(role).append(" recordings of this test");
            } else if (closest == null) {
                message.append("\n  this test has recordings for samples ")
                        .append(samples)
                        .append(" only: were samples added?");
            } else {
                String difference = CanonicalRequest.firstDifference(closest.request(), request, "");
                message.append("\n  the request changed since it was recorded: ")
                        .append(difference == null ? "only in the number of identical calls" : difference);
            }
        }
        message.append("\nRecord it with:\n  ").append(recordCommand(testId));
        return redactor.redactMessage(message.toString());
    }
}
