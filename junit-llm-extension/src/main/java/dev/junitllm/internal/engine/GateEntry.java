package dev.junitllm.internal.engine;

import org.opentest4j.TestAbortedException;

/**
 * A case's place in its dataset gate: tells the gate how the case ended and, when the gate may still
 * pass, turns the case's failure into an abort so that only the gate decides the build. A case
 * without a dataset has no gate; its failures stay failures.
 */
final class GateEntry {

    private static final GateEntry NONE = new GateEntry(null, 0, null);

    private final DatasetGate gate;
    private final int order;
    private final String caseId;

    private GateEntry(DatasetGate gate, int order, String caseId) {
        this.gate = gate;
        this.order = order;
        this.caseId = caseId;
    }

    /** The entry of the row {@code caseId}, handed out as the {@code order}th of {@code gate}'s cases. */
    static GateEntry of(DatasetGate gate, int order, String caseId) {
        return new GateEntry(gate, order, caseId);
    }

    static GateEntry none() {
        return NONE;
    }

    /** Must be called once per case, whatever happened to it, or the gate waits for it forever. */
    void caseDone(boolean passed) {
        if (gate != null) {
            gate.caseDone(order, caseId, passed);
        }
    }

    /** What the case throws for {@code failure}: the failure itself, or an abort the gate counts. */
    Throwable toThrow(AssertionError failure) {
        if (gate != null && gate.tolerates()) {
            TestAbortedException aborted = new TestAbortedException("Case FAILED; counted by the dataset gate (needs "
                    + FailureSummary.percent(gate.minPassRate()) + " of cases): " + failure.getMessage());
            aborted.initCause(failure);
            return aborted;
        }
        return failure;
    }
}
