package dev.junitllm.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IntervalTest {

    @ParameterizedTest(name = "{0}/{1} -> [{2}, {3}]")
    @CsvSource({
        // reference values (REFERENCE.md), given to 2 or 3 decimals
        "8, 10, 0.49, 0.94, 0.005",
        "10, 10, 0.72, 1.00, 0.005",
        "45, 50, 0.79, 0.96, 0.005",
        "400, 500, 0.763, 0.833, 0.0005",
        // an independent computation: Python's decimal module at 50 significant digits, z = 1.96, of
        // low/high = (p + z²/2n ∓ z·sqrt(p(1−p)/n + z²/4n²)) / (1 + z²/n), clipped to [0, 1], printed as
        // the nearest doubles; the script is in docs/datasets.md, "Wilson 95% interval"
        "8, 10, 0.49015684672072335, 0.9433190520193067, 1e-9",
        "4, 4, 0.5100999795960008, 1.0, 1e-9",
        "48, 50, 0.8653966212204534, 0.9889613473391734, 1e-9",
        "0, 10, 0.0, 0.2775401687666166, 1e-9",
    })
    void wilsonMatchesKnownValues(int passes, int n, double low, double high, double tolerance) {
        Interval interval = Interval.wilson(passes, n);

        assertThat(interval.low()).isCloseTo(low, within(tolerance));
        assertThat(interval.high()).isCloseTo(high, within(tolerance));
    }

    @Test
    void perfectAndZeroScoresHitTheBoundsExactly() {
        assertThat(Interval.wilson(10, 10).high()).isEqualTo(1.0);
        assertThat(Interval.wilson(0, 10).low()).isEqualTo(0.0);
        assertThat(Interval.wilson(1, 1).high()).isEqualTo(1.0);
    }

    @Test
    void noSamplesMeansNoEvidence() {
        assertThat(Interval.wilson(0, 0)).isEqualTo(new Interval(0.0, 1.0));
    }

    @Test
    void widerQuantileGivesWiderInterval() {
        assertThat(Interval.wilson(8, 10, 2.576).width())
                .isGreaterThan(Interval.wilson(8, 10).width());
    }

    @Test
    void rejectsImpossibleCounts() {
        assertThatThrownBy(() -> Interval.wilson(11, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Wilson interval needs 0 <= passes <= n, but passes = 11 and n = 10");
        assertThatThrownBy(() -> Interval.wilson(-1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Interval.wilson(0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Interval.wilson(1, 2, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Wilson interval needs z > 0, but z = 0.0");
        assertThatThrownBy(() -> new Interval(0.6, 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid interval [0.6, 0.5]");
    }

    @Test
    void containsAndPrints() {
        Interval interval = Interval.wilson(8, 10);

        assertThat(interval.contains(0.8)).isTrue();
        assertThat(interval.contains(0.95)).isFalse();
        assertThat(interval).hasToString("[0.490, 0.943]");
    }
}
