package dev.junitllm.assertions;

import static dev.junitllm.assertions.LlmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.junitllm.GoldenCase;
import dev.junitllm.GoldenDataset;
import dev.junitllm.LlmClient;
import dev.junitllm.LlmConfiguration;
import dev.junitllm.LlmTest;
import dev.junitllm.Model;
import dev.junitllm.results.CaseResult;
import dev.junitllm.results.HumanLabel;
import dev.junitllm.results.JudgeCalibrationResult;
import dev.junitllm.results.LabelsFile;
import dev.junitllm.results.LlmResults;
import dev.junitllm.results.ResultsReader;
import dev.junitllm.results.VerdictResult;
import dev.junitllm.testkit.ScriptedLlmServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * People overrule the judge, through the JUnit Platform: a label on exactly the judged answer decides
 * the check (marked human in the results), a label on an answer that has since changed is reported as
 * stale and never applied, and the run's calibration pairs the judge's own verdicts with the labels.
 */
class HumanLabelsEngineTest {

    static final String CRITERION = "States the 30-day refund window";
    static final String ANSWER_A = "Refunds within 30 days, or 60 if you ask nicely.";
    static final String ANSWER_B = "Refunds take 14 days.";
    static final String ANSWER_C = "You can return items within 30 days.";
    static final String ANSWER_D = "Returns are accepted for 14 days.";

    @TempDir
    Path tmp;

    @Model("openai:gpt-4o-mini")
    static class Reviewed {
        @LlmTest
        @GoldenDataset("datasets/review-fixture.jsonl")
        void refunds(GoldenCase c, LlmClient llm) {
            assertThat(llm.chat(c.input())).satisfiesRubric(CRITERION);
        }
    }

    private EngineExecutionResults run() {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.when(r -> r.system() != null
                            && r.system().contains("meticulous evaluator")
                            && r.lastUserMessage().contains("14 days"))
                    .replyJson("{\"critique\": \"Says 14 days.\", \"verdict\": \"fail\"}");
            server.whenSystemContains("meticulous evaluator")
                    .replyJson("{\"critique\": \"Names 30 days.\", \"verdict\": \"pass\"}");
            server.whenUserContains("Question A").reply(ANSWER_A);
            server.whenUserContains("Question B").reply(ANSWER_B);
            server.whenUserContains("Question C").reply(ANSWER_C);
            server.whenUserContains("Question D").reply(ANSWER_D);
            return EngineTestKit.engine("junit-jupiter")
                    .selectors(selectClass(Reviewed.class))
                    .configurationParameter(LlmConfiguration.MODE, "record")
                    .configurationParameter(LlmConfiguration.OPENAI_BASE_URL, server.openAiBaseUrl())
                    .configurationParameter(
                            LlmConfiguration.CASSETTES_DIR,
                            tmp.resolve("cassettes").toString())
                    .configurationParameter(
                            LlmConfiguration.RESULTS_DIR, tmp.resolve("results").toString())
                    .configurationParameter(
                            LlmConfiguration.LABELS_DIR, tmp.resolve("labels").toString())
                    .execute();
        }
    }

    private static HumanLabel label(String id, String answer, String verdict, String note) {
        return new HumanLabel(id, CRITERION, LabelsFile.hash(answer), verdict, note, "ana", "2026-12-01");
    }

    @Test
    void aLabelOnTheSameAnswerDecidesAndALabelOnAChangedAnswerIsStale() throws Exception {
        LabelsFile.write(
                tmp.resolve("labels/datasets/review-fixture.jsonl"),
                List.of(
                        // the judge passes A, a person failed exactly this answer: the person decides
                        label("a", ANSWER_A, "fail", "60 days is made up"),
                        // B's label was made on an earlier answer: stale, the judge (fail) decides
                        label("b", "Refunds within 30 days.", "pass", null),
                        // C and D: the person agrees with the judge
                        label("c", ANSWER_C, "pass", null),
                        label("d", ANSWER_D, "fail", null)));

        EngineExecutionResults results = run();

        // a: the person fails it; b: the judge fails it (stale label); d: both fail it; c passes; the
        // dataset gate (1/4 < 100%) fails too
        results.testEvents().assertStatistics(s -> s.succeeded(1).failed(4));
        String failureOfA = results.testEvents().failed().stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().contains("a:"))
                .map(e -> e.getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class)
                        .getThrowable()
                        .orElseThrow()
                        .getMessage())
                .findFirst()
                .orElseThrow();
        assertThat(failureOfA)
                .contains(
                        "but a human reviewer labelled this exact answer fail",
                        "fail by ana on 2026-12-01: 60 days is made up",
                        "overrules the judge, which said pass");

        LlmResults read = ResultsReader.read(tmp.resolve("results/llm-results.json"));
        java.util.Map<String, VerdictResult> byCase = read.cases().stream()
                .collect(Collectors.toMap(
                        CaseResult::caseId, c -> c.samples().get(0).verdicts().get(0), (x, y) -> x));
        VerdictResult a = byCase.get("a");
        assertThat(a.passed()).isFalse();
        assertThat(a.decidedByHuman()).isTrue();
        assertThat(a.review().judgePassed()).isTrue();
        assertThat(a.review().answerHash()).isEqualTo(LabelsFile.hash(ANSWER_A));
        VerdictResult b = byCase.get("b");
        assertThat(b.decidedByHuman()).isFalse();
        assertThat(b.passed()).isFalse();
        assertThat(b.review().staleLabels()).extracting(HumanLabel::caseId).containsExactly("b");
        assertThat(byCase.get("c").decidedByHuman()).isTrue();
        assertThat(byCase.get("c").passed()).isTrue();
        assertThat(byCase.get("d").reason()).contains("human label: fail by ana", "(the judge agreed: ");

        JudgeCalibrationResult cal = read.calibration().get(0);
        assertThat(cal.criterion()).isEqualTo(CRITERION);
        assertThat(cal.labels()).isEqualTo(3);
        assertThat(List.of(cal.truePositives(), cal.falsePositives(), cal.falseNegatives(), cal.trueNegatives()))
                .containsExactly(1, 1, 0, 1);
        assertThat(cal.judged()).isEqualTo(4);
        assertThat(cal.judgePassRate()).isEqualTo(0.5);
        assertThat(cal.overruled()).isEqualTo(1);
        assertThat(cal.staleLabels()).extracting(HumanLabel::caseId).containsExactly("b");
        assertThat(Files.readString(tmp.resolve("results/llm-results.json"))).contains("\"calibration\"");
    }

    @Test
    void withoutLabelsTheJudgeDecidesAndEveryVerdictStillCarriesItsAnswerHash() throws Exception {
        // b and d fail by the judge, and the dataset gate
        run().testEvents().assertStatistics(s -> s.succeeded(2).failed(3));

        LlmResults read = ResultsReader.read(tmp.resolve("results/llm-results.json"));
        assertThat(read.cases())
                .allSatisfy(c -> assertThat(c.samples().get(0).verdicts().get(0).review())
                        .isNotNull()
                        .satisfies(r -> assertThat(r.humanLabel()).isNull()));
        JudgeCalibrationResult cal = read.calibration().get(0);
        assertThat(cal.labels()).isZero();
        assertThat(cal.kappa()).isNull();
        assertThat(cal.judgePassRate()).isEqualTo(0.5);
    }

    @Test
    void aMalformedLabelsFileFailsTheCaseNamingFileAndLine() throws Exception {
        Path file = tmp.resolve("labels/datasets/review-fixture.jsonl");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"caseId\":\"a\"}\n");

        run().testEvents()
                .assertThatEvents()
                .haveAtLeast(
                        1,
                        event(finishedWithFailure(message(
                                m -> m.contains("Human labels of @GoldenDataset [datasets/review-fixture.jsonl]")
                                        && m.contains("line 1: missing field 'criterion'")))));
    }
}
