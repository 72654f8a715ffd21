package dev.junitllm.assertions;

import static dev.junitllm.assertions.LlmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.junitllm.Message;
import dev.junitllm.internal.engine.CurrentContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JudgeCalibrationTest {

    @TempDir
    Path dir;

    @Test
    void ratesKappaAndRoganGladenAgainstHandComputedValues() {
        // TP 40, FN 5, FP 10, TN 45: TPR 40/45, TNR 45/55, p_o 0.85,
        // p_e = 0.45 * 0.50 + 0.55 * 0.50 = 0.50, kappa = (0.85 - 0.50) / 0.50 = 0.70
        JudgeCalibration c = JudgeCalibration.of(40, 5, 10, 45);
        org.assertj.core.api.Assertions.assertThat(c.size()).isEqualTo(100);
        org.assertj.core.api.Assertions.assertThat(c.truePositiveRate()).isCloseTo(40.0 / 45, within(1e-12));
        org.assertj.core.api.Assertions.assertThat(c.trueNegativeRate()).isCloseTo(45.0 / 55, within(1e-12));
        org.assertj.core.api.Assertions.assertThat(c.observedAgreement()).isCloseTo(0.85, within(1e-12));
        org.assertj.core.api.Assertions.assertThat(c.cohensKappa()).isCloseTo(0.70, within(1e-12));
        org.assertj.core.api.Assertions.assertThat(c.judgePassRate()).isEqualTo(0.5);
        // (0.6 + 9/11 - 1) / (8/9 + 9/11 - 1) = (23/55) / (70/99) = 2277/3850
        org.assertj.core.api.Assertions.assertThat(c.correctedPassRate(0.6)).isCloseTo(2277.0 / 3850, within(1e-12));
        // clipped to [0, 1]
        org.assertj.core.api.Assertions.assertThat(c.correctedPassRate(0.0)).isZero();
        org.assertj.core.api.Assertions.assertThat(c.correctedPassRate(1.0)).isEqualTo(1.0);
    }

    @Test
    void secondHandComputedCase() {
        // TP 20, FN 10, FP 5, TN 15 (n 50): p_o = 0.7; human pass 0.6, judge pass 0.5;
        // p_e = 0.6 * 0.5 + 0.4 * 0.5 = 0.5; kappa = 0.4
        JudgeCalibration c = JudgeCalibration.of(20, 10, 5, 15);
        org.assertj.core.api.Assertions.assertThat(c.cohensKappa()).isCloseTo(0.4, within(1e-12));
        // TPR 2/3, TNR 3/4: (0.5 + 0.75 - 1) / (2/3 + 3/4 - 1) = 0.25 / (5/12) = 0.6
        org.assertj.core.api.Assertions.assertThat(c.correctedPassRate(0.5)).isCloseTo(0.6, within(1e-12));
    }

    @Test
    void undefinedCases() {
        org.assertj.core.api.Assertions.assertThat(
                        JudgeCalibration.of(10, 0, 0, 0).cohensKappa())
                .isNaN();
        org.assertj.core.api.Assertions.assertThat(
                        JudgeCalibration.of(10, 0, 0, 0).trueNegativeRate())
                .isNaN();
        assertThatThrownBy(() -> JudgeCalibration.of(10, 0, 0, 0).correctedPassRate(0.5))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs both human pass and human fail labels");
        assertThatThrownBy(() -> JudgeCalibration.of(5, 5, 5, 5).correctedPassRate(0.5))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TPR + TNR - 1 = 0.000 <= 0, the judge is no better than chance");
        assertThatThrownBy(() -> JudgeCalibration.of(0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JudgeCalibration.of(1, 1, 1, 1).correctedPassRate(1.2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("observed pass rate must be within 0..1 but was 1.2");
        assertThatThrownBy(() -> JudgeCalibration.of(1, 1, 1, 1).correctedPassRate(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("observed pass rate must be within 0..1 but was NaN");
        assertThatThrownBy(() -> JudgeCalibration.of(1, -1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("counts must not be negative");
    }

    @Test
    void theAssertionGatesOnAgreement() {
        Fakes.FakeContext ctx = new Fakes.FakeContext();
        try (CurrentContext.Binding ignored = CurrentContext.bind(ctx)) {
            assertThat(JudgeCalibration.of(47, 3, 2, 48)).isTrustworthy();
            assertThatThrownBy(
                            () -> assertThat(JudgeCalibration.of(40, 5, 10, 45)).isTrustworthy())
                    .hasMessage(
                            String.format(
                                    "%nExpecting the judge's true positive rate to be at least 0.900 but it was 0.889"
                                            + " (JudgeCalibration[n=100, TP=40, FN=5, FP=10, TN=45, TPR=0.889, TNR=0.818, kappa=0.700])%n"));
        }
        org.assertj.core.api.Assertions.assertThat(ctx.verdicts)
                .extracting(v -> v.metric() + "=" + v.passed())
                .containsExactly(
                        "judgeTruePositiveRate=true",
                        "judgeTrueNegativeRate=true",
                        "judgeKappa=true",
                        "judgeTruePositiveRate=false");
        assertThatThrownBy(() -> assertThat(JudgeCalibration.of(10, 0, 0, 0)).hasKappaAtLeast(0.1))
                .hasMessageContaining("Cohen's kappa to be at least 0.100 but it was undefined");
    }

    @Test
    void readsLabelledJsonl() throws IOException {
        Path file = dir.resolve("labels.jsonl");
        Files.writeString(file, """
                {"id":"1","output":"Refunds within 30 days.","human":"pass","judge":"pass"}
                {"id":"2","output":"Refunds within 14 days.","human":"fail","judge":"fail"}

                {"id":"3","output":"Returns accepted.","human":true,"judge":"fail"}
                {"id":"4","output":"No refunds.","human":"FAIL","judge":true}
                """);
        JudgeCalibration c = JudgeCalibration.fromJsonl(file);
        org.assertj.core.api.Assertions.assertThat(cells(c)).containsExactly(1, 1, 1, 1);
    }

    @Test
    void malformedRowsNameTheFileAndLine() throws IOException {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(
                file,
                "{\"output\":\"a\",\"human\":\"pass\",\"judge\":\"pass\"}\n{\"output\":\"b\",\"human\":\"maybe\"}\n");
        assertThatThrownBy(() -> JudgeCalibration.fromJsonl(file))
                .hasMessage(
                        file + " line 2: field 'human' must be \"pass\", \"fail\", true or false but was \"maybe\"");
        Files.writeString(file, "{\"output\":\"a\",\"human\":\"pass\"}\n");
        assertThatThrownBy(() -> JudgeCalibration.fromJsonl(file))
                .hasMessageStartingWith(file + " line 1: missing field 'judge'");
        Files.writeString(file, "{\"human\":\"pass\"}\n");
        assertThatThrownBy(() -> JudgeCalibration.fromJsonl(file))
                .hasMessage(file + " line 1: missing text field 'output'");
        Files.writeString(file, "{nope\n");
        assertThatThrownBy(() -> JudgeCalibration.fromJsonl(file))
                .hasMessageStartingWith(file + " line 1: not valid JSON");
        Files.writeString(file, "\n");
        assertThatThrownBy(() -> JudgeCalibration.fromJsonl(file)).hasMessage(file + ": no labelled outputs");
    }

    @Test
    void letsAJudgeLabelTheOutputs() throws IOException {
        Path file = dir.resolve("outputs.jsonl");
        Files.writeString(file, """
                {"id":"1","input":"Refund window?","output":"Refunds within 30 days.","human":"pass"}
                {"id":"2","input":"Refund window?","output":"Refunds within 14 days.","human":"fail"}
                {"id":"3","input":"Refund window?","output":"You have 30 days to return it.","human":"pass"}
                """);
        Fakes.FakeJudge judge = new Fakes.FakeJudge("fake:judge");
        judge.answerer = request -> {
            String user = request.messages().stream()
                    .filter(m -> m.role() == Message.Role.USER)
                    .findFirst()
                    .orElseThrow()
                    .content();
            boolean pass = user.contains("Refunds within 30 days.");
            return "{\"critique\":\"c\",\"verdict\":\"" + (pass ? "pass" : "fail") + "\"}";
        };
        JudgeCalibration c = JudgeCalibration.judge(file, judge, "States the 30-day window");
        org.assertj.core.api.Assertions.assertThat(cells(c)).containsExactly(1, 1, 0, 1);
        org.assertj.core.api.Assertions.assertThat(judge.requests).hasSize(3);
        org.assertj.core.api.Assertions.assertThat(
                        judge.requests.get(0).messages().get(1).content())
                .contains("<question>Refund window?</question>");
    }

    /** TP, FN, FP, TN: the order of {@link JudgeCalibration#of}. */
    private static List<Integer> cells(JudgeCalibration c) {
        return List.of(c.truePositives(), c.falseNegatives(), c.falsePositives(), c.trueNegatives());
    }
}
