package dev.junitllm.assertions.internal.judge;

import static dev.junitllm.assertions.internal.Format.fmt;
import static dev.junitllm.assertions.internal.Format.quoteAll;
import static dev.junitllm.assertions.internal.Format.requireUnit;
import static dev.junitllm.assertions.internal.error.ShouldHaveScore.shouldHaveScoreAtLeast;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junitllm.Verdict;
import dev.junitllm.assertions.internal.Check;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * RAG metrics (faithfulness, answer relevancy, context recall): the judge lists items with a boolean
 * and the score is the share of true ones. The panel comes as a supplier because the inputs are
 * checked, and the trivial cases decided, before any judge is needed.
 */
public final class RagChecks {
    private RagChecks() {}

    /** The shape of one judge answer: which list, which text and flag fields, the score of an empty list. */
    record Items(String list, String text, String flag, double emptyScore, String failingLabel) {}

    static final Items CLAIMS = new Items("claims", "claim", "supported", 1.0, "unsupported claims");
    static final Items STATEMENTS = new Items("statements", "statement", "relevant", 0.0, "irrelevant statements");
    static final Items SENTENCES =
            new Items("sentences", "sentence", "attributed", 0.0, "statements missing from the context");

    /** {@code context}: the explicit passages, or {@code null} for the dataset row's. */
    public static Check faithfulness(
            Supplier<JudgePanel> panel, String text, List<String> context, String question, double minScore) {
        requireUnit(minScore, "minScore");
        String passages = JudgeInputs.context(context, "isFaithfulToContext");
        String shown = "the retrieved context";
        if (text.isBlank()) {
            // Nothing to verify; a judge asked to list claims of an empty answer has nothing to say.
            return new Check(
                    new Verdict("faithfulness", 1.0, minScore, true, "empty answer: no claims"),
                    () -> shouldHaveScoreAtLeast(text, "faithfulness", shown, minScore, 1.0, ""),
                    shown,
                    text);
        }
        Map<String, String> variables = Map.of("question", question, "context", passages, "response", text);
        return ratio(panel.get(), "faithfulness", JudgePrompt.FAITHFULNESS, variables, CLAIMS, minScore, text, shown);
    }

    public static Check answerRelevancy(Supplier<JudgePanel> panel, String text, String question, double minScore) {
        requireUnit(minScore, "minScore");
        if (question.equals(JudgeInputs.NOT_GIVEN)) {
            throw new IllegalStateException("isRelevantToQuestion needs the question: run over a @GoldenDataset"
                    + " (the row's input) or call forQuestion(...)");
        }
        if (text.isBlank()) {
            String reason = "answerRelevancy 0.000 < " + fmt(minScore) + ": the answer is empty";
            return new Check(
                    new Verdict("answerRelevancy", 0.0, minScore, minScore <= 0, reason),
                    () -> shouldHaveScoreAtLeast(text, "answerRelevancy", question, minScore, 0.0, reason),
                    question,
                    text);
        }
        Map<String, String> variables = Map.of("question", question, "response", text);
        return ratio(
                panel.get(),
                "answerRelevancy",
                JudgePrompt.ANSWER_RELEVANCY,
                variables,
                STATEMENTS,
                minScore,
                text,
                question);
    }

    /** {@code context} and {@code reference}: explicit values, or {@code null} for the dataset row's. */
    public static Check contextRecall(
            Supplier<JudgePanel> panel,
            String text,
            List<String> context,
            String reference,
            String question,
            double minScore) {
        requireUnit(minScore, "minScore");
        String passages = JudgeInputs.context(context, "hasContextRecallAtLeast");
        String expected = JudgeInputs.expected(reference, "hasContextRecallAtLeast");
        Map<String, String> variables = Map.of("question", question, "context", passages, "reference", expected);
        return ratio(
                panel.get(),
                "contextRecall",
                JudgePrompt.CONTEXT_RECALL,
                variables,
                SENTENCES,
                minScore,
                text,
                expected);
    }

    /** Each ballot scores its share of true items; the check's score is the mean over ballots. */
    static Check ratio(
            JudgePanel panel,
            String metric,
            JudgePrompt prompt,
            Map<String, String> variables,
            Items items,
            double minScore,
            String text,
            String shown) {
        List<JudgePanel.Ballot> ballots = panel.ask(prompt, variables);
        double sum = 0;
        Set<String> failing = new LinkedHashSet<>();
        List<String> counts = new ArrayList<>();
        for (JudgePanel.Ballot b : ballots) {
            JsonNode listed = b.answer().path(items.list());
            int good = 0;
            for (JsonNode item : listed) {
                if (item.path(items.flag()).asBoolean()) {
                    good++;
                } else {
                    failing.add(item.path(items.text()).asText());
                }
            }
            sum += listed.isEmpty() ? items.emptyScore() : (double) good / listed.size();
            counts.add(Votes.label(b, panel) + good + "/" + listed.size());
        }
        double score = sum / ballots.size();
        boolean ok = score >= minScore;
        String reason = metric + " " + fmt(score) + (ok ? " >= " : " < ") + fmt(minScore) + " ("
                + String.join(", ", counts) + ")"
                + (failing.isEmpty() ? "" : "; " + items.failingLabel() + ": " + quoteAll(failing));
        return new Check(
                new Verdict(metric, score, minScore, ok, reason),
                () -> shouldHaveScoreAtLeast(text, metric, shown, minScore, score, reason),
                shown,
                text);
    }
}
