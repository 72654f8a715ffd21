package dev.junitllm.assertions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junitllm.assertions.internal.error.ShouldBeSafe;
import dev.junitllm.assertions.internal.error.ShouldBeSemanticallySimilar;
import dev.junitllm.assertions.internal.error.ShouldBeStructured;
import dev.junitllm.assertions.internal.error.ShouldBeWithinBounds;
import dev.junitllm.assertions.internal.error.ShouldHaveScore;
import dev.junitllm.assertions.internal.error.ShouldSatisfyJudge;
import java.util.List;
import org.assertj.core.description.TextDescription;
import org.assertj.core.presentation.StandardRepresentation;
import org.junit.jupiter.api.Test;

class MessageFactoriesTest {

    @Test
    void semanticSimilarityMessageFollowsTheStyleGuide() {
        assertThat(ShouldBeSemanticallySimilar.shouldBeSemanticallySimilar(
                                "We ship worldwide.", "Refunds take 30 days.", 0.75, 0.1234)
                        .create())
                .isEqualTo(
                        String.format("%nExpecting actual:%n  \"We ship worldwide.\"%nto be semantically similar to:%n"
                                + "  \"Refunds take 30 days.\"%nwith similarity >= 0.750 but was 0.123%n"));
    }

    @Test
    void descriptionsArePrefixed() {
        assertThat(ShouldBeWithinBounds.shouldBeAtMost("cost (USD)", "0.0213", "0.01")
                        .create(new TextDescription("case %s", "r-07"), StandardRepresentation.STANDARD_REPRESENTATION))
                .isEqualTo(String.format(
                        "[case r-07] %nExpecting the response's cost (USD) to be at most 0.01 but it was 0.0213%n"));
    }

    @Test
    void scoredAndJudgeMessagesCarryScoreThresholdAndReason() {
        assertThat(ShouldHaveScore.shouldHaveScoreAtLeast("a", "rougeL", "b", 0.8, 0.5, "")
                        .create())
                .isEqualTo(String.format(
                        "%nExpecting actual:%n  \"a\"%nto have rougeL >= 0.800 against:%n  \"b\"%nbut was 0.500%n"));
        assertThat(ShouldSatisfyJudge.shouldScoreAtLeast("a", "Clear", 0.75, 0.25, "Vague; 100% unclear.")
                        .create())
                .isEqualTo(String.format(
                        "%nExpecting actual:%n  \"a\"%nto score at least 0.750 on the rubric:%n  \"Clear\"%n"
                                + "but the judge's score was 0.250%nreason: Vague; 100%% unclear.%n"));
        assertThat(ShouldSatisfyJudge.shouldBePreferred("A", "B", "More helpful", "inconsistent", "r")
                        .create())
                .contains("but the outcome was inconsistent");
    }

    @Test
    void structuralAndSafetyMessages() {
        assertThat(ShouldBeStructured.shouldMatchJsonSchema("{}", List.of("$.id: required", "$.qty: required"))
                        .create())
                .isEqualTo(
                        String.format("%nExpecting actual:%n  \"{}\"%nto match the JSON schema but found 2 error(s):%n"
                                + "  $.id: required%n  $.qty: required%n"));
        assertThat(ShouldBeSafe.shouldNotContainPii("x", List.of("EMAIL \"a@b.io\" at 0"))
                        .create())
                .isEqualTo(
                        String.format(
                                "%nExpecting actual:%n  \"x\"%nto contain no personal data but found:%n  EMAIL \"a@b.io\" at 0%n"));
        assertThat(ShouldBeSafe.shouldNotLeak("x", "CANARY-1").create())
                .isEqualTo(String.format(
                        "%nExpecting actual:%n  \"x\"%nnot to leak the canary:%n  \"CANARY-1\"%nbut it does%n"));
    }
}
