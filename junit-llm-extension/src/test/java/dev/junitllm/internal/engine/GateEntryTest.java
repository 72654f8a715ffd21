package dev.junitllm.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junitllm.GoldenDataset;
import dev.junitllm.results.DatasetGateResult;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** What a case tells its dataset gate, and what it throws when it fails. */
class GateEntryTest {

    @GoldenDataset("datasets/strict.jsonl")
    void strict() {}

    @GoldenDataset(value = "datasets/tolerant.jsonl", minPassRate = 0.8)
    void tolerant() {}

    private static DatasetGate gate(String method) throws NoSuchMethodException {
        GoldenDataset dataset = GateEntryTest.class.getDeclaredMethod(method).getAnnotation(GoldenDataset.class);
        return new DatasetGate("Fixture#test", dataset, "openai:gpt-4o-mini");
    }

    @Test
    void aCaseWithoutAGateThrowsItsFailure() {
        AssertionError failure = new AssertionError("wrong");

        GateEntry.none().caseDone(false);

        assertThat(GateEntry.none().toThrow(failure)).isSameAs(failure);
    }

    @Test
    void aStrictGateLetsTheCaseFail() throws Exception {
        AssertionError failure = new AssertionError("wrong");

        assertThat(GateEntry.of(gate("strict"), 0, "c1").toThrow(failure)).isSameAs(failure);
    }

    @Test
    void aTolerantGateTurnsTheFailureIntoAnAbortItCounts() throws Exception {
        AssertionError failure = new AssertionError("wrong");

        Throwable thrown = GateEntry.of(gate("tolerant"), 0, "c1").toThrow(failure);

        assertThat(thrown)
                .isInstanceOf(TestAbortedException.class)
                .hasMessage("Case FAILED; counted by the dataset gate (needs 80.0% of cases): wrong")
                .hasCause(failure);
    }

    @Test
    void casesReportTheirOutcomeInDatasetOrder() throws Exception {
        DatasetGate gate = gate("tolerant");
        GateEntry first = GateEntry.of(gate, gate.expectOneMore(), "c1");
        GateEntry second = GateEntry.of(gate, gate.expectOneMore(), "c2");

        second.caseDone(false);
        first.caseDone(false);
        DatasetGateResult result = gate.decide();

        assertThat(result.cases()).isEqualTo(2);
        assertThat(result.passedCases()).isZero();
        assertThat(result.failingCaseIds()).containsExactly("c1", "c2");
        assertThat(result.passed()).isFalse();
    }
}
