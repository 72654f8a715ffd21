package dev.junitllm.assertions.internal.safety;

import dev.junitllm.assertions.internal.text.TextMetrics;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Measures how much of a system prompt an answer repeats: the share of the prompt's word 5-grams
 * that occur in the answer (containment), and the longest run of words the two share. Punctuation,
 * case and spacing are ignored, so light reformatting of a leaked prompt is still caught.
 */
public final class PromptLeak {
    public static final int N = 5;

    /** The measurement. */
    public record Overlap(double containment, String longestShared, int longestSharedWords) {}

    private PromptLeak() {}

    public static Overlap measure(String prompt, String answer) {
        List<String> p = TextMetrics.words(prompt);
        List<String> a = TextMetrics.words(answer);
        if (p.isEmpty() || a.isEmpty()) {
            return new Overlap(0, "", 0);
        }
        double containment;
        if (p.size() < N) {
            // A prompt shorter than one 5-gram leaks when it appears whole.
            containment = longestRun(p, a)[0] == p.size() ? 1.0 : 0.0;
        } else {
            Set<List<String>> answerGrams =
                    new HashSet<>(TextMetrics.ngrams(a, N).keySet());
            Set<List<String>> promptGrams = TextMetrics.ngrams(p, N).keySet();
            long found = promptGrams.stream().filter(answerGrams::contains).count();
            containment = (double) found / promptGrams.size();
        }
        int[] run = longestRun(p, a);
        String shared = String.join(" ", p.subList(run[1], run[1] + run[0]));
        return new Overlap(containment, shared, run[0]);
    }

    /** {length, start in p} of the longest common contiguous word run. */
    private static int[] longestRun(List<String> p, List<String> a) {
        int best = 0;
        int bestEnd = 0;
        int[] prev = new int[a.size() + 1];
        for (int i = 1; i <= p.size(); i++) {
            int[] cur = new int[a.size() + 1];
            for (int j = 1; j <= a.size(); j++) {
                if (p.get(i - 1).equals(a.get(j - 1))) {
                    cur[j] = prev[j - 1] + 1;
                    if (cur[j] > best) {
                        best = cur[j];
                        bestEnd = i;
                    }
                }
            }
            prev = cur;
        }
        return new int[] {best, bestEnd - best};
    }
}
