package dev.junitllm.internal.engine;

import dev.junitllm.GoldenDataset;
import dev.junitllm.LlmConfiguration;
import dev.junitllm.results.DatasetGateResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ForkJoinPool;

/**
 * Collects the outcomes of one dataset × model's cases and decides the gate once all have finished.
 *
 * <p>A row counts for the gate only once JUnit creates its invocation ({@link #register}): JUnit
 * consumes every row the provider yields but filters them by unique id first (an IDE rerunning one
 * failed row), so a row that was only yielded will never run and must not be waited for. Under
 * parallel execution the gate invocation may start while cases still run; it then waits, as a
 * managed blocker (so JUnit's fork-join pool adds a thread instead of starving the cases), and at
 * most {@code llm.gate.wait}.
 */
final class DatasetGate {

    private final String testId;
    private final GoldenDataset dataset;
    private final String model;
    private final Duration maxWait;
    /** Rows the selection handed to JUnit, whether or not JUnit runs them. */
    private int offered;
    /** Rows JUnit created an invocation for, by order: the rows the gate waits for. */
    private final Map<Integer, String> registered = new TreeMap<>();

    private final Map<Integer, Outcome> outcomes = new TreeMap<>();
    private String loadFailure;

    DatasetGate(String testId, GoldenDataset dataset, String model, Duration maxWait) {
        this.testId = testId;
        this.dataset = dataset;
        this.model = model;
        this.maxWait = maxWait;
    }

    /** How a registered row ended; a disabled row is done but not counted. */
    private record Outcome(String caseId, boolean passed, boolean counted, String reason) {}

    /**
     * The gate's decision: a verdict over the whole selection, or none because only some of its rows
     * ran ({@code ran < selected}).
     */
    record Decision(DatasetGateResult record, int ran, int selected) {
        boolean partial() {
            return ran < selected;
        }
    }

    /** The dataset resource, as {@code @GoldenDataset} names it. */
    String dataset() {
        return dataset.value();
    }

    /** The model as {@code provider:model}. */
    String model() {
        return model;
    }

    double minPassRate() {
        return dataset.minPassRate();
    }

    /** Called as the selection hands a row to JUnit; returns the row's order in the dataset. */
    synchronized int offer() {
        return offered++;
    }

    /** Called when JUnit creates the row's invocation, i.e. the row will run (or be reported disabled). */
    synchronized void register(int order, String caseId) {
        registered.putIfAbsent(order, caseId);
    }

    synchronized void caseDone(int order, String caseId, boolean passed) {
        caseDone(order, caseId, passed, null);
    }

    /** {@code reason}: why a failed case failed, for the gate's message. */
    synchronized void caseDone(int order, String caseId, boolean passed, String reason) {
        registered.putIfAbsent(order, caseId);
        outcomes.put(order, new Outcome(caseId, passed, true, reason));
        notifyAll();
    }

    /** A row an execution condition disabled: it will not run, so the gate stops waiting for it. */
    synchronized void caseDisabled(int order, String caseId) {
        registered.putIfAbsent(order, caseId);
        outcomes.putIfAbsent(order, new Outcome(caseId, false, false, null));
        notifyAll();
    }

    /** The dataset could not be read to its end: the gate fails whatever the rows before did. */
    synchronized void loadFailed(int order, String caseId, String message) {
        loadFailure = message;
        caseDone(order, caseId, false, message);
    }

    /**
     * Waits for every registered row, at most {@code llm.gate.wait}, then decides.
     *
     * @throws AssertionError naming the rows still pending when the wait ran out
     */
    Decision decide() throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        ForkJoinPool.managedBlock(new ForkJoinPool.ManagedBlocker() {
            @Override
            public boolean block() throws InterruptedException {
                synchronized (DatasetGate.this) {
                    long left;
                    while (!allDone() && (left = deadline - System.nanoTime()) > 0) {
                        DatasetGate.this.wait(Math.max(1, left / 1_000_000));
                    }
                }
                return true;
            }

            @Override
            public boolean isReleasable() {
                synchronized (DatasetGate.this) {
                    return allDone() || System.nanoTime() - deadline >= 0;
                }
            }
        });
        synchronized (this) {
            if (!allDone()) {
                List<String> pending = new ArrayList<>();
                registered.forEach((order, id) -> {
                    if (!outcomes.containsKey(order)) {
                        pending.add(id);
                    }
                });
                throw new AssertionError("Dataset gate of " + dataset.value() + " on " + model + " gave up after "
                        + maxWait + " waiting for " + pending.size() + " of " + registered.size()
                        + " rows that started but did not finish: " + String.join(", ", pending)
                        + "; set -D" + LlmConfiguration.GATE_WAIT + " (e.g. 30m) if cases run longer");
            }
            List<Outcome> counted =
                    outcomes.values().stream().filter(Outcome::counted).toList();
            int passed = (int) counted.stream().filter(Outcome::passed).count();
            List<String> failing = counted.stream()
                    .filter(o -> !o.passed())
                    .map(Outcome::caseId)
                    .toList();
            int cases = counted.size();
            boolean ok =
                    loadFailure == null && (cases == 0 || (double) passed / cases >= dataset.minPassRate() - 1e-12);
            return new Decision(
                    DatasetGateResult.of(
                            testId, dataset.value(), model, dataset.minPassRate(), cases, passed, failing, ok),
                    registered.size(),
                    offered);
        }
    }

    /** Each failing case as {@code id: reason}, in dataset order, for the gate's failure message. */
    synchronized List<String> failingReasons() {
        return outcomes.values().stream()
                .filter(o -> o.counted() && !o.passed())
                .map(o -> o.caseId() + (o.reason() == null ? "" : ": " + o.reason()))
                .toList();
    }

    /** Why the gate failed whatever the pass rate, if the dataset could not be read. */
    synchronized String loadFailure() {
        return loadFailure;
    }

    private boolean allDone() {
        return outcomes.keySet().containsAll(registered.keySet());
    }
}
