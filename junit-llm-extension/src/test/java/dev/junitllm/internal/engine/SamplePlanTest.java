package dev.junitllm.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junitllm.internal.engine.SamplePlan.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SamplePlanTest {

    @ParameterizedTest(name = "n={0}, p={1} -> {2} passes")
    @CsvSource({
        "5, 0.8, 4",
        "10, 0.7, 7",
        "10, 0.75, 8",
        "3, 0.5, 2",
        "1, 1.0, 1",
        "5, 1.0, 5",
        "5, 0.0, 0",
        "7, 0.01, 1",
        "100, 0.95, 95",
        "3, 0.6666666666666666, 2"
    })
    void requiredPassesIsTheCeilingWithoutFloatingPointNoise(int n, double p, int required) {
        SamplePlan plan = SamplePlan.of(n, p);

        assertThat(plan.requiredPasses()).isEqualTo(required);
        assertThat(plan.allowedFailures()).isEqualTo(n - required);
    }

    @Test
    void decidesAsSoonAsTheOutcomeCannotChange() {
        SamplePlan plan = SamplePlan.of(5, 0.8); // 4 passes required, 1 failure allowed

        assertThat(plan.outcome(0, 0)).isEqualTo(Outcome.UNDECIDED);
        assertThat(plan.outcome(3, 1)).isEqualTo(Outcome.UNDECIDED);
        assertThat(plan.outcome(4, 0)).isEqualTo(Outcome.PASSED);
        assertThat(plan.outcome(4, 1)).isEqualTo(Outcome.PASSED);
        assertThat(plan.outcome(0, 2)).isEqualTo(Outcome.FAILED);
        assertThat(plan.outcome(3, 2)).isEqualTo(Outcome.FAILED);
    }

    @Test
    void earlyDecisionAlwaysEqualsTheVerdictOfAllSamples() {
        // Every pass/fail sequence of every plan up to n = 10: stopping early never changes the verdict.
        double[] rates = {0.0, 0.1, 0.5, 0.6, 0.7, 0.75, 0.8, 0.9, 0.95, 1.0};
        for (int n = 1; n <= 10; n++) {
            for (double p : rates) {
                SamplePlan plan = SamplePlan.of(n, p);
                for (int bits = 0; bits < (1 << n); bits++) {
                    int totalPasses = Integer.bitCount(bits);
                    boolean fullVerdict = totalPasses >= Math.ceil(p * n - 1e-9);
                    int passes = 0;
                    int failures = 0;
                    while (!plan.shouldStop(passes, failures, true)) {
                        if ((bits >> (passes + failures) & 1) == 1) {
                            passes++;
                        } else {
                            failures++;
                        }
                    }
                    assertThat(plan.passed(passes, failures))
                            .as("n=%d p=%s sequence=%s", n, p, Integer.toBinaryString(bits))
                            .isEqualTo(fullVerdict);
                    assertThat(passes + failures).isBetween(1, n);
                }
            }
        }
    }

    @Test
    void withoutEarlyStopAllSamplesRun() {
        SamplePlan plan = SamplePlan.of(5, 0.8);

        assertThat(plan.shouldStop(4, 0, false)).isFalse();
        assertThat(plan.shouldStop(4, 0, true)).isTrue();
        assertThat(plan.shouldStop(4, 1, false)).isTrue();
    }

    @Test
    void alwaysRunsAtLeastOneSample() {
        SamplePlan plan = SamplePlan.of(5, 0.0);

        assertThat(plan.outcome(0, 0)).isEqualTo(Outcome.PASSED);
        assertThat(plan.shouldStop(0, 0, true)).isFalse();
        assertThat(plan.shouldStop(0, 1, true)).isTrue();
        assertThat(plan.passed(0, 1)).isTrue();
    }

    @Test
    void savesCallsWhenTheCaseIsClear() {
        SamplePlan plan = SamplePlan.of(10, 0.8); // 8 required, 2 failures allowed

        assertThat(plan.shouldStop(7, 0, true)).isFalse();
        assertThat(plan.shouldStop(8, 0, true)).isTrue(); // 2 calls saved
        assertThat(plan.shouldStop(0, 3, true)).isTrue(); // 7 calls saved
    }

    @Test
    void rejectsInvalidPlansAndCounts() {
        assertThatThrownBy(() -> SamplePlan.of(0, 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("samples must be at least 1, but was 0");
        assertThatThrownBy(() -> SamplePlan.of(5, 1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("minPassRate must be between 0 and 1, but was 1.5");
        assertThatThrownBy(() -> SamplePlan.of(5, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SamplePlan.of(5, 0.8).outcome(4, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Sample counts must be >= 0 and add up to at most 5, but passes = 4 and failures = 2");
        assertThatThrownBy(() -> SamplePlan.of(5, 0.8).passed(3, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The case is undecided after 3 passes and 1 failures of 5 samples (4 passes required)");
    }
}
