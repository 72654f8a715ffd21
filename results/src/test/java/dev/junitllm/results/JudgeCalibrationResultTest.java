package dev.junitllm.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.junitllm.stats.Interval;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JudgeCalibrationResultTest {

    private static final String CRITERION = "States the 30-day window";

    /** A case with one sample and one rubric verdict on {@code answer}. */
    private static CaseResult judged(
            String caseId, String answer, boolean judge, HumanLabel label, List<HumanLabel> stale) {
        JudgeReview review = new JudgeReview(CRITERION, LabelsFile.hash(answer), judge, label, stale);
        boolean passed = label == null ? judge : label.passed();
        VerdictResult v = new VerdictResult("rubric", passed ? 1.0 : 0.0, 1.0, passed, "why", review);
        return new CaseResult(
                caseId,
                caseId,
                "T#t",
                caseId,
                "datasets/refunds.jsonl",
                "m",
                "replay",
                "q",
                null,
                List.of(),
                List.of(),
                List.of(),
                passed ? CaseStatus.PASSED : CaseStatus.FAILED,
                1,
                1,
                passed ? 1 : 0,
                1.0,
                passed ? 1.0 : 0.0,
                Interval.wilson(passed ? 1 : 0, 1),
                Map.of(),
                Map.of(),
                null,
                null,
                null,
                0L,
                List.of(new SampleResult(0, passed, null, List.of(v), List.of())));
    }

    private static HumanLabel label(String caseId, String answer, boolean pass) {
        return new HumanLabel(
                caseId, CRITERION, LabelsFile.hash(answer), pass ? "pass" : "fail", null, "ana", "2026-12-01");
    }

    @Test
    void pairsEachLabelledAnswerOnceAndCorrectsTheJudgesRawRate() {
        List<CaseResult> cases = new ArrayList<>();
        // 40 TP, 10 FP (judge pass, human fail), 5 FN, 45 TN: kappa 0.70, TPR 40/45, TNR 45/55
        for (int i = 0; i < 100; i++) {
            String id = "c" + i;
            boolean human = i < 45;
            boolean judge = i < 40 || (i >= 45 && i < 55);
            cases.add(judged(id, "answer " + i, judge, label(id, "answer " + i, human), List.of()));
        }
        // the same labelled answer judged again (a second sample) counts once as a label
        cases.add(judged("c0", "answer 0", true, label("c0", "answer 0", true), List.of()));
        // 20 unlabelled answers the judge passes: raw rate over 121 verdicts
        for (int i = 0; i < 20; i++) {
            cases.add(judged("u" + i, "u " + i, true, null, List.of()));
        }

        JudgeCalibrationResult c = JudgeCalibrationResult.of(List.of(new TestResult("T#t", "T", "t", cases)))
                .get(0);

        assertThat(c.metric()).isEqualTo("rubric");
        assertThat(c.criterion()).isEqualTo(CRITERION);
        assertThat(c.labels()).isEqualTo(100);
        assertThat(List.of(c.truePositives(), c.falsePositives(), c.falseNegatives(), c.trueNegatives()))
                .containsExactly(40, 10, 5, 45);
        assertThat(c.tpr()).isCloseTo(40.0 / 45, within(1e-12));
        assertThat(c.tnr()).isCloseTo(45.0 / 55, within(1e-12));
        assertThat(c.kappa()).isCloseTo(0.70, within(1e-12));
        // Cohen's SE = sqrt(0.85 * 0.15 / (100 * 0.5^2)) = 0.0714143; 1.96 SE = 0.1399720
        assertThat(c.kappaInterval().low()).isCloseTo(0.5600280, within(1e-6));
        assertThat(c.kappaInterval().high()).isCloseTo(0.8399720, within(1e-6));
        assertThat(c.judged()).isEqualTo(121);
        double raw = (40 + 10 + 1 + 20) / 121.0;
        assertThat(c.judgePassRate()).isCloseTo(raw, within(1e-12));
        assertThat(c.correctedPassRate()).isCloseTo((raw + 45.0 / 55 - 1) / (40.0 / 45 + 45.0 / 55 - 1), within(1e-12));
        assertThat(c.decidedByHuman()).isEqualTo(101);
        assertThat(c.overruled()).isEqualTo(15);
    }

    @Test
    void aLabelIsStaleOnlyWhenNoAnswerOfTheRunMatchesIt() {
        HumanLabel old = label("a", "old answer", true);
        HumanLabel otherModel = label("b", "model two's answer", false);
        List<CaseResult> cases = List.of(
                judged("a", "new answer", false, null, List.of(old)),
                judged("b", "model one's answer", true, null, List.of(otherModel)),
                judged("b", "model two's answer", false, otherModel, List.of()));

        JudgeCalibrationResult c = JudgeCalibrationResult.of(List.of(new TestResult("T#t", "T", "t", cases)))
                .get(0);

        assertThat(c.staleLabels()).containsExactly(old);
        assertThat(c.labels()).isEqualTo(1);
        assertThat(c.kappa()).as("one label throughout on both sides").isNull();
        assertThat(c.tpr()).isNull();
        assertThat(c.tnr()).isEqualTo(1.0);
        assertThat(c.correctedPassRate()).isNull();
    }

    @Test
    void theFileCarriesReviewsAndCalibrationAndReadsBackTheSame(@TempDir Path dir) throws Exception {
        HumanLabel l = label("a", "x", false);
        LlmResults results = new LlmResults(
                LlmResults.SCHEMA_VERSION,
                null,
                null,
                null,
                null,
                List.of(new TestResult("T#t", "T", "t", List.of(judged("a", "x", true, l, List.of())))));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultsWriter.write(out, results);
        String json = out.toString(StandardCharsets.UTF_8);
        assertThat(json).contains("\"review\"", "\"judgePassed\" : true", "\"humanLabel\"", "\"calibration\"");
        assertThat(json).doesNotContain("\"staleLabels\" : [ ]\n      }");

        LlmResults read = ResultsReader.read(ResultsWriter.write(dir, results));
        VerdictResult v = read.cases().get(0).samples().get(0).verdicts().get(0);
        assertThat(v.decidedByHuman()).isTrue();
        assertThat(v.passed()).isFalse();
        assertThat(v.review().humanLabel()).isEqualTo(l);
        assertThat(read.calibration()).isEqualTo(results.calibration());
        assertThat(read.calibration().get(0).overruled()).isEqualTo(1);
    }

    @Test
    void theJudgedMaterialOfARagOrPairwiseReviewReadsBackAndAnOlderReviewHasNone(@TempDir Path dir) {
        List<String> ctx = List.of("Refunds within 30 days.");
        String answer = "Refunds within 30 days, plus free shipping.";
        JudgeReview rag = new JudgeReview(
                "faithful to the context",
                LabelsFile.hash(answer, null, ctx, "30 days", null),
                false,
                null,
                List.of(),
                null,
                ctx,
                "30 days",
                null);
        assertThat(rag.hashOf(answer)).isEqualTo(rag.answerHash());
        assertThat(rag.hashOf("another answer")).isNotEqualTo(rag.answerHash());
        VerdictResult v = new VerdictResult("faithfulness", 0.5, 1.0, false, "why", rag);
        CaseResult c = judged("a", "x", true, null, List.of());
        CaseResult withRag = new CaseResult(
                c.uniqueId(),
                c.displayName(),
                c.testId(),
                c.caseId(),
                c.dataset(),
                c.model(),
                c.mode(),
                c.input(),
                c.expected(),
                c.context(),
                c.tags(),
                c.prompts(),
                CaseStatus.FAILED,
                1,
                1,
                0,
                1.0,
                0.0,
                c.interval(),
                Map.of(),
                Map.of(),
                null,
                null,
                null,
                0L,
                List.of(new SampleResult(0, false, null, List.of(v), List.of())));
        LlmResults results = new LlmResults(
                LlmResults.SCHEMA_VERSION,
                null,
                null,
                null,
                null,
                List.of(new TestResult("T#t", "T", "t", List.of(withRag))));

        LlmResults read = ResultsReader.read(ResultsWriter.write(dir, results));
        JudgeReview back =
                read.cases().get(0).samples().get(0).verdicts().get(0).review();
        assertThat(back).isEqualTo(rag);
        assertThat(back.context()).isEqualTo(ctx);
        assertThat(back.otherAnswer()).isNull();
        assertThat(read.calibration())
                .extracting(JudgeCalibrationResult::criterion)
                .containsExactly("faithful to the context");

        // a rubric review written without the new fields reads with none of them
        JudgeReview plain = new JudgeReview(CRITERION, LabelsFile.hash("x"), true, null, List.of());
        assertThat(plain.context()).isEmpty();
        assertThat(plain.question()).isNull();
        assertThat(plain.hashOf("x")).isEqualTo(LabelsFile.hash("x"));
    }
}
