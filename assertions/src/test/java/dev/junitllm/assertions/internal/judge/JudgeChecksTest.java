package dev.junitllm.assertions.internal.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junitllm.assertions.Fakes;
import dev.junitllm.assertions.internal.Check;
import java.util.List;
import org.junit.jupiter.api.Test;

class JudgeChecksTest {

    static JudgePanel panel(int votes, String... answers) {
        return new JudgePanel(List.of(Fakes.FakeJudge.answering(answers)), votes, 0.0);
    }

    static String verdict(String v) {
        return "{\"critique\":\"c\",\"verdict\":\"" + v + "\"}";
    }

    @Test
    void aRubricPassesOnAStrictMajority() {
        Check two =
                JudgeChecks.rubric(panel(3, verdict("pass"), verdict("fail"), verdict("pass")), "t", "x", "q", null);
        assertThat(two.passed()).isTrue();
        assertThat(two.verdict().score()).isEqualTo(2.0 / 3);
        assertThat(two.verdict().reason())
                .isEqualTo("2/3 votes pass; [fake:judge] pass: c | [fake:judge] fail: c | [fake:judge] pass: c");
        Check even = JudgeChecks.rubric(panel(2, verdict("pass"), verdict("fail")), "t", "x", "q", null);
        assertThat(even.passed()).isFalse();
    }

    @Test
    void gEvalNormalisesAndNamesReferenceGrading() {
        String four = "{\"steps\":[\"s\"],\"critique\":\"c\",\"score\":4}";
        Check check = JudgeChecks.graded(panel(1, four), "t", "clear", 0.75, "q", "ref");
        assertThat(check.verdict().score()).isEqualTo(0.75);
        assertThat(check.verdict().metric()).isEqualTo("gEvalReference");
        assertThat(check.verdict().reason()).isEqualTo("score 0.750 >= 0.750; 4/5: c");
    }

    @Test
    void pairwiseNeedsAWinInBothOrders() {
        String a = "{\"critique\":\"c\",\"winner\":\"A\"}";
        Check inconsistent = JudgeChecks.pairwise(panel(1, a, a), "mine", "other", "better", "q");
        assertThat(inconsistent.passed()).isFalse();
        assertThat(inconsistent.verdict().reason()).startsWith("inconsistent: 0/1 wins");
        String b = "{\"critique\":\"c\",\"winner\":\"B\"}";
        assertThat(JudgeChecks.pairwise(panel(1, a, b), "mine", "other", "better", "q")
                        .passed())
                .isTrue();
        assertThat(JudgeChecks.winnerName("tie", true)).isEqualTo("tie");
    }

    @Test
    void toxicityCountsNotToxicVotes() {
        Check check = JudgeChecks.notToxic(panel(1, verdict("toxic")), "t", "q");
        assertThat(check.passed()).isFalse();
        assertThat(check.verdict().reason()).isEqualTo("0/1 votes not toxic; toxic: c");
    }

    @Test
    void votes() {
        assertThat(Votes.majority(3)).isEqualTo(2.0 / 3);
        assertThat(Votes.majority(4)).isEqualTo(0.75);
        assertThat(Votes.isMajority(2, 4)).isFalse();
        assertThatThrownBy(() -> new JudgePanel(List.of(), 1, 0)).hasMessage("a judge panel needs at least one judge");
    }
}
