package dev.junitllm.assertions.internal.text;

import static dev.junitllm.assertions.internal.Format.fmt;
import static dev.junitllm.assertions.internal.Format.requireUnit;
import static dev.junitllm.assertions.internal.error.ShouldHaveScore.shouldHaveScoreAtLeast;

import dev.junitllm.Verdict;
import dev.junitllm.assertions.internal.Check;

/** String-similarity checks: a {@link TextMetrics} score against a minimum. */
public final class SimilarityChecks {
    private SimilarityChecks() {}

    public static Check levenshtein(String text, String expected, double min) {
        return scored(text, "levenshtein", expected, min, TextMetrics.levenshteinSimilarity(text, expected));
    }

    public static Check jaroWinkler(String text, String expected, double min) {
        return scored(text, "jaroWinkler", expected, min, TextMetrics.jaroWinkler(text, expected));
    }

    public static Check cosine(String text, String expected, double min) {
        return scored(text, "cosine", expected, min, TextMetrics.cosine(text, expected));
    }

    public static Check rougeL(String text, String reference, double min) {
        return scored(text, "rougeL", reference, min, TextMetrics.rougeL(text, reference));
    }

    public static Check bleu(String text, String reference, double min) {
        return scored(text, "bleu", reference, min, TextMetrics.bleu(text, reference));
    }

    static Check scored(String text, String metric, String reference, double min, double score) {
        requireUnit(min, "minimum " + metric);
        boolean ok = score >= min;
        return new Check(
                new Verdict(metric, score, min, ok, metric + " " + fmt(score) + (ok ? " >= " : " < ") + fmt(min)),
                () -> shouldHaveScoreAtLeast(text, metric, reference, min, score, ""),
                reference,
                text);
    }
}
