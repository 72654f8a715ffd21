package dev.junitllm.assertions.internal.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junitllm.assertions.internal.Check;
import org.junit.jupiter.api.Test;

class SimilarityChecksTest {

    @Test
    void aScoreAtTheMinimumPasses() {
        Check check = SimilarityChecks.cosine("refund thirty days", "days thirty refund", 1.0);
        assertThat(check.passed()).isTrue();
        assertThat(check.verdict().reason()).isEqualTo("cosine 1.000 >= 1.000");
    }

    @Test
    void aFailureCarriesScoreAndReference() {
        Check check = SimilarityChecks.levenshtein("kitten", "sitting", 0.8);
        assertThat(check.passed()).isFalse();
        assertThat(check.verdict().metric()).isEqualTo("levenshtein");
        assertThat(check.verdict().threshold()).isEqualTo(0.8);
        assertThat(check.expected()).isEqualTo("sitting");
        assertThat(check.failureMessage()).contains("levenshtein").contains("0.800");
    }

    @Test
    void everyMetricHasItsName() {
        assertThat(SimilarityChecks.jaroWinkler("MARTHA", "MARHTA", 0.9)
                        .verdict()
                        .metric())
                .isEqualTo("jaroWinkler");
        assertThat(SimilarityChecks.rougeL("a b", "a b", 1).verdict().metric()).isEqualTo("rougeL");
        assertThat(SimilarityChecks.bleu("the fox", "the quick brown fox", 0.3).passed())
                .isFalse();
        assertThatThrownBy(() -> SimilarityChecks.bleu("a", "a", 1.2))
                .hasMessage("minimum bleu must be within 0..1 but was 1.2");
    }
}
