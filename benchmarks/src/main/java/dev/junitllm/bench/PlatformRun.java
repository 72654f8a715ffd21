package dev.junitllm.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs one test class through the JUnit Platform launcher, as Surefire would, and times the
 * execution (discovery excluded: for both kinds of test the rows are read during execution). Only
 * counters are kept, never events, so a 10,000-case run measures junit-llm and not the harness.
 */
final class PlatformRun {

    /** The outcome of one run. */
    record Result(
            long executionNanos, long cpuNanos, long succeeded, long failed, long aborted, List<String> firstFailures) {
        double millis() {
            return executionNanos / 1e6;
        }

        /** CPU time of the launching thread: all of a sequential run, and steadier than wall time on a busy machine. */
        double cpuMillis() {
            return cpuNanos / 1e6;
        }

        long tests() {
            return succeeded + failed + aborted;
        }

        /** Throws when any test did not pass, naming the first failures: a benchmark of red tests is void. */
        Result requireAllPassed(String what) {
            if (failed > 0 || aborted > 0) {
                throw new IllegalStateException(what + ": " + failed + " failed, " + aborted + " aborted; first: "
                        + String.join(" | ", firstFailures));
            }
            return this;
        }
    }

    private final Map<String, String> configuration = new LinkedHashMap<>();

    PlatformRun with(String key, String value) {
        configuration.put(key, value);
        return this;
    }

    PlatformRun with(Map<String, String> more) {
        configuration.putAll(more);
        return this;
    }

    Result run(Class<?> testClass) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(testClass))
                .configurationParameters(configuration)
                // only what is given here counts: no junit-platform.properties, no -D leaking in
                .enableImplicitConfigurationParameters(false)
                .build();
        Launcher launcher = LauncherFactory.create();
        TestPlan plan = launcher.discover(request);
        Counting counting = new Counting();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        launcher.execute(plan, counting);
        long nanos = System.nanoTime() - start;
        long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
        return new Result(
                nanos, cpu, counting.succeeded.get(), counting.failed.get(), counting.aborted.get(), counting.failures);
    }

    private static final class Counting implements TestExecutionListener {
        final AtomicLong succeeded = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong aborted = new AtomicLong();
        final List<String> failures = new ArrayList<>();

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (!id.isTest()) {
                if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    remember(id, result);
                    failed.incrementAndGet();
                }
                return;
            }
            switch (result.getStatus()) {
                case SUCCESSFUL -> succeeded.incrementAndGet();
                case FAILED -> {
                    failed.incrementAndGet();
                    remember(id, result);
                }
                case ABORTED -> {
                    aborted.incrementAndGet();
                    remember(id, result);
                }
            }
        }

        private void remember(TestIdentifier id, TestExecutionResult result) {
            synchronized (failures) {
                if (failures.size() < 3) {
                    failures.add(id.getDisplayName() + ": "
                            + result.getThrowable().map(Throwable::toString).orElse("?"));
                }
            }
        }
    }
}
