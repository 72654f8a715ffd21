package dev.junitllm.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junitllm.results.CaseResult;
import dev.junitllm.results.HumanLabel;
import dev.junitllm.results.JudgeReview;
import dev.junitllm.results.LabelsFile;
import dev.junitllm.results.LlmResults;
import dev.junitllm.results.SampleResult;
import dev.junitllm.results.TestResult;
import dev.junitllm.results.VerdictResult;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

/** The check goal's agreement gate: a judge with enough labels and kappa below the minimum fails the build. */
class CheckJudgeAgreementTest {

    /** 20 labelled answers, people alternate pass/fail; the judge is right on the first {@code agree}. */
    static LlmResults run(int agree) {
        List<CaseResult> cases = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            CaseResult c = ReviewPageTest.judged("refund-" + i, true, "answer " + i);
            boolean human = i % 2 == 0;
            boolean judge = i < agree ? human : true;
            HumanLabel label = new HumanLabel(
                    c.caseId(),
                    ReviewPageTest.CRITERION,
                    LabelsFile.hash("answer " + i),
                    human ? "pass" : "fail",
                    null,
                    "ana",
                    "2026-12-01");
            VerdictResult v = new VerdictResult(
                    "rubric",
                    human ? 1.0 : 0.0,
                    1.0,
                    human,
                    "r",
                    new JudgeReview(ReviewPageTest.CRITERION, label.answerHash(), judge, label, List.of()));
            SampleResult s = new SampleResult(
                    0, human, null, List.of(v), c.samples().get(0).calls());
            cases.add(new CaseResult(
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
                    c.status(),
                    1,
                    1,
                    1,
                    1.0,
                    1.0,
                    c.interval(),
                    c.passAtK(),
                    c.passHatK(),
                    null,
                    null,
                    null,
                    0L,
                    List.of(s)));
        }
        return new LlmResults(
                LlmResults.SCHEMA_VERSION, null, null, null, null, List.of(new TestResult("T#t", "T", "t", cases)));
    }

    @Test
    void aJudgeThatDriftsFromPeopleFailsTheCheckOnlyWithEnoughLabels() throws Exception {
        CheckMojo mojo = new CheckMojo();
        mojo.minJudgeKappa = 0.6;
        mojo.minJudgeLabels = 20;
        assertThat(mojo.judgeAgreement(run(12))).isEmpty();
        assertThat(mojo.judgeAgreement(run(8)))
                .singleElement()
                .asString()
                .startsWith("judge agreement with people below minJudgeKappa 0.60: rubric")
                .contains("kappa 0.40", "on 20 labels");
        mojo.minJudgeLabels = 21;
        assertThat(mojo.judgeAgreement(run(8))).isEmpty();
    }

    @Test
    void badSettingsNameTheirKey() {
        CheckMojo mojo = new CheckMojo();
        mojo.minJudgeKappa = 1.5;
        mojo.minJudgeLabels = 20;
        assertThatThrownBy(() -> mojo.judgeAgreement(run(12)))
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("llm.minJudgeKappa (minJudgeKappa) must be within -1..1, was 1.5");
        mojo.minJudgeKappa = 0.6;
        mojo.minJudgeLabels = 0;
        assertThatThrownBy(() -> mojo.judgeAgreement(run(12)))
                .hasMessageContaining("llm.minJudgeLabels (minJudgeLabels) must be >= 1, was 0");
    }
}
