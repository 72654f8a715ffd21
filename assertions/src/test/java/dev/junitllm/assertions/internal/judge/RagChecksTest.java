package dev.junitllm.assertions.internal.judge;

import static dev.junitllm.assertions.internal.judge.JudgeChecksTest.panel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junitllm.assertions.internal.Check;
import java.util.List;
import org.junit.jupiter.api.Test;

class RagChecksTest {

    @Test
    void faithfulnessListsUnsupportedClaims() {
        String answer = "{\"claims\":[{\"claim\":\"30 days\",\"evidence\":\"[1]\",\"supported\":true},"
                + "{\"claim\":\"free shipping\",\"evidence\":\"\",\"supported\":false}]}";
        Check check = RagChecks.faithfulness(() -> panel(1, answer), "t", List.of("Refunds in 30 days."), "q", 0.8);
        assertThat(check.verdict().score()).isEqualTo(0.5);
        assertThat(check.verdict().reason())
                .isEqualTo("faithfulness 0.500 < 0.800 (1/2); unsupported claims: \"free shipping\"");
    }

    @Test
    void trivialCasesNeedNoJudge() {
        Check empty = RagChecks.faithfulness(
                () -> {
                    throw new AssertionError("no judge needed");
                },
                " ",
                List.of("p"),
                "q",
                1.0);
        assertThat(empty.passed()).isTrue();
        assertThat(RagChecks.answerRelevancy(() -> null, "", "q", 0.7).verdict().reason())
                .isEqualTo("answerRelevancy 0.000 < 0.700: the answer is empty");
    }

    @Test
    void missingInputsAreNamed() {
        assertThatThrownBy(() -> RagChecks.faithfulness(() -> null, "t", null, "q", 1.0))
                .hasMessageStartingWith("isFaithfulToContext needs the retrieved context");
        assertThatThrownBy(() -> RagChecks.answerRelevancy(() -> null, "t", JudgeInputs.NOT_GIVEN, 0.7))
                .hasMessageStartingWith("isRelevantToQuestion needs the question");
        assertThatThrownBy(() -> RagChecks.contextRecall(() -> null, "t", List.of("p"), null, "q", 0.8))
                .hasMessageStartingWith("hasContextRecallAtLeast needs the expected answer");
    }

    @Test
    void contextRecallNumbersThePassages() {
        assertThat(JudgeInputs.context(List.of("a", "b"), "x")).isEqualTo("[1] a\n[2] b");
        String answer = "{\"sentences\":[{\"sentence\":\"s\",\"attributed\":false}]}";
        Check check = RagChecks.contextRecall(() -> panel(1, answer), "t", List.of("p"), "ref", "q", 0.0);
        assertThat(check.verdict().score()).isZero();
        assertThat(check.passed()).isTrue();
        assertThat(check.verdict().reason()).endsWith("; statements missing from the context: \"s\"");
    }
}
