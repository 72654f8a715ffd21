package dev.junitllm.assertions;

import static dev.junitllm.assertions.Fakes.response;
import static dev.junitllm.assertions.LlmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.junitllm.assertions.internal.text.TextMetrics;
import dev.junitllm.internal.engine.CurrentContext;
import org.junit.jupiter.api.Test;

class SimilarityAssertionsTest {

    private static final String CANDIDATE = "the quick brown fox jumps over the dog";
    private static final String REFERENCE = "the quick brown fox jumped over the lazy dog";

    @Test
    void bleuMatchesTheHandComputedValue() {
        // p1 = 7/8, p2 = 4/7, p3 = 2/6, p4 = 1/5; BP = e^(1 - 9/8); BLEU = BP * (1/30)^(1/4)
        double expected = Math.exp(1 - 9.0 / 8) * Math.pow(1.0 / 30, 0.25);
        org.assertj.core.api.Assertions.assertThat(TextMetrics.bleu(CANDIDATE, REFERENCE))
                .isCloseTo(expected, within(1e-12))
                .isCloseTo(0.377079, within(1e-6));
    }

    @Test
    void bleuIsZeroWithoutAnyFourGramMatchAndOneForIdenticalText() {
        org.assertj.core.api.Assertions.assertThat(TextMetrics.bleu("the cat sat on the mat", "the cat is on the mat"))
                .isZero();
        org.assertj.core.api.Assertions.assertThat(TextMetrics.bleu("the fox", "the quick brown fox"))
                .isZero();
        org.assertj.core.api.Assertions.assertThat(TextMetrics.bleu(REFERENCE, REFERENCE))
                .isCloseTo(1.0, within(1e-12));
    }

    @Test
    void bleuClipsRepeatedWords() {
        // "the the the the" vs "the cat": p1 clipped = 1/4, no bigram match -> 0
        org.assertj.core.api.Assertions.assertThat(TextMetrics.bleu("the the the the", "the cat sat down"))
                .isZero();
        // longer candidate: BP = 1; all n-grams of "a b c d" found in "a b c d e" except none missing
        org.assertj.core.api.Assertions.assertThat(TextMetrics.bleu("a b c d e", "a b c d"))
                .isCloseTo(Math.pow((4.0 / 5) * (3.0 / 4) * (2.0 / 3) * (1.0 / 2), 0.25), within(1e-12));
    }

    @Test
    void rougeLMatchesTheHandComputedValue() {
        // LCS = 7 ("the quick brown fox over the dog"), R = 7/9, P = 7/8, F1 = 98/119
        org.assertj.core.api.Assertions.assertThat(TextMetrics.rougeL(CANDIDATE, REFERENCE))
                .isCloseTo(98.0 / 119, within(1e-12));
        org.assertj.core.api.Assertions.assertThat(TextMetrics.rougeL("a b", "c d"))
                .isZero();
        org.assertj.core.api.Assertions.assertThat(TextMetrics.rougeL("", "")).isEqualTo(1.0);
    }

    @Test
    void levenshteinJaroWinklerAndCosine() {
        org.assertj.core.api.Assertions.assertThat(TextMetrics.levenshteinSimilarity("kitten", "sitting"))
                .isCloseTo(1 - 3.0 / 7, within(1e-12));
        org.assertj.core.api.Assertions.assertThat(TextMetrics.jaroWinkler("MARTHA", "MARHTA"))
                .isCloseTo(0.9611, within(1e-4));
        // word counts {refund, within, thirty, days} vs {refund, after, thirty, days}: 3 / (2 * 2)
        org.assertj.core.api.Assertions.assertThat(
                        TextMetrics.cosine("Refund within thirty days", "refund after thirty days"))
                .isCloseTo(0.75, within(1e-12));
        org.assertj.core.api.Assertions.assertThat(TextMetrics.cosine("hello", "refund"))
                .isZero();
    }

    @Test
    void scoredAssertionsPassAndFailWithScoreAndThreshold() {
        assertThat(response(CANDIDATE))
                .hasRougeLAtLeast(REFERENCE, 0.8)
                .hasBleuAtLeast(REFERENCE, 0.3)
                .hasLevenshteinSimilarityAtLeast(REFERENCE, 0.7)
                .hasJaroWinklerSimilarityAtLeast(REFERENCE, 0.8)
                .hasCosineSimilarityAtLeast(REFERENCE, 0.8);
        assertThat(response("kitten")).hasLevenshteinSimilarityAtLeast("kitted", 0.8);

        assertThatThrownBy(() -> assertThat(response(CANDIDATE)).hasRougeLAtLeast(REFERENCE, 0.9))
                .hasMessage(String.format(
                        "%nExpecting actual:%n  \"%s\"%nto have rougeL >= 0.900 against:%n  \"%s\"%nbut was 0.824%n",
                        CANDIDATE, REFERENCE));
        assertThatThrownBy(() -> assertThat(response(CANDIDATE)).hasBleuAtLeast(REFERENCE, 0.5))
                .hasMessageContaining("to have bleu >= 0.500 against")
                .hasMessageContaining("but was 0.377");
        assertThatThrownBy(() -> assertThat(response("x")).hasBleuAtLeast("x", 1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("minimum bleu must be within 0..1 but was 1.5");
    }

    @Test
    void scoredVerdictsCarryTheScore() {
        Fakes.FakeContext ctx = new Fakes.FakeContext();
        try (CurrentContext.Binding ignored = CurrentContext.bind(ctx)) {
            assertThatThrownBy(() -> assertThat(response(CANDIDATE)).hasRougeLAtLeast(REFERENCE, 0.9));
        }
        org.assertj.core.api.Assertions.assertThat(ctx.last().metric()).isEqualTo("rougeL");
        org.assertj.core.api.Assertions.assertThat(ctx.last().score()).isCloseTo(98.0 / 119, within(1e-12));
        org.assertj.core.api.Assertions.assertThat(ctx.last().threshold()).isEqualTo(0.9);
        org.assertj.core.api.Assertions.assertThat(ctx.last().passed()).isFalse();
        org.assertj.core.api.Assertions.assertThat(ctx.last().reason()).isEqualTo("rougeL 0.824 < 0.900");
    }
}
