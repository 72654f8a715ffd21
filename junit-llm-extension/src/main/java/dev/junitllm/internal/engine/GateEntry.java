package dev.junitllm.internal.engine;

/**
 * A case's place in its dataset gate: tells the gate how the case ended. A failing case fails in
 * JUnit whatever the gate's tolerance (so IDEs, consoles and Surefire show it as failed); the gate
 * decides the dataset, and the build follows the gate through the Maven {@code check} goal. A case
 * without a dataset has no gate.
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

    /** Must be called once per case that JUnit ran, whatever happened to it, or the gate waits for it. */
    void caseDone(boolean passed) {
        caseDone(passed, null);
    }

    /** As {@link #caseDone(boolean)}, with why a failed case failed, for the gate's message. */
    void caseDone(boolean passed, String reason) {
        if (gate != null) {
            gate.caseDone(order, caseId, passed, reason);
        }
    }

    /** The case was disabled by an execution condition: done for the gate, but not counted. */
    void caseDisabled() {
        if (gate != null) {
            gate.caseDisabled(order, caseId);
        }
    }
}
