package dev.junitllm.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void roundsSensibly() {
        assertThat(Money.format(0.012345)).isEqualTo("$0.0123");
        assertThat(Money.format(0.00015)).isEqualTo("$0.0002");
        assertThat(Money.format(0.00002)).isEqualTo("<$0.0001");
        assertThat(Money.format(0.0)).isEqualTo("$0");
        assertThat(Money.format(0.5)).isEqualTo("$0.5000");
        assertThat(Money.format(12.345)).isEqualTo("$12.35");
        assertThat(Money.format(1234.5)).isEqualTo("$1234.50");
        assertThat(Money.format(null)).isEqualTo("unknown");
    }

    @Test
    void deltasCarryTheirSign() {
        assertThat(Money.formatDelta(0.0012)).isEqualTo("+$0.0012");
        assertThat(Money.formatDelta(-0.5)).isEqualTo("-$0.5000");
        assertThat(Money.formatDelta(-0.00001)).isEqualTo("-<$0.0001");
        assertThat(Money.formatDelta(0.0)).isEqualTo("$0");
    }
}
