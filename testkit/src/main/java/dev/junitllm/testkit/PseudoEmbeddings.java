package dev.junitllm.testkit;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deterministic stand-in embeddings by feature hashing: every lower-cased word adds ±1 to one
 * dimension chosen by a hash of the word, and the vector is normalised to length 1. Identical texts
 * get identical vectors, texts sharing words get a positive cosine, disjoint texts about 0. This
 * measures word overlap, not meaning.
 */
final class PseudoEmbeddings {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    private PseudoEmbeddings() {}

    static float[] embed(String text, int dimensions) {
        double[] sum = new double[dimensions];
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        boolean any = false;
        while (m.find()) {
            int h = mix(m.group().hashCode());
            sum[Math.floorMod(h, dimensions)] += (h & 0x4000_0000) == 0 ? 1 : -1;
            any = true;
        }
        if (!any) {
            // A zero vector would make every cosine NaN: empty text gets a fixed unit vector.
            sum[0] = 1;
        }
        double norm = 0;
        for (double v : sum) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        if (norm == 0) {
            // Words whose ±1 cancel out in every dimension.
            sum[0] = 1;
            norm = 1;
        }
        float[] out = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
            out[i] = (float) (sum[i] / norm);
        }
        return out;
    }

    /** Murmur3's finaliser: String.hashCode alone clusters short words in low bits. */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85eb_ca6b;
        h ^= h >>> 13;
        h *= 0xc2b2_ae35;
        h ^= h >>> 16;
        return h;
    }
}
