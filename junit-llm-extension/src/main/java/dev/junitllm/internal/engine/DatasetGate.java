package dev.junitllm.internal.engine;

import dev.junitllm.GoldenDataset;
import dev.junitllm.results.DatasetGateResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * Collects the outcomes of one dataset × model's cases and decides the gate once all have finished.
 *
 * <p>Under parallel execution the gate invocation may start while cases still run; it then waits
 * (as a managed blocker, so JUnit's fork-join pool adds a thread instead of starving the cases).
 */
final class DatasetGate {

    private final String testId;
    private final GoldenDataset dataset;
    private final String model;
    private final List<Outcome> outcomes = new ArrayList<>();
    private int expected;

    DatasetGate(String testId, GoldenDataset dataset, String model) {
        this.testId = testId;
        this.dataset = dataset;
        this.model = model;
    }

    private record Outcome(int order, String caseId, boolean passed) {}

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

    /** Whether a failing case may still leave the gate green (so the case is reported as aborted). */
    boolean tolerates() {
        return dataset.minPassRate() < 1.0;
    }

    /** Called as each row is handed to JUnit; returns the row's order in the dataset. */
    synchronized int expectOneMore() {
        return expected++;
    }

    synchronized void caseDone(int order, String caseId, boolean passed) {
        outcomes.add(new Outcome(order, caseId, passed));
        notifyAll();
    }

    /** Waits for every case handed out so far, then decides. */
    DatasetGateResult decide() throws InterruptedException {
        ForkJoinPool.managedBlock(new ForkJoinPool.ManagedBlocker() {
            @Override
            public boolean block() throws InterruptedException {
                synchronized (DatasetGate.this) {
                    while (outcomes.size() < expected) {
                        DatasetGate.this.wait();
                    }
                }
                return true;
            }

            @Override
            public boolean isReleasable() {
                synchronized (DatasetGate.this) {
                    return outcomes.size() >= expected;
                }
            }
        });
        synchronized (this) {
            List<Outcome> sorted = new ArrayList<>(outcomes);
            sorted.sort(Comparator.comparingInt(Outcome::order));
            int passed = (int) sorted.stream().filter(Outcome::passed).count();
            List<String> failing = sorted.stream()
                    .filter(o -> !o.passed())
                    .map(Outcome::caseId)
                    .toList();
            int cases = sorted.size();
            boolean ok = cases == 0 || (double) passed / cases >= dataset.minPassRate() - 1e-12;
            return DatasetGateResult.of(
                    testId, dataset.value(), model, dataset.minPassRate(), cases, passed, failing, ok);
        }
    }
}
