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
