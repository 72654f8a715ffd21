package dev.junitllm.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junitllm.results.CaseResult;
import dev.junitllm.results.CaseStatus;
import dev.junitllm.results.HumanLabel;
import dev.junitllm.results.JudgeCalibrationResult;
import dev.junitllm.results.JudgeReview;
import dev.junitllm.results.LabelsFile;
import dev.junitllm.results.LlmResults;
import dev.junitllm.results.SampleResult;
import dev.junitllm.results.TestResult;
import dev.junitllm.results.VerdictResult;
import dev.junitllm.stats.Interval;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JudgeAgreementTableTest {

    /** {@code n} labelled answers: the first {@code agree} the judge gets right, the rest it passes wrongly. */
    static LlmResults run(int n, int agree) {
        return new LlmResults(
                LlmResults.SCHEMA_VERSION,
                null,
                null,
                null,
                null,
                List.of(new TestResult("T#t", "T", "t", cases(n, agree, "rubric", "Polite", List.of(), null))));
    }

    /**
     * The cases of {@link #run}, judged by {@code metric} under {@code criterion}, with the context
     * passages or other answer the verdict depends on (a label is on them too).
     */
    static List<CaseResult> cases(
            int n, int agree, String metric, String criterion, List<String> context, String otherAnswer) {
        List<CaseResult> cases = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String answer = "answer " + i;
            boolean human = i % 2 == 0;
            boolean judge = i < agree ? human : true;
            HumanLabel label = new HumanLabel(
                    "c" + i,
                    criterion,
                    LabelsFile.hash(answer, null, context, null, otherAnswer),
                    human ? "pass" : "fail",
                    null,
                    "ana",
                    "2026-12-01");
            VerdictResult v = new VerdictResult(
                    metric,
                    human ? 1.0 : 0.0,
                    1.0,
                    human,
                    "r",
                    new JudgeReview(
                            criterion, label.answerHash(), judge, label, List.of(), null, context, null, otherAnswer));
            cases.add(new CaseResult(
                    "u" + i,
                    "c" + i,
                    "T#t",
                    "c" + i,
                    "d.jsonl",
                    "m",
                    "replay",
                    "q",
                    null,
                    null,
                    null,
                    null,
                    human ? CaseStatus.PASSED : CaseStatus.FAILED,
                    1,
                    1,
                    human ? 1 : 0,
                    1.0,
                    human ? 1.0 : 0.0,
                    Interval.wilson(human ? 1 : 0, 1),
                    Map.of(),
                    Map.of(),
                    null,
                    null,
                    null,
                    0L,
                    List.of(new SampleResult(0, human, null, List.of(v), List.of()))));
        }
        return cases;
    }

    @Test
    void theGateFailsAJudgeWithEnoughLabelsAndLowKappaOnly() {
        // 20 labels, judge right on 12, passes the 4 remaining human fails: kappa = 0.6
        List<JudgeCalibrationResult> good = JudgeAgreementTable.of(List.of(run(20, 12)));
        assertThat(good.get(0).kappa()).isEqualTo(0.6, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(JudgeAgreementTable.gateFailures(good, 0.6, 20)).isEmpty();

        List<JudgeCalibrationResult> drifted = JudgeAgreementTable.of(List.of(run(20, 8)));
        assertThat(drifted.get(0).kappa()).isLessThan(0.6);
        assertThat(JudgeAgreementTable.gateFailures(drifted, 0.6, 20))
                .singleElement()
                .asString()
                .startsWith("judge agreement with people below minJudgeKappa 0.60: rubric \"Polite\": kappa 0.40 [")
                .contains("on 20 labels, TPR 1.00, TNR 0.40", "the judge drifts from the human labels");
        // too few labels: not judged
        assertThat(JudgeAgreementTable.gateFailures(drifted, 0.6, 21)).isEmpty();
    }

    @Test
    void theReportSummaryCarriesOneRowPerCriterion() {
        JsonNode rows = ReportSummary.builder(List.of(run(20, 8))).build().path("calibration");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).path("criterion").asText()).isEqualTo("Polite");
        assertThat(rows.get(0).path("labels").asInt()).isEqualTo(20);
        assertThat(rows.get(0).path("overruled").asInt()).isEqualTo(6);
        assertThat(rows.get(0).path("staleCount").asInt()).isZero();
        assertThat(rows.get(0).path("kappaInterval").path("low").isNumber()).isTrue();
    }

    @Test
    void theLlmTabHasARowForTheRagAndPairwiseCriteriaPeopleLabelled() {
        List<CaseResult> cases = new ArrayList<>();
        // faithfulness: right on 4 of 6 (passes the two remaining human fails)
        cases.addAll(cases(6, 4, "faithfulness", "faithful to the context", List.of("Refunds within 30 days."), null));
        cases.addAll(
                cases(4, 4, "pairwise", "preferred over the other answer: Names the window", List.of(), "Baseline."));
        LlmResults run = new LlmResults(
                LlmResults.SCHEMA_VERSION, null, null, null, null, List.of(new TestResult("T#t", "T", "t", cases)));

        JsonNode rows = ReportSummary.builder(List.of(run)).build().path("calibration");

        assertThat(rows).hasSize(2);
        JsonNode faithful = rows.get(0).path("metric").asText().equals("faithfulness") ? rows.get(0) : rows.get(1);
        JsonNode pairwise = faithful == rows.get(0) ? rows.get(1) : rows.get(0);
        assertThat(faithful.path("criterion").asText()).isEqualTo("faithful to the context");
        assertThat(faithful.path("labels").asInt()).isEqualTo(6);
        assertThat(faithful.path("truePositives").asInt()).isEqualTo(3);
        assertThat(faithful.path("falsePositives").asInt()).isEqualTo(1);
        assertThat(faithful.path("trueNegatives").asInt()).isEqualTo(2);
        assertThat(faithful.path("overruled").asInt()).isEqualTo(1);
        assertThat(pairwise.path("metric").asText()).isEqualTo("pairwise");
        assertThat(pairwise.path("criterion").asText()).isEqualTo("preferred over the other answer: Names the window");
        assertThat(pairwise.path("labels").asInt()).isEqualTo(4);
        assertThat(pairwise.path("overruled").asInt()).isZero();
    }
}
