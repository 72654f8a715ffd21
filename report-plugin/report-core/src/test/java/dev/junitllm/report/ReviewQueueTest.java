package dev.junitllm.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junitllm.results.CallResult;
import dev.junitllm.results.CaseResult;
import dev.junitllm.results.CaseStatus;
import dev.junitllm.results.HumanLabel;
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

class ReviewQueueTest {

    static CaseResult judged(
            String id,
            String metric,
            double score,
            double threshold,
            boolean judge,
            HumanLabel label,
            List<HumanLabel> stale) {
        String answer = "answer of " + id;
        VerdictResult v = new VerdictResult(
                metric,
                score,
                threshold,
                judge,
                "critique of " + id,
                new JudgeReview("Polite", LabelsFile.hash(answer), judge, label, stale));
        CallResult call =
                new CallResult(CallResult.Role.MODEL, "m", null, true, null, null, 1, null, null, "q", answer, null);
        return new CaseResult(
                "u" + id,
                id,
                "T#t",
                id,
                "datasets/d.jsonl",
                "m",
                "replay",
                "question " + id,
                "golden " + id,
                List.of("ctx"),
                null,
                null,
                judge ? CaseStatus.PASSED : CaseStatus.FAILED,
                1,
                1,
                judge ? 1 : 0,
                1.0,
                judge ? 1.0 : 0.0,
                Interval.wilson(judge ? 1 : 0, 1),
                Map.of(),
                Map.of(),
                null,
                null,
                null,
                0L,
                List.of(new SampleResult(0, judge, null, List.of(v), List.of(call))));
    }

    static LlmResults results(List<CaseResult> cases) {
        return new LlmResults(
                LlmResults.SCHEMA_VERSION, null, null, null, null, List.of(new TestResult("T#t", "T", "t", cases)));
    }

    /** A case whose verdict was judged with more than the answer (RAG, pairwise): the review keeps it. */
    static CaseResult judgedWith(String id, String metric, String criterion, boolean judge, JudgeReview review) {
        CaseResult c = judged(id, metric, judge ? 1.0 : 0.5, 1.0, judge, null, List.of());
        SampleResult s = c.samples().get(0);
        VerdictResult v = s.verdicts().get(0);
        VerdictResult withReview =
                new VerdictResult(v.metric(), v.score(), v.threshold(), v.passed(), v.reason(), review);
        return new CaseResult(
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
                null,
                null,
                c.status(),
                1,
                1,
                judge ? 1 : 0,
                1.0,
                judge ? 1.0 : 0.0,
                c.interval(),
                Map.of(),
                Map.of(),
                null,
                null,
                null,
                0L,
                List.of(new SampleResult(0, judge, null, List.of(withReview), s.calls())));
    }

    @Test
    void aRagVerdictIsOfferedWithTheContextItWasJudgedAgainstAndAPairwiseOneWithTheOtherAnswer() {
        List<String> retrieved = List.of("Refunds are accepted within 30 days.", "A receipt is required.");
        String answer = "answer of rag";
        JudgeReview rag = new JudgeReview(
                "faithful to the context",
                LabelsFile.hash(answer, null, retrieved, null, null),
                false,
                null,
                List.of(),
                null,
                retrieved,
                null,
                null);
        String pairAnswer = "answer of pair";
        JudgeReview pair = new JudgeReview(
                "preferred over the other answer: Names the window",
                LabelsFile.hash(pairAnswer, null, null, null, "We have a policy."),
                true,
                null,
                List.of(),
                null,
                null,
                null,
                "We have a policy.");

        List<ReviewQueue.Item> queue = ReviewQueue.build(
                results(List.of(
                        judgedWith("rag", "faithfulness", "faithful to the context", false, rag),
                        judgedWith("pair", "pairwise", pair.criterion(), true, pair))),
                10,
                0.1,
                1L);

        ReviewQueue.Item first = queue.get(0);
        assertThat(first.caseId()).isEqualTo("rag");
        assertThat(first.why()).isEqualTo(ReviewQueue.Why.FAILED);
        assertThat(first.criterion()).isEqualTo("faithful to the context");
        // the passages the judge read, not the case's own context ("ctx")
        assertThat(first.context()).isEqualTo(retrieved);
        assertThat(first.contextJudged()).isTrue();
        // the model reply is found although the hash covers the answer and the passages
        assertThat(first.answer()).isEqualTo(answer);
        assertThat(first.answerFromCall()).isTrue();
        assertThat(first.answerHash()).isNotEqualTo(LabelsFile.hash(answer));
        assertThat(first.json().path("contextJudged").asBoolean()).isTrue();
        assertThat(first.json().path("context").get(1).asText()).isEqualTo("A receipt is required.");

        ReviewQueue.Item second = queue.get(1);
        assertThat(second.caseId()).isEqualTo("pair");
        assertThat(second.otherAnswer()).isEqualTo("We have a policy.");
        assertThat(second.answerFromCall()).isTrue();
        assertThat(second.contextJudged()).isFalse();
        assertThat(second.context()).containsExactly("ctx");
        assertThat(second.json().path("otherAnswer").asText()).isEqualTo("We have a policy.");
        assertThat(first.json().path("otherAnswer").isNull()).isTrue();
    }

    @Test
    void failedDisagreeingCloseAndStaleFirstThenSeededPassesAndNothingAlreadyLabelled() {
        HumanLabel old = new HumanLabel("stale", "Polite", "0123456789abcdef", "pass", null, "ana", "2026-11-01");
        List<CaseResult> cases = new ArrayList<>();
        cases.add(judged("failed", "rubric", 0.0, 1.0, false, null, List.of()));
        cases.add(judged("split", "rubric", 2.0 / 3, 2.0 / 3, true, null, List.of()));
        cases.add(judged("close", "gEval", 0.8, 0.75, true, null, List.of()));
        cases.add(judged("stale", "rubric", 1.0, 1.0, true, null, List.of(old)));
        for (int i = 0; i < 10; i++) {
            cases.add(judged("pass" + i, "rubric", 1.0, 1.0, true, null, List.of()));
        }
        HumanLabel done = new HumanLabel(
                "labelled", "Polite", LabelsFile.hash("answer of labelled"), "fail", null, "ana", "2026-12-01");
        cases.add(judged("labelled", "rubric", 0.0, 1.0, false, done, List.of()));

        List<ReviewQueue.Item> queue = ReviewQueue.build(results(cases), 9, 0.1, 7L);

        assertThat(queue).hasSize(9);
        assertThat(queue.subList(0, 4))
                .extracting(ReviewQueue.Item::caseId)
                .containsExactly("failed", "split", "close", "stale");
        assertThat(queue.subList(4, 9)).allMatch(i -> i.why() == ReviewQueue.Why.SAMPLE);
        assertThat(queue).noneMatch(i -> i.caseId().equals("labelled"));
        ReviewQueue.Item first = queue.get(0);
        assertThat(first.answer()).isEqualTo("answer of failed");
        assertThat(first.answerFromCall()).isTrue();
        assertThat(first.json().path("labelsFile").asText()).isEqualTo("datasets/d.jsonl");
        assertThat(first.json().path("expected").asText()).isEqualTo("golden failed");

        // the same seed gives the same sample; another seed another one
        assertThat(ReviewQueue.build(results(cases), 9, 0.1, 7L)).isEqualTo(queue);
        List<String> otherSeeds = new ArrayList<>();
        for (long seed = 1; seed < 6; seed++) {
            otherSeeds.add(ReviewQueue.build(results(cases), 9, 0.1, seed)
                    .subList(4, 9)
                    .toString());
        }
        assertThat(otherSeeds).anyMatch(s -> !s.equals(queue.subList(4, 9).toString()));
    }

    @Test
    void aThirdOfASmallQueueIsKeptForPasses() {
        List<CaseResult> cases = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            cases.add(judged("f" + i, "rubric", 0.0, 1.0, false, null, List.of()));
            cases.add(judged("p" + i, "rubric", 1.0, 1.0, true, null, List.of()));
        }
        List<ReviewQueue.Item> queue = ReviewQueue.build(results(cases), 6, 0.1, 1L);
        assertThat(queue).filteredOn(i -> i.why() == ReviewQueue.Why.FAILED).hasSize(4);
        assertThat(queue).filteredOn(i -> i.why() == ReviewQueue.Why.SAMPLE).hasSize(2);
    }
}
