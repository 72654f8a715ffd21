package dev.junitllm.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class PassAtKTest {

    @Test
    void referenceValues() {
        assertThat(PassAtK.passAtK(10, 3, 1)).isCloseTo(0.30, within(1e-12));
        assertThat(PassAtK.passAtK(10, 3, 3)).isCloseTo(0.708, within(0.0005));
        assertThat(PassAtK.passHatK(10, 3, 3)).isCloseTo(0.008, within(0.0005));
        // exact: 1 - C(7,3)/C(10,3) = 1 - 35/120 and C(3,3)/C(10,3) = 1/120
        assertThat(PassAtK.passAtK(10, 3, 3)).isCloseTo(1 - 35.0 / 120, within(1e-12));
        assertThat(PassAtK.passHatK(10, 3, 3)).isCloseTo(1.0 / 120, within(1e-12));
    }

    @Test
    void edgeCases() {
        assertThat(PassAtK.passAtK(10, 8, 3)).isEqualTo(1.0); // n - c = 2 < k
        assertThat(PassAtK.passAtK(10, 0, 5)).isEqualTo(0.0);
        assertThat(PassAtK.passHatK(10, 2, 3)).isEqualTo(0.0); // c < k
        assertThat(PassAtK.passHatK(10, 10, 10)).isEqualTo(1.0);
        assertThat(PassAtK.passHatK(5, 4, 1)).isCloseTo(0.8, within(1e-12));
    }

    @Test
    void matchesExactBinomialsForAllSmallCounts() {
        for (int n = 1; n <= 30; n++) {
            for (int c = 0; c <= n; c++) {
                for (int k = 1; k <= n; k++) {
                    double exactAt = 1 - ratio(binomial(n - c, k), binomial(n, k));
                    double exactHat = ratio(binomial(c, k), binomial(n, k));
                    assertThat(PassAtK.passAtK(n, c, k)).isCloseTo(exactAt, within(1e-12));
                    assertThat(PassAtK.passHatK(n, c, k)).isCloseTo(exactHat, within(1e-12));
                }
            }
        }
    }

    @Test
    void tablesForEveryK() {
        assertThat(PassAtK.passAtKForAllK(3, 2))
                .containsExactly(
                        org.assertj.core.api.Assertions.entry(1, PassAtK.passAtK(3, 2, 1)),
                        org.assertj.core.api.Assertions.entry(2, 1.0),
                        org.assertj.core.api.Assertions.entry(3, 1.0));
        assertThat(PassAtK.passAtKForAllK(3, 2).get(1)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(PassAtK.passHatKForAllK(3, 2)).containsKeys(1, 2, 3);
        assertThat(PassAtK.passHatKForAllK(3, 2).get(2)).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(PassAtK.passHatKForAllK(3, 2).get(3)).isEqualTo(0.0);
    }

    @Test
    void rejectsImpossibleArguments() {
        assertThatThrownBy(() -> PassAtK.passAtK(10, 3, 11))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pass@k needs n >= 1, 0 <= c <= n and 1 <= k <= n, but n = 10, c = 3, k = 11");
        assertThatThrownBy(() -> PassAtK.passHatK(10, 11, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PassAtK.passAtK(0, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PassAtK.passAtK(5, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static BigInteger binomial(int n, int k) {
        if (k < 0 || k > n) {
            return BigInteger.ZERO;
        }
        BigInteger result = BigInteger.ONE;
        for (int i = 0; i < k; i++) {
            result = result.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1));
        }
        return result;
    }

    private static double ratio(BigInteger a, BigInteger b) {
        return new java.math.BigDecimal(a)
                .divide(new java.math.BigDecimal(b), java.math.MathContext.DECIMAL64)
                .doubleValue();
    }
}
