package dev.junitllm.assertions.internal.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.text.Normalizer;
import java.util.Random;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.junit.jupiter.api.Test;

/** The text metrics on text beyond ASCII: marks, normalisation forms, surrogate pairs, float edges. */
class TextMetricsTest {

    // "aaj vah ghar ja raha hai" / "... rahi hai": the two differ only in the vowel sign of the fifth
    // word, रहा (र ह + ा U+093E) against रही (र ह + ी U+0940).
    private static final String HINDI_CANDIDATE = "आज वह घर जा रहा है";
    private static final String HINDI_REFERENCE = "आज वह घर जा रही है";

    private static final String NFC = Normalizer.normalize("Café crème brûlée", Normalizer.Form.NFC);
    private static final String NFD = Normalizer.normalize("Café crème brûlée", Normalizer.Form.NFD);

    @Test
    void wordsKeepTheirCombiningMarks() {
        assertThat(TextMetrics.words(HINDI_CANDIDATE)).containsExactly("आज", "वह", "घर", "जा", "रहा", "है");
        // lower-casing İ (U+0130) with Locale.ROOT gives i + U+0307, a mark: still one word
        assertThat(TextMetrics.words("İstanbul")).containsExactly("i\u0307stanbul");
        assertThat(TextMetrics.words("Don’t stop, it's well-known! L’été"))
                .containsExactly("don’t", "stop", "it's", "well", "known", "l’été");
    }

    @Test
    void wordsAreComparedInNfc() {
        assertThat(NFD).isNotEqualTo(NFC);
        assertThat(TextMetrics.words(NFD)).isEqualTo(TextMetrics.words(NFC)).containsExactly("café", "crème", "brûlée");
        assertThat(TextMetrics.rougeL(NFD, NFC)).isEqualTo(1.0);
        assertThat(TextMetrics.cosine(NFD, NFC)).isEqualTo(1.0);
        assertThat(TextMetrics.levenshteinSimilarity(NFD, NFC)).isEqualTo(1.0);
        assertThat(TextMetrics.jaroWinkler(NFD, NFC)).isEqualTo(1.0);
    }

    @Test
    void rougeLSeesAVowelSign() {
        // hand computation: 6 words each; LCS = आज वह घर जा है = 5; R = P = 5/6, so F1 = 5/6
        assertThat(TextMetrics.rougeL(HINDI_CANDIDATE, HINDI_REFERENCE)).isCloseTo(5.0 / 6, within(1e-12));
    }

    @Test
    void bleuSeesAVowelSign() {
        // hand computation, clipped n-gram precisions of the candidate:
        //   p1: आज वह घर जा है match, रहा not            = 5/6
        //   p2: आज·वह वह·घर घर·जा match, जा·रहा रहा·है not  = 3/5
        //   p3: आज·वह·घर वह·घर·जा match, two not          = 2/4
        //   p4: आज·वह·घर·जा match, two not                = 1/3
        // c = r = 6 words, so BP = e^(1 - 6/6) = 1; BLEU = (5/6 · 3/5 · 2/4 · 1/3)^(1/4) = (1/12)^(1/4)
        assertThat(TextMetrics.bleu(HINDI_CANDIDATE, HINDI_REFERENCE))
                .isCloseTo(Math.pow(1.0 / 12, 0.25), within(1e-12))
                .isCloseTo(0.537285, within(1e-6));
    }

    @Test
    void cosineSeesAVowelSign() {
        // hand computation: bags of 6 distinct words sharing 5: 5 / (√6 · √6) = 5/6
        assertThat(TextMetrics.cosine(HINDI_CANDIDATE, HINDI_REFERENCE)).isCloseTo(5.0 / 6, within(1e-12));
    }

    @Test
    void cosineOfParallelWordBagsIsExactlyOne() {
        // Commons Text's dot / (√2 · √2) gave 0.9999999999999998 and dot / (√3 · √3) 1.0000000000000002
        assertThat(TextMetrics.cosine("refund policy", "policy refund")).isEqualTo(1.0);
        assertThat(TextMetrics.cosine("a b c", "c b a")).isEqualTo(1.0);
        assertThat(TextMetrics.cosine("a b c", "a a b b c c")).isEqualTo(1.0);
        for (int n = 1; n <= 200; n++) {
            String words = "w ".repeat(n) + "x y z ".repeat(n % 7);
            assertThat(TextMetrics.cosine(words, words)).as("%s words", n).isEqualTo(1.0);
        }
    }

    @Test
    void levenshteinCountsCodePoints() {
        // one substitution between two one-character strings: 1 - 1/1 = 0
        assertThat(TextMetrics.levenshteinSimilarity("😀", "😃")).isZero();
        // hand computation: "naïve 😀" has 7 code points (n a ï v e space 😀) and 8 UTF-16 units;
        // against "naive 😃": substitute ï→i and 😀→😃 = distance 2; 1 - 2/7
        assertThat(TextMetrics.levenshteinSimilarity("naïve 😀", "naive 😃")).isCloseTo(1 - 2.0 / 7, within(1e-12));
        // classic example (Levenshtein 1966, as in every textbook): kitten → sitting is 3 edits
        assertThat(TextMetrics.levenshteinSimilarity("kitten", "sitting")).isCloseTo(1 - 3.0 / 7, within(1e-12));
    }

    @Test
    void lengthCountsCodePointsOfTheNfcText() {
        // "Café crème brûlée" is 17 characters; NFD adds 4 combining marks, the emoji is 2 UTF-16 units
        assertThat(NFD + " 😀").hasSize(24);
        assertThat(TextMetrics.length(NFD + " 😀")).isEqualTo(19);
        assertThat(TextChecks.lengthBetween(NFD + " 😀", 19, 19).verdict().passed())
                .isTrue();
    }

    @Test
    void jaroWinklerCountsCodePoints() {
        // one character each and they differ: no match, so 0
        assertThat(TextMetrics.jaroWinkler("😀", "😃")).isZero();
        // hand computation, "😀ab" vs "😀ba" as 3 code points each: match window max(3/2 - 1, 0) = 0,
        // so only 😀 matches (m = 1, t = 0): Jaro = (1/3 + 1/3 + 1/1) / 3 = 5/9 < 0.7, no prefix boost
        assertThat(TextMetrics.jaroWinkler("😀ab", "😀ba")).isCloseTo(5.0 / 9, within(1e-12));
    }

    @Test
    void jaroWinklerMatchesPublishedValues() {
        // Winkler (1990) / Wikipedia "Jaro–Winkler distance": MARTHA/MARHTA 0.961, DWAYNE/DUANE 0.84,
        // DIXON/DICKSONX 0.813
        assertThat(TextMetrics.jaroWinkler("MARTHA", "MARHTA")).isCloseTo(0.9611, within(1e-4));
        assertThat(TextMetrics.jaroWinkler("DWAYNE", "DUANE")).isCloseTo(0.84, within(1e-4));
        assertThat(TextMetrics.jaroWinkler("DIXON", "DICKSONX")).isCloseTo(0.8133, within(1e-4));
    }

    @Test
    void onBasicMultilingualPlaneTextBothAgreeWithCommonsText() {
        // an independent implementation counting UTF-16 units, which are code points here
        Random random = new Random(14);
        String alphabet = "abcdeé ñ漢字";
        for (int i = 0; i < 2_000; i++) {
            String a = randomText(random, alphabet);
            String b = randomText(random, alphabet);
            int max = Math.max(a.length(), b.length());
            double expected = max == 0
                    ? 1.0
                    : 1.0 - (double) LevenshteinDistance.getDefaultInstance().apply(a, b) / max;
            assertThat(TextMetrics.levenshteinSimilarity(a, b))
                    .as("%s / %s", a, b)
                    .isEqualTo(expected);
            assertThat(TextMetrics.jaroWinkler(a, b))
                    .as("%s / %s", a, b)
                    .isCloseTo(new JaroWinklerSimilarity().apply(a, b), within(1e-12));
        }
    }

    private static String randomText(Random random, String alphabet) {
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    @Test
    void wordlessTextsAreIdenticalForEveryWordMetric() {
        for (String wordless : new String[] {"", "  ", "!?", "— …"}) {
            assertThat(TextMetrics.rougeL(wordless, "...")).isEqualTo(1.0);
            assertThat(TextMetrics.cosine(wordless, "...")).isEqualTo(1.0);
            assertThat(TextMetrics.bleu(wordless, "...")).isEqualTo(1.0);
            assertThat(TextMetrics.rougeL(wordless, "refund")).isZero();
            assertThat(TextMetrics.cosine(wordless, "refund")).isZero();
            assertThat(TextMetrics.bleu(wordless, "refund")).isZero();
            assertThat(TextMetrics.rougeL("refund", wordless)).isZero();
            assertThat(TextMetrics.cosine("refund", wordless)).isZero();
            assertThat(TextMetrics.bleu("refund", wordless)).isZero();
        }
    }
}
