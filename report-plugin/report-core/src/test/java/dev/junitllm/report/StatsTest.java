package dev.junitllm.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void wilsonMatchesPublishedValues() {
        assertInterval(Stats.wilson(8, 10), 0.49, 0.94, 0.005);
        assertInterval(Stats.wilson(10, 10), 0.72, 1.00, 0.005);
        assertInterval(Stats.wilson(45, 50), 0.79, 0.96, 0.005);
        assertInterval(Stats.wilson(400, 500), 0.763, 0.833, 0.0005);
        assertInterval(Stats.wilson(0, 0), 0, 1, 0);
    }

    @Test
    void wilsonRejectsImpossibleCounts() {
        assertThatThrownBy(() -> Stats.wilson(3, 2)).hasMessageContaining("passed=3, n=2");
    }

    @Test
    void mcNemarExact() {
        assertThat(Stats.mcNemarExact(15, 5)).isCloseTo(0.0414, within(0.0001));
        assertThat(Stats.mcNemarExact(5, 15)).isCloseTo(0.0414, within(0.0001));
        assertThat(Stats.mcNemarExact(0, 6)).isEqualTo(2.0 / 64);
        assertThat(Stats.mcNemarExact(4, 1)).isEqualTo(0.375);
        assertThat(Stats.mcNemarExact(5, 5)).isEqualTo(1.0);
        assertThat(Stats.mcNemarExact(0, 0)).isEqualTo(1.0);
        assertThat(Stats.mcNemarExact(600, 500)).isCloseTo(0.0029, within(0.0002));
        assertThatThrownBy(() -> Stats.mcNemarExact(-1, 2)).hasMessageContaining("b=-1");
    }

    @Test
    void nearestRankPercentiles() {
        List<Long> values = List.of(5L, 1L, 4L, 2L, 3L, 10L, 9L, 8L, 7L, 6L);
        assertThat(Stats.percentile(values, 50)).isEqualTo(5L);
        assertThat(Stats.percentile(values, 95)).isEqualTo(10L);
        assertThat(Stats.percentile(List.of(7L), 95)).isEqualTo(7L);
        assertThat(Stats.percentile(List.of(), 50)).isNull();
    }

    private static void assertInterval(Stats.Interval interval, double low, double high, double tolerance) {
        assertThat(interval.low()).isCloseTo(low, within(tolerance));
        assertThat(interval.high()).isCloseTo(high, within(tolerance));
    }
}
