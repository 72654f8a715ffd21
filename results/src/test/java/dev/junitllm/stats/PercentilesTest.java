package dev.junitllm.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRank() {
        long[] values = {15, 20, 35, 40, 50};

        assertThat(Percentiles.percentile(values, 0)).isEqualTo(15);
        assertThat(Percentiles.percentile(values, 5)).isEqualTo(15);
        assertThat(Percentiles.percentile(values, 30)).isEqualTo(20);
        assertThat(Percentiles.percentile(values, 40)).isEqualTo(20);
        assertThat(Percentiles.percentile(values, 50)).isEqualTo(35);
        assertThat(Percentiles.percentile(values, 100)).isEqualTo(50);
    }

    @Test
    void hundredValues() {
        long[] values = LongStream.rangeClosed(1, 100).map(i -> 101 - i).toArray(); // unsorted

        assertThat(Percentiles.percentile(values, 50)).isEqualTo(50);
        assertThat(Percentiles.percentile(values, 95)).isEqualTo(95);
        assertThat(values[0]).isEqualTo(100); // input untouched
    }

    @Test
    void floatingPointDoesNotShiftTheRank() {
        long[] values = LongStream.rangeClosed(1, 20).toArray();

        assertThat(Percentiles.percentile(values, 95)).isEqualTo(19);
    }

    @Test
    void summary() {
        Percentiles.Summary summary = Percentiles.summarize(List.of(120L, 90L, 410L, 130L));

        assertThat(summary).isEqualTo(new Percentiles.Summary(120, 410, 410, 4));
        assertThat(Percentiles.summarize(List.of(7L))).isEqualTo(new Percentiles.Summary(7, 7, 7, 1));
    }

    @Test
    void rejectsEmptyInputAndBadPercentiles() {
        assertThatThrownBy(() -> Percentiles.summarize(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No values to take a percentile of");
        assertThatThrownBy(() -> Percentiles.percentile(new long[] {1}, 101))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("percentile must be between 0 and 100, but was 101.0");
    }
}
