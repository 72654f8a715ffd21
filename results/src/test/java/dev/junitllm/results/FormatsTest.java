package dev.junitllm.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junitllm.stats.Interval;
import org.junit.jupiter.api.Test;

class FormatsTest {

    @Test
    void moneyRoundsSensibly() {
        assertThat(Formats.money(0.012345)).isEqualTo("$0.0123");
        assertThat(Formats.money(0.00015)).isEqualTo("$0.0002");
        assertThat(Formats.money(0.00002)).isEqualTo("<$0.0001");
        assertThat(Formats.money(0.0)).isEqualTo("$0");
        assertThat(Formats.money(0.5)).isEqualTo("$0.5000");
        assertThat(Formats.money(12.345)).isEqualTo("$12.35");
        assertThat(Formats.money(1234.5)).isEqualTo("$1234.50");
        assertThat(Formats.money(null)).isEqualTo("unknown");
        assertThat(Formats.money(Double.NaN)).isEqualTo("unknown");
    }

    @Test
    void moneyDeltasCarryTheirSign() {
        assertThat(Formats.moneyDelta(0.0012)).isEqualTo("+$0.0012");
        assertThat(Formats.moneyDelta(-0.5)).isEqualTo("-$0.5000");
        assertThat(Formats.moneyDelta(-0.00001)).isEqualTo("-<$0.0001");
        assertThat(Formats.moneyDelta(0.0)).isEqualTo("$0");
        assertThat(Formats.moneyDelta(null)).isEqualTo("unknown");
    }

    @Test
    void ratesAndIntervalsAsPercentages() {
        assertThat(Formats.percent(0.64, 1)).isEqualTo("64.0%");
        assertThat(Formats.percent(0.955, 0)).isEqualTo("96%");
        assertThat(Formats.interval(Interval.wilson(16, 25), 1)).isEqualTo("44.5-79.8%");
        assertThat(Formats.interval(new Interval(0, 1), 0)).isEqualTo("0-100%");
    }
}
