package dev.junitllm.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junitllm.GoldenDataset;
import dev.junitllm.results.DatasetGateResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What a case tells its dataset gate, and how long the gate waits for it. */
class GateEntryTest {

    @GoldenDataset("datasets/strict.jsonl")
    void strict() {}

    @GoldenDataset(value = "datasets/tolerant.jsonl", minPassRate = 0.8)
    void tolerant() {}

    private static DatasetGate gate(String method) throws NoSuchMethodException {
        GoldenDataset dataset = GateEntryTest.class.getDeclaredMethod(method).getAnnotation(GoldenDataset.class);
        return new DatasetGate("Fixture#test", dataset, "openai:gpt-4o-mini", Duration.ofSeconds(5));
    }

    @Test
    void casesReportTheirOutcomeInDatasetOrder() throws Exception {
        DatasetGate gate = gate("tolerant");
        GateEntry first = GateEntry.of(gate, gate.offer(), "c1");
        GateEntry second = GateEntry.of(gate, gate.offer(), "c2");

        second.caseDone(false);
        first.caseDone(false);
        DatasetGateResult result = gate.decide().record();

        assertThat(result.cases()).isEqualTo(2);
        assertThat(result.passedCases()).isZero();
        assertThat(result.failingCaseIds()).containsExactly("c1", "c2");
        assertThat(result.passed()).isFalse();
    }

    @Test
    void theGateWaitsOnlyForRegisteredRowsAndReportsAPartialSelection() throws Exception {
        DatasetGate gate = gate("tolerant");
        int first = gate.offer();
        gate.offer();
        gate.offer();
        gate.register(first, "c1");

        GateEntry.of(gate, first, "c1").caseDone(true);
        DatasetGate.Decision decision = gate.decide();

        assertThat(decision.partial()).isTrue();
        assertThat(decision.ran()).isEqualTo(1);
        assertThat(decision.selected()).isEqualTo(3);
    }

    @Test
    void aDisabledRowIsDoneButNotCounted() throws Exception {
        DatasetGate gate = gate("tolerant");
        GateEntry.of(gate, gate.offer(), "c1").caseDone(true);
        GateEntry.of(gate, gate.offer(), "c2").caseDisabled();

        DatasetGate.Decision decision = gate.decide();

        assertThat(decision.partial()).isFalse();
        assertThat(decision.record().cases()).isEqualTo(1);
        assertThat(decision.record().passed()).isTrue();
    }

    @Test
    void theWaitIsBoundedAndNamesTheRowsStillPending() throws Exception {
        GoldenDataset dataset =
                GateEntryTest.class.getDeclaredMethod("tolerant").getAnnotation(GoldenDataset.class);
        DatasetGate gate = new DatasetGate("Fixture#test", dataset, "openai:gpt-4o-mini", Duration.ofMillis(200));
        int first = gate.offer();
        int second = gate.offer();
        gate.register(first, "c1");
        gate.register(second, "c2");
        GateEntry.of(gate, first, "c1").caseDone(true);

        assertThatThrownBy(gate::decide)
                .isInstanceOf(AssertionError.class)
                .hasMessage("Dataset gate of datasets/tolerant.jsonl on openai:gpt-4o-mini gave up after PT0.2S"
                        + " waiting for 1 of 2 rows that started but did not finish: c2;"
                        + " set -Dllm.gate.wait (e.g. 30m) if cases run longer");
    }
}
