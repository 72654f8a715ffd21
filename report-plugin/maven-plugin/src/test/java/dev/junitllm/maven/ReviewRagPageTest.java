package dev.junitllm.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.junitllm.report.ReviewQueue;
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
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The review page in headless Chromium for the checks whose verdict depends on more than the answer: a
 * faithfulness verdict shows the passages the judge checked the answer against (not the case's own
 * context), a pairwise one shows the other answer, and the label written is on all of it.
 */
class ReviewRagPageTest {

    static final String FAITHFUL = "faithful to the context";
    static final String PREFERRED = "preferred over the other answer: Names the refund window";
    static final List<String> RETRIEVED =
            List.of("Refunds: unworn items within 30 days of delivery.", "Shipping costs are not refunded.");
    static final String RAG_ANSWER = "Refunds within 30 days, and we refund shipping too.";
    static final String PAIR_ANSWER = "You can return them within 30 days.";
    static final String BASELINE = "We have a refund policy.";

    @TempDir
    Path tmp;

    static CaseResult judged(String id, String metric, boolean judge, String answer, JudgeReview review) {
        // a failed pairwise verdict lost every vote; a failed faithfulness one had half its claims supported
        double score = judge ? 1.0 : metric.equals("pairwise") ? 0.0 : 0.5;
        VerdictResult v =
                new VerdictResult(metric, score, 1.0, judge, metric + (judge ? " passes" : " 0.500 < 1.000"), review);
        CallResult call = new CallResult(
                CallResult.Role.MODEL, "openai:gpt-4o-mini", null, true, null, null, 1, null, null, "q", answer, null);
        return new CaseResult(
                "u" + id,
                id,
                "dev.example.RefundTest#refunds",
                id,
                "datasets/refunds.jsonl",
                "openai:gpt-4o-mini",
                "replay",
                "Question " + id + ": can I return shoes after 20 days?",
                "Yes: within 30 days.",
                List.of("The dataset row's own passage."),
                List.of(),
                List.of(),
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

    static List<ReviewQueue.Item> queue() {
        JudgeReview rag = new JudgeReview(
                FAITHFUL,
                LabelsFile.hash(RAG_ANSWER, null, RETRIEVED, null, null),
                false,
                null,
                List.of(),
                null,
                RETRIEVED,
                null,
                null);
        JudgeReview pair = new JudgeReview(
                PREFERRED,
                LabelsFile.hash(PAIR_ANSWER, null, null, null, BASELINE),
                false,
                null,
                List.of(),
                null,
                null,
                null,
                BASELINE);
        LlmResults results = new LlmResults(
                LlmResults.SCHEMA_VERSION,
                null,
                null,
                null,
                null,
                List.of(new TestResult(
                        "dev.example.RefundTest#refunds",
                        "dev.example.RefundTest",
                        "refunds",
                        List.of(
                                judged("rag-1", "faithfulness", false, RAG_ANSWER, rag),
                                judged("pair-1", "pairwise", false, PAIR_ANSWER, pair)))));
        return ReviewQueue.build(results, 10, 0.15, 1L);
    }

    @Test
    void theReviewerSeesTheJudgedPassagesAndTheOtherAnswerAndLabelsAllOfIt() throws Exception {
        Path chromium = Chromium.find();
        assumeTrue(chromium != null, "needs chromium");
        Path labels = tmp.resolve("labels");
        List<ReviewQueue.Item> queue = queue();
        assertThat(queue).extracting(ReviewQueue.Item::caseId).containsExactly("pair-1", "rag-1");

        try (ReviewServer server =
                        new ReviewServer(queue, labels, d -> tmp.resolve(d), "ana", () -> LocalDate.of(2026, 12, 1));
                Cdp browser = Cdp.launch(chromium, tmp.resolve("profile"))) {
            browser.navigate(server.start(0).toString());
            browser.waitUntil(
                    "the page to load the queue",
                    () -> browser.evalTrue("document.body.getAttribute('data-review-ready') === 'true'"));

            // pairwise: the other answer is shown next to the answer
            assertThat(browser.text("[data-review=case-id]")).isEqualTo("pair-1");
            assertThat(browser.text("[data-review=criterion]")).isEqualTo(PREFERRED);
            assertThat(browser.text("[data-review=answer]")).isEqualTo(PAIR_ANSWER);
            assertThat(browser.text("[data-review=other-answer]")).isEqualTo(BASELINE);
            browser.key("p");
            browser.waitUntil(
                    "the pass label",
                    () -> browser.evalTrue(
                            "(document.querySelector('[data-review=status]') || {}).textContent"
                                    + " && document.querySelector('[data-review=status]').textContent.indexOf('labelled pass') >= 0"));

            // faithfulness: the passages the judge read, not the row's own context; no other answer
            browser.key("j");
            browser.waitUntil(
                    "rag-1",
                    () -> browser.evalTrue("document.querySelector('[data-review=case-id]').textContent === 'rag-1'"));
            assertThat(browser.text("[data-review=answer]")).isEqualTo(RAG_ANSWER);
            assertThat(browser.text("[data-review=context-heading]")).contains("Context the answer was judged against");
            assertThat(browser.evalTrue("Array.prototype.map.call(document.querySelectorAll('[data-review=context]'),"
                            + " function (e) { return e.textContent; }).join('|') === "
                            + "'Refunds: unworn items within 30 days of delivery.|Shipping costs are not refunded.'"))
                    .isTrue();
            assertThat(browser.evalTrue("document.querySelector('[data-review=other-answer]') === null"))
                    .isTrue();
            browser.key("f");
            browser.waitUntil("both labels", () -> server.labelledCount() == 2);
            browser.screenshot(tmp.resolve("review-rag-page.png"));
        }

        List<HumanLabel> written = LabelsFile.read(labels.resolve("datasets/refunds.jsonl"));
        // each label is on the answer with what it was judged against: the hashes the next run computes
        assertThat(written)
                .containsExactlyInAnyOrder(
                        new HumanLabel(
                                "pair-1",
                                PREFERRED,
                                LabelsFile.hash(PAIR_ANSWER, null, null, null, BASELINE),
                                "pass",
                                null,
                                "ana",
                                "2026-12-01",
                                "openai:gpt-4o-mini"),
                        new HumanLabel(
                                "rag-1",
                                FAITHFUL,
                                LabelsFile.hash(RAG_ANSWER, null, RETRIEVED, null, null),
                                "fail",
                                null,
                                "ana",
                                "2026-12-01",
                                "openai:gpt-4o-mini"));
    }
}
