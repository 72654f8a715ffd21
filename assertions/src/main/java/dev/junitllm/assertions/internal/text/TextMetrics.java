package dev.junitllm.assertions.internal.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * String similarity metrics on one 0..1 scale, higher is more similar. Every metric first puts both
 * texts in Unicode NFC, so a composed "é" and "e" + combining acute are the same text.
 *
 * <ul>
 *   <li>Character metrics (Levenshtein, Jaro-Winkler) count code points, not UTF-16 units and not
 *       grapheme clusters: "😀" is one character, a flag (two regional indicators) or an emoji with a
 *       skin tone are two, "é" in NFC is one.
 *   <li>Word metrics (ROUGE-L, BLEU, cosine) compare {@link #words(String) words}. Two wordless texts
 *       (empty, blank or only punctuation) are identical and score 1; a wordless text against one with
 *       words scores 0.
 * </ul>
 */
public final class TextMetrics {
    // letters, digits and the combining marks that belong to them (Indic vowel signs, accents in NFD
    // leftovers, the dot of a lower-cased İ); an apostrophe between letters stays inside the word
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}\\p{N}]+(?:['’][\\p{L}\\p{M}]+)*");

    private TextMetrics() {}

    /**
     * The tokenisation of ROUGE, BLEU, cosine and word counts: the NFC text, lower-cased with
     * {@link Locale#ROOT} (no locale rules and no case folding), split into runs of letters, combining
     * marks and digits; an apostrophe ({@code '} or {@code ’}) between letters joins ("don't" is one
     * word), every other character, hyphens included, separates and is dropped.
     */
    public static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(nfc(text.toLowerCase(Locale.ROOT)));
        while (m.find()) {
            words.add(m.group());
        }
        return words;
    }

    private static String nfc(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    private static int[] codePoints(String text) {
        return nfc(text).codePoints().toArray();
    }

    /** The number of characters: code points of the NFC text. */
    public static int length(String text) {
        return codePoints(text).length;
    }

    /** {@code 1 - distance / max(length)} in code points; two empty strings are identical. */
    public static double levenshteinSimilarity(String a, String b) {
        int[] s = codePoints(a);
        int[] t = codePoints(b);
        int max = Math.max(s.length, t.length);
        return max == 0 ? 1.0 : 1.0 - (double) levenshtein(s, t) / max;
    }

    private static int levenshtein(int[] s, int[] t) {
        int[] prev = new int[t.length + 1];
        int[] cur = new int[t.length + 1];
        for (int j = 0; j <= t.length; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= s.length; i++) {
            cur[0] = i;
            for (int j = 1; j <= t.length; j++) {
                int substitute = prev[j - 1] + (s[i - 1] == t[j - 1] ? 0 : 1);
                cur[j] = Math.min(substitute, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] swap = prev;
            prev = cur;
            cur = swap;
        }
        return prev[t.length];
    }

    /**
     * Jaro-Winkler similarity on code points (Winkler 1990, as in Commons Text): Jaro
     * {@code (m/|a| + m/|b| + (m - t)/m) / 3} with matches {@code m} within {@code max(|a|,|b|)/2 - 1}
     * positions and {@code t} half the transpositions, plus {@code 0.1 · prefix · (1 - jaro)} for a
     * common prefix of up to 4 when the Jaro score is at least 0.7.
     */
    public static double jaroWinkler(String a, String b) {
        int[] s = codePoints(a);
        int[] t = codePoints(b);
        if (Arrays.equals(s, t)) {
            return 1.0;
        }
        int[] shorter = s.length <= t.length ? s : t;
        int[] longer = s.length <= t.length ? t : s;
        int window = Math.max(longer.length / 2 - 1, 0);
        boolean[] taken = new boolean[longer.length];
        int[] matchedShort = new int[shorter.length];
        int matches = 0;
        for (int i = 0; i < shorter.length; i++) {
            for (int j = Math.max(i - window, 0); j < Math.min(i + window + 1, longer.length); j++) {
                if (!taken[j] && shorter[i] == longer[j]) {
                    taken[j] = true;
                    matchedShort[matches++] = shorter[i];
                    break;
                }
            }
        }
        if (matches == 0) {
            return 0.0;
        }
        int halfTranspositions = 0;
        for (int j = 0, k = 0; j < longer.length; j++) {
            if (taken[j] && longer[j] != matchedShort[k++]) {
                halfTranspositions++;
            }
        }
        int prefix = 0;
        while (prefix < Math.min(4, shorter.length) && s[prefix] == t[prefix]) {
            prefix++;
        }
        double m = matches;
        double jaro = (m / s.length + m / t.length + (m - halfTranspositions / 2.0) / m) / 3;
        return jaro < 0.7 ? jaro : jaro + 0.1 * prefix * (1 - jaro);
    }

    /**
     * Cosine of the two texts' word-count vectors, in [0, 1]; texts whose counts are proportional
     * (the same words in any order) score exactly 1.
     */
    public static double cosine(String a, String b) {
        List<String> wa = words(a);
        List<String> wb = words(b);
        if (wa.isEmpty() || wb.isEmpty()) {
            return wordless(wa, wb);
        }
        Map<String, Integer> va = counts(wa);
        Map<String, Integer> vb = counts(wb);
        long dot = 0;
        for (Map.Entry<String, Integer> e : va.entrySet()) {
            dot += (long) e.getValue() * vb.getOrDefault(e.getKey(), 0);
        }
        // integer norms: for proportional bags |a|²·|b|² is a perfect square, so the root is exact
        double cos = dot / Math.sqrt((double) squaredNorm(va) * squaredNorm(vb));
        return Math.min(1.0, Math.max(0.0, cos));
    }

    private static long squaredNorm(Map<String, Integer> counts) {
        long sum = 0;
        for (int c : counts.values()) {
            sum += (long) c * c;
        }
        return sum;
    }

    private static Map<String, Integer> counts(List<String> words) {
        Map<String, Integer> counts = new HashMap<>();
        words.forEach(w -> counts.merge(w, 1, Integer::sum));
        return counts;
    }

    /** ROUGE-L F1 on words: R = LCS/|reference|, P = LCS/|candidate|, F = 2RP/(R+P). */
    public static double rougeL(String candidate, String reference) {
        List<String> c = words(candidate);
        List<String> r = words(reference);
        if (c.isEmpty() || r.isEmpty()) {
            return wordless(c, r);
        }
        int lcs = lcs(c, r);
        if (lcs == 0) {
            return 0.0;
        }
        double recall = (double) lcs / r.size();
        double precision = (double) lcs / c.size();
        return 2 * recall * precision / (recall + precision);
    }

    /** The score when one text has no words: two wordless texts are identical, else nothing is shared. */
    private static double wordless(List<String> a, List<String> b) {
        return a.isEmpty() && b.isEmpty() ? 1.0 : 0.0;
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
     * than 4 words, even when it is the reference) the score is 0, as in the standard definition.
     */
    public static double bleu(String candidate, String reference) {
        List<String> c = words(candidate);
        List<String> r = words(reference);
        if (c.isEmpty() || r.isEmpty()) {
            return wordless(c, r);
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
