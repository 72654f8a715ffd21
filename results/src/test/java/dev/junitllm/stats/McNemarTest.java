package dev.junitllm.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class McNemarTest {

    @Test
    void referenceValue() {
        assertThat(McNemar.exactPValue(15, 5)).isCloseTo(0.041, within(0.0005));
        // 2 * (1 + 20 + 190 + 1140 + 4845 + 15504) / 2^20
        assertThat(McNemar.exactPValue(15, 5)).isCloseTo(2 * 21700.0 / 1048576, within(1e-15));
        assertThat(McNemar.exactPValue(5, 15)).isEqualTo(McNemar.exactPValue(15, 5));
        // large tables: the normal approximation with continuity correction gives 0.0029 here
        assertThat(McNemar.exactPValue(600, 500)).isCloseTo(0.0029, within(0.0002));
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0, 1.0",
        "1, 0, 1.0",
        "4, 1, 0.375",
        "10, 0, 0.001953125",
        "7, 7, 1.0",
        "3, 2, 1.0",
        "0, 6, 0.03125",
        "5, 5, 1.0"
    })
    void smallTables(int b, int c, double expected) {
        assertThat(McNemar.exactPValue(b, c)).isCloseTo(expected, within(1e-15));
    }

    @Test
    void matchesExactArithmeticUpToTenThousandDiscordantCases() {
        int[][] tables = {{30, 12}, {100, 80}, {480, 520}, {2600, 2400}, {5000, 4800}, {4500, 5500}, {9000, 1000}};
        for (int[] t : tables) {
            double exact = exact(t[0], t[1]);
            double actual = McNemar.exactPValue(t[0], t[1]);
            assertThat(actual).as("b=%d c=%d", t[0], t[1]).isCloseTo(exact, within(Math.max(1e-300, exact * 1e-9)));
        }
    }

    @Test
    void tinyPValuesUnderflowToZeroWithoutNaN() {
        assertThat(McNemar.exactPValue(10_000, 0)).isEqualTo(0.0);
        assertThat(McNemar.exactPValue(9_999, 1)).isEqualTo(0.0);
        assertThat(McNemar.exactPValue(5_001, 4_999)).isCloseTo(exact(5_001, 4_999), within(1e-9));
    }

    @Test
    void significance() {
        assertThat(McNemar.significant(15, 5, 0.05)).isTrue();
        assertThat(McNemar.significant(4, 1, 0.05)).isFalse();
        assertThatThrownBy(() -> McNemar.significant(4, 1, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("alpha must be between 0 and 1 (exclusive), but was 1.0");
    }

    @Test
    void rejectsNegativeCounts() {
        assertThatThrownBy(() -> McNemar.exactPValue(-1, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("McNemar needs b >= 0 and c >= 0, but b = -1 and c = 3");
    }

    private static double exact(int b, int c) {
        int m = b + c;
        BigInteger sum = BigInteger.ZERO;
        BigInteger term = BigInteger.ONE;
        for (int i = 0; i <= Math.min(b, c); i++) {
            sum = sum.add(term);
            term = term.multiply(BigInteger.valueOf(m - i)).divide(BigInteger.valueOf(i + 1));
        }
        BigDecimal p = new BigDecimal(sum.shiftLeft(1))
                .divide(new BigDecimal(BigInteger.ONE.shiftLeft(m)), MathContext.DECIMAL128);
        return Math.min(1.0, p.doubleValue());
    }
}
