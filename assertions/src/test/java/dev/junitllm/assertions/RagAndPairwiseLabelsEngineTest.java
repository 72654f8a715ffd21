package dev.junitllm.assertions;

import static dev.junitllm.assertions.LlmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

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
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Human labels decide the RAG checks and the pairwise preference too, through the JUnit Platform: a
 * label is on the answer together with what the verdict depends on (the context passages, the expected
 * answer, the other answer), so it stops applying — and is reported stale — when any of it changes,
 * and the run's calibration counts the judge against people for these criteria.
 */
class RagAndPairwiseLabelsEngineTest {

    static final String FAITHFUL = "faithful to the context";
    static final String RECALL = "context recall";
    static final String PAIRWISE_CRITERION = "Names the refund window";
    static final String PREFERRED = "preferred over the other answer: " + PAIRWISE_CRITERION;
    static final String BASELINE = "We have a refund policy.";

    static final List<String> RETRIEVED = List.of("Refunds are accepted within 30 days.", "A receipt is required.");
    static final List<String> RETRIEVED_LATER = List.of("Refunds are accepted within 14 days.");
    static final Map<String, String> ANSWERS = Map.of(
            "A", "Refunds within 30 days, plus free shipping.",
            "B", "Refunds within 30 days.",
            "C", "Refunds within 30 days and free shipping on returns.",
            "D", "Refunds within 30 days with a receipt.",
            "P", "You can get a refund within 30 days.");

    /** The passages the application "retrieved" for this run: changing them changes the judged material. */
    static volatile List<String> retrieved = RETRIEVED;

    @TempDir
    Path tmp;

    @AfterEach
    void restoreRetrieval() {
        retrieved = RETRIEVED;
    }

    @Model("openai:gpt-4o-mini")
    static class Grounded {
        @LlmTest
        @GoldenDataset("datasets/rag-review-fixture.jsonl")
        void refunds(GoldenCase c, LlmClient llm) {
            assertThat(llm.chat(c.input())).withContext(retrieved).isFaithfulToContext();
        }
    }

    @Model("openai:gpt-4o-mini")
    static class Recalled {
        @LlmTest
        @GoldenDataset("datasets/rag-review-fixture.jsonl")
        void refunds(GoldenCase c, LlmClient llm) {
            assertThat(llm.chat(c.input())).withContext(retrieved).hasContextRecallAtLeast(1.0);
        }
    }

    @Model("openai:gpt-4o-mini")
    static class Relevant {
        @LlmTest
        @GoldenDataset("datasets/pairwise-review-fixture.jsonl")
        void refunds(GoldenCase c, LlmClient llm) {
            assertThat(llm.chat(c.input())).isRelevantToQuestion(1.0);
        }
    }

    @Model("openai:gpt-4o-mini")
    static class RelevantToAnotherQuestion {
        @LlmTest
        @GoldenDataset("datasets/pairwise-review-fixture.jsonl")
        void refunds(GoldenCase c, LlmClient llm) {
            assertThat(llm.chat(c.input()))
                    .forQuestion("How long does shipping take?")
                    .isRelevantToQuestion(1.0);
        }
    }

    @Model("openai:gpt-4o-mini")
    static class Compared {
        @LlmTest
        @GoldenDataset("datasets/pairwise-review-fixture.jsonl")
        void refunds(GoldenCase c, LlmClient llm) {
            assertThat(llm.chat(c.input())).isPreferredOver(BASELINE, PAIRWISE_CRITERION);
        }
    }

    private EngineExecutionResults run(Class<?> fixture) {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            // faithfulness: "free shipping" is not in any context -> 1 of 2 claims supported
            server.when(r -> r.system() != null
                            && r.system().contains("grounded in the context")
                            && r.lastUserMessage().contains("free shipping"))
                    .replyJson("{\"claims\": [{\"claim\": \"Refunds within 30 days\", \"supported\": true,"
                            + " \"evidence\": \"within 30 days\"}, {\"claim\": \"Free shipping\", \"supported\": false,"
                            + " \"evidence\": \"\"}]}");
            server.whenSystemContains("grounded in the context")
                    .replyJson("{\"claims\": [{\"claim\": \"Refunds within 30 days\", \"supported\": true,"
                            + " \"evidence\": \"within 30 days\"}]}");
            // context recall: the reference needs "30 days", which only the first retrieval has
            server.when(r -> r.system() != null
                            && r.system().contains("needed to give a reference answer")
                            && r.lastUserMessage().contains("within 30 days"))
                    .replyJson("{\"sentences\": [{\"sentence\": \"Refunds within 30 days.\", \"attributed\": true}]}");
            server.whenSystemContains("needed to give a reference answer")
                    .replyJson("{\"sentences\": [{\"sentence\": \"Refunds within 30 days.\", \"attributed\": false}]}");
            // pairwise: the judge prefers the baseline in both orders
            server.when(r -> r.system() != null
                            && r.system().contains("which one better")
                            && r.lastUserMessage().contains("<answer_a>" + BASELINE))
                    .replyJson("{\"critique\": \"A names the policy.\", \"winner\": \"A\"}");
            server.whenSystemContains("which one better")
                    .replyJson("{\"critique\": \"B names the policy.\", \"winner\": \"B\"}");
            // answer relevancy: the judge finds nothing relevant
            server.whenSystemContains("addresses the question it was asked")
                    .replyJson("{\"statements\": [{\"statement\": \"Refunds within 30 days\", \"relevant\": false}]}");
            ANSWERS.forEach(
                    (q, answer) -> server.whenUserContains("Question " + q).reply(answer));
            return EngineTestKit.engine("junit-jupiter")
                    .selectors(selectClass(fixture))
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

    private static HumanLabel faithfulLabel(String id, List<String> context, String verdict) {
        String answer = ANSWERS.get(id.toUpperCase(java.util.Locale.ROOT));
        return new HumanLabel(
                id, FAITHFUL, LabelsFile.hash(answer, null, context, null, null), verdict, null, "ana", "2026-12-01");
    }

    private LlmResults results() {
        return ResultsReader.read(tmp.resolve("results/llm-results.json"));
    }

    private static Map<String, VerdictResult> verdictsByCase(LlmResults read) {
        return read.cases().stream()
                .collect(Collectors.toMap(
                        CaseResult::caseId, c -> c.samples().get(0).verdicts().get(0), (x, y) -> x));
    }

    private static String failureOf(EngineExecutionResults results, String caseId) {
        return results.testEvents().failed().stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().startsWith(caseId + ":"))
                .map(e -> e.getRequiredPayload(TestExecutionResult.class)
                        .getThrowable()
                        .orElseThrow()
                        .getMessage())
                .findFirst()
                .orElse(null);
    }

    private void writeFaithfulLabels() {
        LabelsFile.write(
                tmp.resolve("labels/datasets/rag-review-fixture.jsonl"),
                List.of(
                        // the judge fails a (free shipping), a person passed it: FN, overruled
                        faithfulLabel("a", RETRIEVED, "pass"),
                        // both pass b: TP
                        faithfulLabel("b", RETRIEVED, "pass"),
                        // both fail c: TN
                        faithfulLabel("c", RETRIEVED, "fail"),
                        // the judge passes d, a person failed it: FP, overruled
                        faithfulLabel("d", RETRIEVED, "fail")));
    }

    @Test
    void aLabelOnTheAnswerAndItsContextOverrulesTheFaithfulnessJudgeAndIsCounted() {
        writeFaithfulLabels();

        EngineExecutionResults results = run(Grounded.class);

        // a and b pass (a by the person, against the judge); c and d fail, and the dataset gate (2/4)
        results.testEvents().assertStatistics(s -> s.succeeded(2).failed(3));
        assertThat(failureOf(results, "a")).isNull();
        assertThat(failureOf(results, "d"))
                .contains(
                        "a human reviewer labelled this exact answer fail",
                        "faithful to the context",
                        "overrules the judge, which said pass");

        LlmResults read = results();
        Map<String, VerdictResult> byCase = verdictsByCase(read);
        VerdictResult a = byCase.get("a");
        assertThat(a.metric()).isEqualTo("faithfulness");
        assertThat(a.passed()).isTrue();
        assertThat(a.decidedByHuman()).isTrue();
        assertThat(a.reason()).startsWith("human label: pass by ana").contains("overrules the judge, which said fail");
        assertThat(a.review().judgePassed()).isFalse();
        assertThat(a.review().criterion()).isEqualTo(FAITHFUL);
        assertThat(a.review().context()).isEqualTo(RETRIEVED);
        assertThat(a.review().answerHash())
                .isEqualTo(LabelsFile.hash(ANSWERS.get("A"), null, RETRIEVED, null, null))
                .isNotEqualTo(LabelsFile.hash(ANSWERS.get("A")));

        JudgeCalibrationResult cal = calibration(read, FAITHFUL);
        assertThat(cal.metric()).isEqualTo("faithfulness");
        assertThat(cal.labels()).isEqualTo(4);
        assertThat(List.of(cal.truePositives(), cal.falsePositives(), cal.falseNegatives(), cal.trueNegatives()))
                .containsExactly(1, 1, 1, 1);
        assertThat(cal.overruled()).isEqualTo(2);
        assertThat(cal.decidedByHuman()).isEqualTo(4);
        assertThat(cal.judgePassRate()).isEqualTo(0.5);
        assertThat(cal.staleLabels()).isEmpty();
    }

    @Test
    void theSameLabelsAfterTheContextChangedAreStaleAndTheJudgeDecides() {
        writeFaithfulLabels();
        retrieved = RETRIEVED_LATER;

        EngineExecutionResults results = run(Grounded.class);

        // the judge decides: a and c fail (free shipping), b and d pass; the gate fails
        results.testEvents().assertStatistics(s -> s.succeeded(2).failed(3));
        assertThat(failureOf(results, "a")).contains("faithfulness").doesNotContain("human reviewer");
        assertThat(failureOf(results, "d")).isNull();

        LlmResults read = results();
        Map<String, VerdictResult> byCase = verdictsByCase(read);
        VerdictResult a = byCase.get("a");
        assertThat(a.decidedByHuman()).isFalse();
        assertThat(a.passed()).isFalse();
        assertThat(a.review().context()).isEqualTo(RETRIEVED_LATER);
        assertThat(a.review().staleLabels()).extracting(HumanLabel::label).containsExactly("pass");
        assertThat(byCase.get("d").decidedByHuman()).isFalse();

        JudgeCalibrationResult cal = calibration(read, FAITHFUL);
        assertThat(cal.labels()).isZero();
        assertThat(cal.judged()).isEqualTo(4);
        assertThat(cal.staleLabels()).extracting(HumanLabel::caseId).containsExactlyInAnyOrder("a", "b", "c", "d");
    }

    @Test
    void theJudgedPassagesAreWrittenRedactedLikeEveryOtherText() throws Exception {
        String key = "sk" + "-" + "proj" + "A1b2C3d4E5f6G7h8I9j0K1l2"; // built at run time: no key literal
        retrieved = List.of("Refunds are accepted within 30 days.", "Internal note: the billing key is " + key);

        run(Grounded.class);

        assertThat(java.nio.file.Files.readString(tmp.resolve("results/llm-results.json")))
                .doesNotContain(key);
        assertThat(verdictsByCase(results()).get("a").review().context())
                .hasSize(2)
                .last()
                .satisfies(passage ->
                        assertThat(passage).startsWith("Internal note").contains("[REDACTED"));
    }

    @Test
    void aContextRecallLabelIsOnTheExpectedAnswerToo() {
        String answer = ANSWERS.get("B");
        String expected = "Refunds within 30 days.";
        LabelsFile.write(
                tmp.resolve("labels/datasets/rag-review-fixture.jsonl"),
                List.of(
                        // a person failed a's recall: decides against the judge's pass
                        new HumanLabel(
                                "a",
                                RECALL,
                                LabelsFile.hash(ANSWERS.get("A"), null, RETRIEVED, expected, null),
                                "fail",
                                "receipt rule missing",
                                "ana",
                                "2026-12-01"),
                        // b's label was made when the expected answer was another: stale
                        new HumanLabel(
                                "b",
                                RECALL,
                                LabelsFile.hash(answer, null, RETRIEVED, "Refunds within 14 days.", null),
                                "fail",
                                null,
                                "ana",
                                "2026-12-01")));

        EngineExecutionResults results = run(Recalled.class);

        // b, c, d pass by the judge; a fails by the person; the dataset gate fails
        results.testEvents().assertStatistics(s -> s.succeeded(3).failed(2));
        assertThat(failureOf(results, "a")).contains("receipt rule missing");
        Map<String, VerdictResult> byCase = verdictsByCase(results());
        assertThat(byCase.get("a").decidedByHuman()).isTrue();
        assertThat(byCase.get("a").review().expected()).isEqualTo(expected);
        assertThat(byCase.get("b").decidedByHuman()).isFalse();
        assertThat(byCase.get("b").review().staleLabels()).hasSize(1);
    }

    @Test
    void aPairwiseLabelOnBothAnswersDecidesIsPreferredOver() {
        String answer = ANSWERS.get("P");
        LabelsFile.write(
                tmp.resolve("labels/datasets/pairwise-review-fixture.jsonl"),
                List.of(new HumanLabel(
                        "p",
                        PREFERRED,
                        LabelsFile.hash(answer, null, null, null, BASELINE),
                        "pass",
                        "names 30 days, the baseline names nothing",
                        "ana",
                        "2026-12-01")));

        EngineExecutionResults results = run(Compared.class);

        // the judge prefers the baseline; the person decides the answer is preferred (the case and the
        // dataset gate pass)
        results.testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
        LlmResults read = results();
        VerdictResult p = verdictsByCase(read).get("p");
        assertThat(p.metric()).isEqualTo("pairwise");
        assertThat(p.passed()).isTrue();
        assertThat(p.decidedByHuman()).isTrue();
        assertThat(p.review().judgePassed()).isFalse();
        assertThat(p.review().otherAnswer()).isEqualTo(BASELINE);
        JudgeCalibrationResult cal = calibration(read, PREFERRED);
        assertThat(List.of(cal.truePositives(), cal.falsePositives(), cal.falseNegatives(), cal.trueNegatives()))
                .containsExactly(0, 0, 1, 0);
        assertThat(cal.overruled()).isEqualTo(1);
    }

    @Test
    void aPairwiseLabelIsOnTheOrderedPairAndStaleWhenTheOtherAnswerChanged() {
        String answer = ANSWERS.get("P");
        LabelsFile.write(
                tmp.resolve("labels/datasets/pairwise-review-fixture.jsonl"),
                List.of(
                        // made with the roles swapped: another question, not applied
                        new HumanLabel(
                                "p",
                                PREFERRED,
                                LabelsFile.hash(BASELINE, null, null, null, answer),
                                "pass",
                                null,
                                "ana",
                                "2026-12-01")));

        EngineExecutionResults results = run(Compared.class);

        // the judge decides: the case and the dataset gate fail
        results.testEvents().assertStatistics(s -> s.succeeded(0).failed(2));
        VerdictResult p = verdictsByCase(results()).get("p");
        assertThat(p.decidedByHuman()).isFalse();
        assertThat(p.review().staleLabels()).hasSize(1);
    }

    private static JudgeCalibrationResult calibration(LlmResults read, String criterion) {
        return read.calibration().stream()
                .filter(c -> c.criterion().equals(criterion))
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError("no calibration row for " + criterion + ": " + read.calibration()));
    }

    @Test
    void aRelevancyLabelIsOnTheQuestionToo() {
        String answer = ANSWERS.get("P");
        LabelsFile.write(
                tmp.resolve("labels/datasets/pairwise-review-fixture.jsonl"),
                List.of(new HumanLabel(
                        "p",
                        "relevant to the question",
                        LabelsFile.hash(answer, "Question P about refunds?", null, null, null),
                        "pass",
                        null,
                        "ana",
                        "2026-12-01")));

        // the row's input is the question: the label applies and passes the check
        run(Relevant.class).testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
        VerdictResult p = verdictsByCase(results()).get("p");
        assertThat(p.decidedByHuman()).isTrue();
        assertThat(p.review().question()).isEqualTo("Question P about refunds?");

        // asked another question, the same answer's label is stale: the judge fails it
        run(RelevantToAnotherQuestion.class)
                .testEvents()
                .assertStatistics(s -> s.succeeded(0).failed(2));
        VerdictResult other = verdictsByCase(results()).get("p");
        assertThat(other.decidedByHuman()).isFalse();
        assertThat(other.review().staleLabels()).hasSize(1);
    }
}
