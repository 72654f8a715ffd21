package dev.junitllm.assertions.internal.judge;

import static dev.junitllm.assertions.internal.Format.fmt;
import static dev.junitllm.assertions.internal.Format.requireUnit;
import static dev.junitllm.assertions.internal.error.ShouldSatisfyJudge.shouldBePreferred;
import static dev.junitllm.assertions.internal.error.ShouldSatisfyJudge.shouldSatisfyRubric;
import static dev.junitllm.assertions.internal.error.ShouldSatisfyJudge.shouldScoreAtLeast;
import static dev.junitllm.assertions.internal.judge.Votes.label;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junitllm.Verdict;
import dev.junitllm.assertions.internal.Check;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Judge checks on one answer: rubric (pass/fail by majority), G-Eval (mean 1..5 score, optionally
 * reference-guided), pairwise (both orders) and toxicity.
 */
public final class JudgeChecks {
    private JudgeChecks() {}

    public static Check rubric(JudgePanel panel, String text, String criterion, String question, String reference) {
        List<JudgePanel.Ballot> ballots =
                panel.ask(JudgePrompt.RUBRIC, graded("criterion", criterion, question, reference, text));
        Tally t = tally(
                panel,
                ballots,
                "pass",
                "pass",
                b -> (verdict(b).equals("pass") ? "pass: " : "fail: ") + critique(b.answer()));
        return new Check(
                new Verdict("rubric", t.score(), t.threshold(), t.ok(), t.reason()),
                () -> shouldSatisfyRubric(text, criterion, t.score(), t.threshold(), t.reason()),
                criterion,
                text);
    }

    /** G-Eval: each 1..5 score becomes {@code (s - 1) / 4}; the check's score is the mean. */
    public static Check graded(
            JudgePanel panel, String text, String rubric, double minScore, String question, String reference) {
        requireUnit(minScore, "minScore");
        List<JudgePanel.Ballot> ballots =
                panel.ask(JudgePrompt.GRADED, graded("rubric", rubric, question, reference, text));
        double sum = 0;
        List<String> critiques = new ArrayList<>();
        for (JudgePanel.Ballot b : ballots) {
            int raw = b.answer().path("score").asInt();
            sum += (raw - 1) / 4.0;
            critiques.add(label(b, panel) + raw + "/5: " + critique(b.answer()));
        }
        double score = sum / ballots.size();
        boolean ok = score >= minScore;
        String reason =
                "score " + fmt(score) + (ok ? " >= " : " < ") + fmt(minScore) + "; " + String.join(" | ", critiques);
        return new Check(
                new Verdict(reference == null ? "gEval" : "gEvalReference", score, minScore, ok, reason),
                () -> shouldScoreAtLeast(text, rubric, minScore, score, reason),
                rubric,
                text);
    }

    /** Asks with the answer first, then with {@code other} first; only a preference in both orders is a win. */
    public static Check pairwise(JudgePanel panel, String text, String other, String criterion, String question) {
        List<JudgePanel.Ballot> thisFirst = panel.ask(
                JudgePrompt.PAIRWISE,
                Map.of("criterion", criterion, "question", question, "answer_a", text, "answer_b", other));
        List<JudgePanel.Ballot> otherFirst = panel.ask(
                JudgePrompt.PAIRWISE,
                Map.of("criterion", criterion, "question", question, "answer_a", other, "answer_b", text));
        int wins = 0;
        List<String> outcomes = new ArrayList<>();
        List<String> details = new ArrayList<>();
        for (int i = 0; i < thisFirst.size(); i++) {
            JsonNode first = thisFirst.get(i).answer();
            JsonNode second = otherFirst.get(i).answer();
            String outcome = PairwiseOutcome.of(winner(first), winner(second));
            wins += outcome.equals(PairwiseOutcome.WIN) ? 1 : 0;
            outcomes.add(outcome);
            details.add(label(thisFirst.get(i), panel) + outcome + " (response first: "
                    + winnerName(winner(first), true) + " — " + critique(first) + "; response second: "
                    + winnerName(winner(second), false) + " — " + critique(second) + ")");
        }
        int n = thisFirst.size();
        boolean ok = Votes.isMajority(wins, n);
        String overall = ok ? PairwiseOutcome.WIN : PairwiseOutcome.summarise(outcomes);
        String reason = wins + "/" + n + " wins; " + String.join(" | ", details);
        return new Check(
                new Verdict("pairwise", (double) wins / n, Votes.majority(n), ok, overall + ": " + reason),
                () -> shouldBePreferred(text, other, criterion, overall, reason),
                other,
                text);
    }

    public static Check notToxic(JudgePanel panel, String text, String question) {
        List<JudgePanel.Ballot> ballots =
                panel.ask(JudgePrompt.TOXICITY, Map.of("question", question, "response", text));
        Tally t = tally(panel, ballots, "not_toxic", "not toxic", b -> verdict(b) + ": " + critique(b.answer()));
        return new Check(
                new Verdict("toxicity", t.score(), t.threshold(), t.ok(), t.reason()),
                () -> shouldSatisfyRubric(text, "is not toxic", t.score(), t.threshold(), t.reason()),
                "not toxic",
                text);
    }

    /** The variables of a prompt that grades the answer against one instruction, question and reference. */
    private static Map<String, String> graded(
            String key, String value, String question, String reference, String text) {
        return Map.of(
                key,
                value,
                "question",
                question,
                "reference",
                JudgeInputs.referenceOrNone(reference),
                "response",
                text);
    }

    /** A pass/fail vote: the share of {@code yes} verdicts, a strict majority to pass, every critique. */
    private record Tally(double score, double threshold, boolean ok, String reason) {}

    private static Tally tally(
            JudgePanel panel,
            List<JudgePanel.Ballot> ballots,
            String yes,
            String yesWords,
            Function<JudgePanel.Ballot, String> line) {
        int count = Votes.count(ballots, b -> verdict(b).equals(yes));
        int n = ballots.size();
        List<String> critiques =
                ballots.stream().map(b -> label(b, panel) + line.apply(b)).toList();
        String reason = count + "/" + n + " votes " + yesWords + "; " + String.join(" | ", critiques);
        return new Tally((double) count / n, Votes.majority(n), Votes.isMajority(count, n), reason);
    }

    static String winnerName(String winner, boolean responseIsA) {
        if (winner.equals("tie")) {
            return "tie";
        }
        return winner.equals("A") == responseIsA ? "response preferred" : "other preferred";
    }

    private static String verdict(JudgePanel.Ballot b) {
        return b.answer().path("verdict").asText();
    }

    private static String winner(JsonNode answer) {
        return answer.path("winner").asText();
    }

    private static String critique(JsonNode answer) {
        return answer.path("critique").asText();
    }
}
