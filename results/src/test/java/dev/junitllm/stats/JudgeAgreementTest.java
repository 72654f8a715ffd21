package dev.junitllm.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class JudgeAgreementTest {

    // 100 items: human pass 60 (judge passes 54), human fail 40 (judge fails 32)
    private final JudgeAgreement agreement = new JudgeAgreement(54, 8, 6, 32);

    @Test
    void ratesAndKappaByHand() {
        assertThat(agreement.total()).isEqualTo(100);
        assertThat(agreement.tpr()).isCloseTo(0.9, within(1e-12));
        assertThat(agreement.tnr()).isCloseTo(0.8, within(1e-12));
        assertThat(agreement.observedAgreement()).isCloseTo(0.86, within(1e-12));
        // p_e = 0.6 * 0.62 + 0.4 * 0.38 = 0.524; kappa = (0.86 - 0.524) / 0.476
        assertThat(agreement.kappa()).isCloseTo(0.336 / 0.476, within(1e-12));
    }

    @Test
    void roganGladenCorrection() {
        // (0.62 + 0.8 - 1) / (0.9 + 0.8 - 1) = 0.42 / 0.7 = 0.6: the human pass rate is recovered
        assertThat(agreement.correctedRate(0.62)).isCloseTo(0.6, within(1e-12));
        assertThat(JudgeAgreement.roganGladen(0.1, 0.9, 0.8)).isEqualTo(0.0); // clipped
        assertThat(JudgeAgreement.roganGladen(1.0, 0.9, 0.95)).isEqualTo(1.0); // clipped
    }

    @Test
    void correctionIsUndefinedForAJudgeNoBetterThanChance() {
        assertThatThrownBy(() -> JudgeAgreement.roganGladen(0.5, 0.5, 0.5))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The pass rate cannot be corrected: TPR + TNR - 1 = 0.000 <= 0,"
                        + " so the judge is no better than chance (TPR = 0.5, TNR = 0.5)");
        assertThatThrownBy(() -> JudgeAgreement.roganGladen(0.5, 0.3, 0.4))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TPR + TNR - 1 = -0.300 <= 0");
        assertThatThrownBy(() -> JudgeAgreement.roganGladen(1.2, 0.9, 0.9))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("observed pass rate must be between 0 and 1, but was 1.2");
    }

    @Test
    void countsPairedLabels() {
        JudgeAgreement counted = JudgeAgreement.of(
                List.of(true, true, true, false, false, true), List.of(true, false, true, true, false, true));

        assertThat(counted).isEqualTo(new JudgeAgreement(3, 1, 1, 1));
    }

    @Test
    void kappaForAnyLabels() {
        // p_o = 3/4, p_e = (2/4)(2/4) + (1/4)(0) + (1/4)(1/4) = 0.3125
        assertThat(JudgeAgreement.kappa(List.of(5, 4, 2, 5), List.of(5, 3, 2, 5)))
                .isCloseTo((0.75 - 0.3125) / (1 - 0.3125), within(1e-12));
    }

    @Test
    void kappaForAnyLabelsAgreesWithTheBinaryTable() {
        List<Boolean> human = new java.util.ArrayList<>();
        List<Boolean> judge = new java.util.ArrayList<>();
        addPairs(human, judge, true, true, 54);
        addPairs(human, judge, false, true, 8);
        addPairs(human, judge, true, false, 6);
        addPairs(human, judge, false, false, 32);

        assertThat(JudgeAgreement.of(human, judge)).isEqualTo(agreement);
        assertThat(JudgeAgreement.kappa(human, judge)).isCloseTo(agreement.kappa(), within(1e-12));
    }

    @Test
    void kappaForAnyLabelsRejectsBadInput() {
        assertThatThrownBy(() -> JudgeAgreement.kappa(List.of(1, 2), List.of(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Labels must be paired, but there are 2 and 1 labels");
        assertThatThrownBy(() -> JudgeAgreement.kappa(List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No labels to compare");
        assertThatThrownBy(() -> JudgeAgreement.kappa(List.of("a", "a"), List.of("a", "a")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Cohen's kappa is undefined: both raters give every item the same single label");
    }

    private static void addPairs(List<Boolean> human, List<Boolean> judge, boolean h, boolean j, int times) {
        for (int i = 0; i < times; i++) {
            human.add(h);
            judge.add(j);
        }
    }

    @Test
    void perfectAgreementHasKappaOne() {
        assertThat(new JudgeAgreement(5, 0, 0, 5).kappa()).isEqualTo(1.0);
    }

    @Test
    void undefinedMeasuresSayWhy() {
        JudgeAgreement allPass = new JudgeAgreement(5, 0, 0, 0);
        assertThatThrownBy(allPass::tnr)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("TNR is undefined: no item is labelled fail by a human");
        assertThatThrownBy(allPass::kappa)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Cohen's kappa is undefined: judge and human give every item the same single label");
        assertThatThrownBy(new JudgeAgreement(0, 0, 0, 5)::tpr)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("TPR is undefined: no item is labelled pass by a human");
        assertThatThrownBy(new JudgeAgreement(0, 0, 0, 0)::kappa)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("No labels to compare");
        assertThatThrownBy(() -> JudgeAgreement.of(List.of(true), List.of(true, false)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Human and judge labels must be paired, but there are 1 human and 2 judge labels");
        assertThatThrownBy(() -> new JudgeAgreement(-1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void kappaIntervalUsesCohensLargeSampleStandardError() {
        // p_o = 0.85, p_e = 0.5: SE = sqrt(0.85 * 0.15 / (100 * 0.25)) = 0.0714143, 1.96 SE = 0.1399720
        Interval i = new JudgeAgreement(40, 10, 5, 45).kappaInterval();
        org.assertj.core.api.Assertions.assertThat(i.low())
                .isCloseTo(0.5600280, org.assertj.core.api.Assertions.within(1e-6));
        org.assertj.core.api.Assertions.assertThat(i.high())
                .isCloseTo(0.8399720, org.assertj.core.api.Assertions.within(1e-6));
        // perfect agreement on 4 items: SE 0, clipped at 1
        org.assertj.core.api.Assertions.assertThat(new JudgeAgreement(2, 0, 0, 2).kappaInterval())
                .isEqualTo(new Interval(1.0, 1.0));
    }
}
