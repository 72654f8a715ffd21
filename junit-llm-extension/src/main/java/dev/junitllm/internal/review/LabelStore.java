package dev.junitllm.internal.review;

import dev.junitllm.Verdict;
import dev.junitllm.results.HumanLabel;
import dev.junitllm.results.JudgeReview;
import dev.junitllm.results.LabelsFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.commons.JUnitException;

/**
 * The human labels of a run, read lazily, once per dataset, from {@code <dir>/<dataset path>.jsonl}
 * ({@link LabelsFile}). Thread-safe.
 *
 * <pre>{@code
 * LabelStore store = new LabelStore(Path.of("src/test/resources/llm-labels"));
 * Decision d = store.decide("datasets/refunds.jsonl", "refund-03", "openai:gpt-4o-mini", "States 30 days",
 *         answer, judgeVerdict);
 * d.counted();   // the human's verdict when a label matches the answer's hash, else the judge's
 * }</pre>
 */
public final class LabelStore {

    /** The verdict that counts and the review to record with it. */
    public record Decision(Verdict counted, JudgeReview review) {}

    private final Path dir;
    private final Map<String, List<HumanLabel>> byDataset = new ConcurrentHashMap<>();

    public LabelStore(Path dir) {
        this.dir = dir;
    }

    /** The labels file of {@code dataset}. */
    public Path fileOf(String dataset) {
        return dir.resolve(LabelsFile.relativePath(dataset));
    }

    /**
     * Decides a judge verdict: a label on this case, criterion and exactly this answer replaces it;
     * labels on the same case and criterion for another answer are stale and only reported. Labels
     * made for another model's answers are left out.
     *
     * @throws JUnitException naming the labels file and line when the file is malformed
     */
    public Decision decide(
            String dataset, String caseId, String model, String criterion, String answer, Verdict judge) {
        return decide(dataset, caseId, model, criterion, new Judged(answer, null, null, null, null), judge);
    }

    /**
     * What a judge verdict depends on: the answer, and for RAG and pairwise checks the question, context
     * passages, expected answer or other answer (null when the verdict does not depend on it). A label is
     * on all of it ({@link LabelsFile#hash(String, String, List, String, String)}).
     */
    public record Judged(String answer, String question, List<String> context, String expected, String otherAnswer) {
        String hash() {
            return LabelsFile.hash(answer, question, context, expected, otherAnswer);
        }
    }

    /**
     * {@link #decide(String, String, String, String, String, Verdict)} for a verdict that depends on
     * more than the answer: only a label made on exactly the same {@code judged} material applies.
     */
    public Decision decide(
            String dataset, String caseId, String model, String criterion, Judged judged, Verdict judge) {
        String hash = judged.hash();
        HumanLabel match = null;
        List<HumanLabel> stale = new ArrayList<>();
        for (HumanLabel l : labels(dataset)) {
            if (l.caseId().equals(caseId) && l.criterion().equals(criterion) && l.appliesToModel(model)) {
                if (l.answerHash().equals(hash)) {
                    match = l;
                } else {
                    stale.add(l);
                }
            }
        }
        JudgeReview review = new JudgeReview(
                criterion,
                hash,
                judge.passed(),
                match,
                stale,
                judged.question(),
                judged.context(),
                judged.expected(),
                judged.otherAnswer());
        if (match == null) {
            return new Decision(judge, review);
        }
        Verdict human = new Verdict(
                judge.metric(),
                match.passed() ? 1.0 : 0.0,
                judge.threshold(),
                match.passed(),
                "human label: " + match.describe()
                        + (match.passed() == judge.passed()
                                ? " (the judge agreed: "
                                : " (overrules the judge, which said " + (judge.passed() ? "pass" : "fail") + ": ")
                        + judge.reason() + ")");
        return new Decision(human, review);
    }

    private List<HumanLabel> labels(String dataset) {
        return byDataset.computeIfAbsent(dataset, d -> {
            Path file = fileOf(d);
            try {
                return LabelsFile.read(file);
            } catch (IllegalArgumentException e) {
                throw new JUnitException(
                        "Human labels of @GoldenDataset [" + d + "]: " + e.getMessage()
                                + " (the file is " + file.toAbsolutePath() + "; fix or delete the line,"
                                + " or point llm.labels.dir elsewhere)",
                        e);
            }
        });
    }
}
