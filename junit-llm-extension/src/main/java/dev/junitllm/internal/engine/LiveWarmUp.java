package dev.junitllm.internal.engine;

import dev.junitllm.LlmConfiguration;
import dev.junitllm.LlmMode;
import dev.junitllm.internal.client.HttpTransport;
import dev.junitllm.internal.cost.PriceTable;
import java.util.Optional;
import org.junit.platform.launcher.LauncherDiscoveryListener;
import org.junit.platform.launcher.LauncherDiscoveryRequest;

/**
 * Loads what the first live call needs while JUnit discovers the tests of a live or record run.
 *
 * <p>In a fresh test JVM the first {@code HttpClient} costs a few hundred milliseconds (class loading,
 * the default TLS context and its trust store), every later one a few; the JSON mapper and the bundled
 * price table are alike. Discovery runs on one thread before any test, so doing this beside it (see
 * {@link HttpTransport#warmUp()}) leaves the run's start (see {@link LlmRun}) nothing slow to do; nothing
 * is sent. Registered through {@code META-INF/services}; the launcher, which every JUnit Platform run
 * has, is its only user. Replay runs (the default) do nothing.
 */
public final class LiveWarmUp implements LauncherDiscoveryListener {

    private volatile Thread thread;

    @Override
    public void launcherDiscoveryStarted(LauncherDiscoveryRequest request) {
        if (callsLive(request.getConfigurationParameters().get(LlmConfiguration.MODE))) {
            Thread t = new Thread(LiveWarmUp::warmUp, "junit-llm-http-warm-up");
            t.setDaemon(true);
            t.start();
            thread = t;
        }
    }

    /** The warm-up started by the last discovery, if it started one. */
    Optional<Thread> thread() {
        return Optional.ofNullable(thread);
    }

    private static boolean callsLive(Optional<String> mode) {
        try {
            return mode.map(LlmMode::parse).map(LlmMode::callsLive).orElse(false);
        } catch (IllegalArgumentException e) {
            return false; // the run reports the bad value, naming the key
        }
    }

    private static void warmUp() {
        try {
            HttpTransport.warmUp();
            PriceTable.bundled();
        } catch (RuntimeException e) {
            // the run itself reports whatever is wrong, where it happens
        }
    }
}
