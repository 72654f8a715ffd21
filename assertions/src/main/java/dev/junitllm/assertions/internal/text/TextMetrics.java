package dev.junitllm.assertions.internal.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.text.similarity.CosineSimilarity;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** String similarity metrics on one 0..1 scale, higher is more similar. */
public final class TextMetrics {
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’][\\p{L}]+)*");
    private static final LevenshteinDistance LEVENSHTEIN = LevenshteinDistance.getDefaultInstance();
    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();
    private static final CosineSimilarity COSINE = new CosineSimilarity();

    private TextMetrics() {}

    /** Lower-cased words; punctuation dropped. The tokenisation of ROUGE, BLEU and word counts. */
    public static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            words.add(m.group());
        }
        return words;
    }

    /** {@code 1 - distance / max(length)}; two empty strings are identical. */
    public static double levenshteinSimilarity(String a, String b) {
        int max = Math.max(a.length(), b.length());
        return max == 0 ? 1.0 : 1.0 - (double) LEVENSHTEIN.apply(a, b) / max;
    }

    public static double jaroWinkler(String a, String b) {
        return JARO_WINKLER.apply(a, b);
    }

    /** Cosine of the two texts' word-count vectors. */
    public static double cosine(String a, String b) {
        Map<CharSequence, Integer> va = counts(words(a));
        Map<CharSequence, Integer> vb = counts(words(b));
        if (va.isEmpty() && vb.isEmpty()) {
            return 1.0;
        }
        if (va.isEmpty() || vb.isEmpty()) {
            return 0.0;
        }
        return COSINE.cosineSimilarity(va, vb);
    }

    private static Map<CharSequence, Integer> counts(List<String> words) {
        Map<CharSequence, Integer> counts = new HashMap<>();
        words.forEach(w -> counts.merge(w, 1, Integer::sum));
        return counts;
    }

    /** ROUGE-L F1 on words: R = LCS/|reference|, P = LCS/|candidate|, F = 2RP/(R+P). */
    public static double rougeL(String candidate, String reference) {
        List<String> c = words(candidate);
        List<String> r = words(reference);
        if (c.isEmpty() || r.isEmpty()) {
            return c.isEmpty() && r.isEmpty() ? 1.0 : 0.0;
        }
        int lcs = lcs(c, r);
        if (lcs == 0) {
            return 0.0;
        }
        double recall = (double) lcs / r.size();
        double precision = (double) lcs / c.size();
        return 2 * recall * precision / (recall + precision);
    }

    public static int lcs(List<String> a, List<String> b) {
        int[] prev = new int[b.size() + 1];
        int[] cur = new int[b.size() + 1];
        for (int i = 1; i <= a.size(); i++) {
            for (int j = 1; j <= b.size(); j++) {
                cur[j] = a.get(i - 1).equals(b.get(j - 1)) ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.size()];
    }

    /**
     * Sentence BLEU-4 against one reference (Papineni et al.): geometric mean of the clipped 1..4-gram
     * precisions with uniform weights, times the brevity penalty {@code BP = 1 if c > r else
     * e^(1 - r/c)}. No smoothing: when any n-gram order has no match (or the candidate is shorter
     * than 4 words) the score is 0, as in the standard definition.
     */
    public static double bleu(String candidate, String reference) {
        List<String> c = words(candidate);
        List<String> r = words(reference);
        if (c.isEmpty()) {
            return 0.0;
        }
        double logSum = 0;
        for (int n = 1; n <= 4; n++) {
            Map<List<String>, Integer> cand = ngrams(c, n);
            Map<List<String>, Integer> ref = ngrams(r, n);
            int total = c.size() - n + 1;
            if (total <= 0) {
                return 0.0;
            }
            int clipped = 0;
            for (Map.Entry<List<String>, Integer> e : cand.entrySet()) {
                clipped += Math.min(e.getValue(), ref.getOrDefault(e.getKey(), 0));
            }
            if (clipped == 0) {
                return 0.0;
            }
            logSum += 0.25 * Math.log((double) clipped / total);
        }
        double bp = c.size() > r.size() ? 1.0 : Math.exp(1.0 - (double) r.size() / c.size());
        return bp * Math.exp(logSum);
    }

    public static Map<List<String>, Integer> ngrams(List<String> words, int n) {
        Map<List<String>, Integer> grams = new HashMap<>();
        for (int i = 0; i + n <= words.size(); i++) {
            grams.merge(List.copyOf(words.subList(i, i + n)), 1, Integer::sum);
        }
        return grams;
    }
}
