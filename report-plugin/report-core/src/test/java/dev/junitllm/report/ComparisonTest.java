package dev.junitllm.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTest {

    private static final String T = "dev.example.RefundTest#refunds";
    private static final String D = "datasets/refunds.jsonl";
    private static final String M = "openai:gpt-4o-mini";

    /** 40 paired cases: 15 passed only before (b), 5 passed only after (c), 20 passed in both. */
    @Test
    void mcNemarFlagsASignificantRegression() {
        ResultsBuilder before = new ResultsBuilder(M);
        ResultsBuilder after = new ResultsBuilder(M);
        for (int i = 0; i < 40; i++) {
            boolean b = i < 15 || i >= 20;
            boolean a = (i >= 15 && i < 20) || i >= 20;
            before.addCase(T, D, "c" + i, M, 100, 0.001, 0.0, b);
            after.addCase(T, D, "c" + i, M, 150, 0.002, 0.0, a);
        }
        after.addCase(T, D, "new-case", M, true);

        Comparison cmp = Comparison.compare(
                "baseline", CaseRecord.fromResults(before.build()), CaseRecord.fromResults(after.build()), 0.05);

        JsonNode json = cmp.json();
        assertThat(json.path("pairedCases").asInt()).isEqualTo(40);
        assertThat(json.path("onlyInAfter").asInt()).isEqualTo(1);
        assertThat(json.path("newlyFailing")).hasSize(15);
        assertThat(json.path("newlyPassing")).hasSize(5);
        assertThat(json.path("newlyFailing").get(0).path("caseId").asText()).isEqualTo("c0");
        JsonNode row = json.path("datasets").get(0);
        assertThat(row.path("b").asInt()).isEqualTo(15);
        assertThat(row.path("c").asInt()).isEqualTo(5);
        assertThat(row.path("pValue").asDouble()).isCloseTo(0.041, within(0.001));
        assertThat(row.path("beforePassRate").asDouble()).isEqualTo(35.0 / 40);
        assertThat(row.path("afterPassRate").asDouble()).isEqualTo(25.0 / 40);
        assertThat(row.path("regression").asBoolean()).isTrue();
        assertThat(row.path("costDeltaUsd").asDouble()).isCloseTo(0.04, within(1e-12));
        assertThat(row.path("costDeltaText").asText()).isEqualTo("+$0.0400");
        assertThat(row.path("latencyDeltaMs").asLong()).isEqualTo(50);
        assertThat(cmp.significantRegression()).isTrue();
        assertThat(cmp.regressionLines())
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains(D, "87.5% -> 62.5%", "15 newly failing", "p=0.0414");

        Comparison reverse = Comparison.compare(
                "baseline", CaseRecord.fromResults(after.build()), CaseRecord.fromResults(before.build()), 0.05);
        assertThat(reverse.significantRegression()).isFalse();
        assertThat(reverse.json().path("datasets").get(0).path("improvement").asBoolean())
                .isTrue();
    }

    @Test
    void aFewNewFailuresAreNotSignificant() {
        ResultsBuilder before = new ResultsBuilder(M);
        ResultsBuilder after = new ResultsBuilder(M);
        for (int i = 0; i < 10; i++) {
            before.addCase(T, D, "c" + i, M, true);
            after.addCase(T, D, "c" + i, M, i != 3 && i != 7);
        }
        Comparison cmp = Comparison.compare(
                "previous", CaseRecord.fromResults(before.build()), CaseRecord.fromResults(after.build()), 0.05);
        assertThat(cmp.json().path("newlyFailing")).hasSize(2);
        assertThat(cmp.json().path("pValue").asDouble()).isEqualTo(0.5);
        assertThat(cmp.significantRegression()).isFalse();
        assertThat(cmp.regressionLines()).isEmpty();
    }

    /** With 5 samples per case, many cases losing one sample each is a regression the outcomes hide. */
    @Test
    void perCasePassRateDifferencesWhenSamplesAboveOne() {
        ResultsBuilder before = new ResultsBuilder(M);
        ResultsBuilder after = new ResultsBuilder(M);
        for (int i = 0; i < 8; i++) {
            before.addCase(T, D, "c" + i, M, true, true, true, true, true);
            after.addCase(T, D, "c" + i, M, true, true, true, true, false);
        }
        Comparison cmp = Comparison.compare(
                "baseline", CaseRecord.fromResults(before.build()), CaseRecord.fromResults(after.build()), 0.05);
        JsonNode row = cmp.json().path("datasets").get(0);
        assertThat(row.path("b").asInt()).isZero();
        assertThat(row.path("pValue").asDouble()).isEqualTo(1.0);
        assertThat(row.path("worseCases").asInt()).isEqualTo(8);
        assertThat(row.path("meanPassRateDelta").asDouble()).isCloseTo(-0.2, within(1e-9));
        assertThat(row.path("samplesPValue").asDouble()).isCloseTo(2.0 / 256, within(1e-15));
        assertThat(row.path("regression").asBoolean()).isTrue();
        assertThat(cmp.json().path("passRateChanges")).hasSize(8);
        assertThat(cmp.json()
                        .path("passRateChanges")
                        .get(0)
                        .path("afterPassRate")
                        .asDouble())
                .isEqualTo(0.8);
    }

    @Test
    void matrixComparisonPairsCasesAcrossModels() {
        String other = "anthropic:claude-haiku-4-5";
        ResultsBuilder run = new ResultsBuilder(M, other);
        for (int i = 0; i < 20; i++) {
            run.addCase(T, D, "c" + i, M, i < 18);
        }
        for (int i = 0; i < 20; i++) {
            run.addCase(T, D, "c" + i, other, i >= 10);
        }
        List<Comparison> cmps = Comparison.compareModels(CaseRecord.fromResults(run.build()), List.of(M, other), 0.05);
        assertThat(cmps).hasSize(1);
        JsonNode json = cmps.get(0).json();
        assertThat(json.path("baselineModel").asText()).isEqualTo(M);
        assertThat(json.path("candidateModel").asText()).isEqualTo(other);
        assertThat(json.path("pairedCases").asInt()).isEqualTo(20);
        assertThat(json.path("b").asInt()).isEqualTo(10);
        assertThat(json.path("c").asInt()).isEqualTo(2);
        assertThat(json.path("pValue").asDouble())
                .isCloseTo(dev.junitllm.stats.McNemar.exactPValue(10, 2), within(1e-12));
        assertThat(cmps.get(0).significantRegression()).isTrue();
    }

    /** The upgrade path: the baseline ran on model A, this run on model B; cases pair by test, dataset, case id. */
    @Test
    void aModelChangePairsCasesByCaseIdAndSaysSo() {
        String candidate = "openai:gpt-4.1-mini";
        ResultsBuilder before = new ResultsBuilder(M);
        ResultsBuilder after = new ResultsBuilder(candidate);
        for (int i = 0; i < 10; i++) {
            before.addCase(T, D, "refund-" + i, M, 100, 0.001, 0.0, true);
            after.addCase(T, D, "refund-" + i, candidate, 120, 0.003, 0.0, i >= 6);
        }
        Comparison cmp = Comparison.compare(
                "baseline", CaseRecord.fromResults(before.build()), CaseRecord.fromResults(after.build()), 0.05);

        JsonNode json = cmp.json();
        assertThat(cmp.compared()).isTrue();
        assertThat(json.path("pairedCases").asInt()).isEqualTo(10);
        assertThat(json.path("onlyInAfter").asInt()).isZero();
        assertThat(json.path("modelChange").asText()).isEqualTo("model change: " + M + " \u2192 " + candidate);
        assertThat(json.path("newlyFailing")).hasSize(6);
        assertThat(json.path("newlyFailing").get(0).path("beforeModel").asText())
                .isEqualTo(M);
        assertThat(json.path("costDeltaText").asText()).isEqualTo("+$0.0200");
        assertThat(json.path("latencyDeltaMs").asLong()).isEqualTo(20);
        assertThat(cmp.significantRegression()).isTrue();
        assertThat(cmp.regressionLines())
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains(
                        "model change " + M + " \u2192 " + candidate, "100.0% -> 40.0%", "6 newly failing", "p=0.0313");
    }

    @Test
    void zeroPairedCasesIsNotComparedWithTheReason() {
        ResultsBuilder before = new ResultsBuilder(M);
        ResultsBuilder after = new ResultsBuilder(M);
        before.addCase("dev.example.OldTest#old", D, "a", M, true);
        after.addCase(T, D, "b", M, true);
        Comparison cmp = Comparison.compare(
                "baseline", CaseRecord.fromResults(before.build()), CaseRecord.fromResults(after.build()), 0.05);
        assertThat(cmp.compared()).isFalse();
        assertThat(cmp.significantRegression()).isFalse();
        assertThat(cmp.notComparedReason())
                .contains("0 of this run's 1 cases pair with the reference's 1", "dev.example.OldTest#old");
        assertThat(cmp.json().path("compared").asBoolean()).isFalse();
        assertThat(cmp.json().path("notComparedReason").asText()).isEqualTo(cmp.notComparedReason());
    }

    /** A regressed case carries both runs' answers and failing reasons, also across a model change. */
    @Test
    void newlyFailingCasesCarryOldAndNewAnswers(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        String candidate = "openai:gpt-4.1-mini";
        ResultsBuilder before = new ResultsBuilder(M);
        ResultsBuilder after = new ResultsBuilder(candidate);
        before.addCase(T, D, "refund-1", M, true).answer("Refunds within 30 days of purchase.");
        after.addCase(T, D, "refund-1", candidate, false).answer("Refunds are not possible.");
        before.addCase(T, D, "refund-2", M, true);
        after.addCase(T, D, "refund-2", candidate, true);
        dev.junitllm.results.LlmResults baselineRun = before.build();
        java.nio.file.Path file = dir.resolve("llm-baseline.json");
        Baseline.write(file, CaseRecord.fromResults(baselineRun), baselineRun.run());

        Comparison cmp = Comparison.compare(
                "baseline", Baseline.read(file).orElseThrow(), CaseRecord.fromResults(after.build()), 0.05);

        JsonNode failing = cmp.json().path("newlyFailing");
        assertThat(failing).hasSize(1);
        JsonNode c = failing.get(0);
        assertThat(c.path("caseId").asText()).isEqualTo("refund-1");
        assertThat(c.path("test").asText()).isEqualTo(T.substring(T.indexOf('#') + 1));
        assertThat(c.path("baselineAnswer").asText()).isEqualTo("Refunds within 30 days of purchase.");
        assertThat(c.path("answer").asText()).isEqualTo("Refunds are not possible.");
        assertThat(c.path("baselineReasons")).isEmpty();
        assertThat(c.path("reasons"))
                .extracting(JsonNode::asText)
                .containsExactly("containsIgnoringCase: does not contain \"30 days\"");
    }
}
