package dev.junitllm.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junitllm.results.CallResult;
import dev.junitllm.results.CaseResult;
import dev.junitllm.results.HumanLabel;
import dev.junitllm.results.LabelsFile;
import dev.junitllm.results.LlmResults;
import dev.junitllm.results.SampleResult;
import dev.junitllm.results.TestResult;
import dev.junitllm.results.VerdictResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The answers people should label next, chosen from a run's judge verdicts on dataset cases: those the
 * judge failed, those whose votes disagree, those scored close to the threshold, those whose label went
 * stale (the answer changed), and a seeded random sample of passes, so that agreement is measured on
 * both sides. Answers already labelled are left out. Each answer (dataset, case, criterion, answer
 * hash) appears once.
 *
 * <pre>{@code
 * List<ReviewQueue.Item> queue = ReviewQueue.build(results, 30, 0.15, 42L);
 * queue.get(0).why();   // "failed"
 * }</pre>
 */
public final class ReviewQueue {

    /** Why an answer is in the queue, in the order they are shown. */
    public enum Why {
        FAILED("the judge failed it"),
        DISAGREE("the judge's votes disagree"),
        CLOSE("scored close to the threshold"),
        STALE("its earlier label is stale: the answer changed"),
        SAMPLE("a random pass, to measure agreement on passes too");

        private final String text;

        Why(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /**
     * One answer to label.
     *
     * @param input the question: the one the verdict was judged against (answer relevancy), else the case's
     * @param expected the expected answer the verdict was judged against (context recall), else the case's
     * @param context the passages the verdict was judged against (faithfulness, context recall), else the
     *     case's
     * @param answerFromCall whether {@code answer} is the model reply whose hash the judge verdict names
     *     (else it is the sample's last model reply and the judged text differed)
     * @param contextJudged whether {@code context} is what the verdict was judged against (a label is on it)
     * @param otherAnswer for a pairwise preference, the answer this one was compared with; else null
     */
    public record Item(
            Why why,
            String testId,
            String dataset,
            String caseId,
            String model,
            String input,
            String expected,
            List<String> context,
            String metric,
            String criterion,
            String answerHash,
            String answer,
            boolean answerFromCall,
            boolean judgePassed,
            Double score,
            Double threshold,
            String judgeReason,
            List<HumanLabel> staleLabels,
            boolean contextJudged,
            String otherAnswer) {

        /** A key for the answer: dataset, case, criterion, hash. */
        public String key() {
            return dataset + "\u0000" + caseId + "\u0000" + criterion + "\u0000" + answerHash;
        }

        /** The item as the review page reads it. */
        public ObjectNode json() {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("why", why.name().toLowerCase(java.util.Locale.ROOT));
            o.put("whyText", why.text());
            o.put("testId", testId);
            o.put("dataset", dataset);
            o.put("labelsFile", LabelsFile.relativePath(dataset));
            o.put("caseId", caseId);
            o.put("model", model);
            o.put("input", input);
            o.put("expected", expected);
            context.forEach(o.putArray("context")::add);
            o.put("contextJudged", contextJudged);
            o.put("otherAnswer", otherAnswer);
            o.put("metric", metric);
            o.put("criterion", criterion);
            o.put("answerHash", answerHash);
            o.put("answer", answer);
            o.put("answerFromCall", answerFromCall);
            o.put("judgePassed", judgePassed);
            if (score == null) {
                o.putNull("score");
            } else {
                o.put("score", score);
            }
            if (threshold == null) {
                o.putNull("threshold");
            } else {
                o.put("threshold", threshold);
            }
            o.put("judgeReason", judgeReason);
            ArrayNode stale = o.putArray("staleLabels");
            staleLabels.forEach(l -> stale.add(l.describe()));
            return o;
        }
    }

    private ReviewQueue() {}

    /**
     * @param size how many answers at most; a third of them (at least one) is kept for random passes
     * @param closeMargin a score within this distance of its threshold is "close"
     * @param seed the random sample's seed: the same run and seed give the same queue
     */
    public static List<Item> build(LlmResults results, int size, double closeMargin, long seed) {
        if (size < 1) {
            throw new IllegalArgumentException("the review queue's size must be >= 1, was " + size);
        }
        Map<String, Item> byKey = new LinkedHashMap<>();
        for (TestResult test : results.tests()) {
            for (CaseResult c : test.cases()) {
                if (c.caseId() == null || c.dataset() == null) {
                    continue;
                }
                for (SampleResult s : c.samples()) {
                    for (VerdictResult v : s.verdicts()) {
                        if (v.review() == null || v.review().humanLabel() != null) {
                            continue;
                        }
                        Item item = item(test, c, s, v, closeMargin);
                        Item earlier = byKey.get(item.key());
                        if (earlier == null
                                || item.why().ordinal() < earlier.why().ordinal()) {
                            byKey.put(item.key(), item);
                        }
                    }
                }
            }
        }
        List<Item> attention = new ArrayList<>();
        List<Item> passes = new ArrayList<>();
        byKey.values().forEach(i -> (i.why() == Why.SAMPLE ? passes : attention).add(i));
        attention.sort(Comparator.comparing(Item::why)
                .thenComparing(Item::dataset)
                .thenComparing(Item::caseId)
                .thenComparing(Item::criterion));
        passes.sort(
                Comparator.comparing(Item::dataset).thenComparing(Item::caseId).thenComparing(Item::criterion));
        Collections.shuffle(passes, new Random(seed));

        int passQuota = passes.isEmpty() ? 0 : Math.max(1, size / 3);
        int attentionTaken = Math.min(attention.size(), size - Math.min(passQuota, passes.size()));
        List<Item> queue = new ArrayList<>(attention.subList(0, attentionTaken));
        queue.addAll(passes.subList(0, Math.min(passes.size(), size - attentionTaken)));
        return List.copyOf(queue);
    }

    /** A pass/fail vote whose score is the share of passing votes (for pairwise: of wins). */
    private static boolean isVote(VerdictResult v) {
        return v.metric().equals("rubric")
                || v.metric().equals("toxicity")
                || v.metric().equals("pairwise");
    }

    private static Item item(TestResult test, CaseResult c, SampleResult s, VerdictResult v, double closeMargin) {
        String hash = v.review().answerHash();
        String answer = null;
        boolean fromCall = false;
        for (CallResult call : s.calls()) {
            if (call.role() == CallResult.Role.MODEL && call.response() != null) {
                answer = call.response();
                if (v.review().hashOf(call.response()).equals(hash)) {
                    fromCall = true;
                    break;
                }
            }
        }
        boolean judgePassed = v.review().judgePassed();
        Why why;
        if (!judgePassed) {
            why = Why.FAILED;
        } else if (isVote(v) && v.score() != null && v.score() > 0 && v.score() < 1) {
            why = Why.DISAGREE;
        } else if (!isVote(v)
                && v.score() != null
                && v.threshold() != null
                && Math.abs(v.score() - v.threshold()) <= closeMargin) {
            why = Why.CLOSE;
        } else if (!v.review().staleLabels().isEmpty()) {
            why = Why.STALE;
        } else {
            why = Why.SAMPLE;
        }
        if (why == Why.FAILED && isVote(v) && v.score() != null && v.score() > 0 && v.score() < 1) {
            why = Why.DISAGREE;
        }
        return new Item(
                why,
                test.testId(),
                c.dataset(),
                c.caseId(),
                c.model(),
                v.review().question() != null ? v.review().question() : c.input(),
                v.review().expected() != null ? v.review().expected() : c.expected(),
                v.review().context().isEmpty() ? c.context() : v.review().context(),
                v.metric(),
                v.review().criterion(),
                hash,
                answer,
                fromCall,
                judgePassed,
                v.score(),
                v.threshold(),
                v.reason(),
                v.review().staleLabels(),
                !v.review().context().isEmpty(),
                v.review().otherAnswer());
    }
}
