package dev.junitllm.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.junitllm.stats.Sprt.Decision;
import org.junit.jupiter.api.Test;

class SprtTest {

    private final Sprt sprt = Sprt.of(0.9, 0.7, 0.05, 0.05);

    @Test
    void twelveStraightPassesAccept() {
        assertThat(sprt.decide(11, 0)).isEqualTo(Decision.CONTINUE);
        assertThat(sprt.decide(12, 0)).isEqualTo(Decision.ACCEPT);
    }

    @Test
    void threeEarlyFailuresReject() {
        assertThat(sprt.decide(0, 2)).isEqualTo(Decision.CONTINUE);
        assertThat(sprt.decide(0, 3)).isEqualTo(Decision.REJECT);
        assertThat(sprt.decide(1, 3)).isEqualTo(Decision.REJECT);
    }

    @Test
    void boundsAndStepsFollowWald() {
        assertThat(sprt.rejectBound()).isCloseTo(Math.log(19), within(1e-12));
        assertThat(sprt.acceptBound()).isCloseTo(-Math.log(19), within(1e-12));
        assertThat(sprt.logLikelihoodRatio(1, 0)).isCloseTo(Math.log(7.0 / 9), within(1e-12));
        assertThat(sprt.logLikelihoodRatio(0, 1)).isCloseTo(Math.log(3), within(1e-12));
        assertThat(sprt.decide(5, 1)).isEqualTo(Decision.CONTINUE);
    }

    @Test
    void rejectsInvalidParameters() {
        assertThatThrownBy(() -> Sprt.of(0.7, 0.9, 0.05, 0.05))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SPRT needs 0 < p1 < p0 < 1, but p0 = 0.7 and p1 = 0.9");
        assertThatThrownBy(() -> Sprt.of(0.9, 0.7, 0.6, 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SPRT needs 0 < alpha, beta and alpha + beta < 1, but alpha = 0.6 and beta = 0.5");
        assertThatThrownBy(() -> sprt.decide(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
