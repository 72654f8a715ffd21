package dev.junitllm.internal.dataset;

import dev.junitllm.GoldenCase;
import dev.junitllm.LlmConfiguration;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The k-th of n shards of a dataset, for splitting a long evaluation across CI jobs with
 * {@code -Dllm.shard=k/n}. A row belongs to shard {@code (first 8 bytes of SHA-256(id) mod n) + 1}, so
 * the same id always lands in the same shard on every machine and JVM, whatever rows are added or
 * removed around it, and every row is in exactly one shard.
 *
 * <pre>{@code
 * Shard shard = Shard.parse("2/4");
 * shard.contains(c);          // true for about a quarter of the rows
 * Shard.indexOf("refund-07", 4);   // the shard (1..4) that row refund-07 belongs to
 * }</pre>
 *
 * @param index k, 1-based
 * @param count n
 */
public record Shard(int index, int count) {
    private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d{1,9})\\s*");

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException(
                    "A shard is k/n with 1 <= k <= n, but was " + index + "/" + count + "; e.g. 2/4");
        }
    }

    /**
     * Parses {@code k/n}, the value of {@value LlmConfiguration#SHARD}.
     *
     * @throws IllegalArgumentException naming the key, the value and the allowed form
     */
    public static Shard parse(String value) {
        Matcher m = FORM.matcher(value);
        if (m.matches()) {
            int k = Integer.parseInt(m.group(1));
            int n = Integer.parseInt(m.group(2));
            if (n >= 1 && k >= 1 && k <= n) {
                return new Shard(k, n);
            }
        }
        throw new IllegalArgumentException("Invalid value '" + value + "' for " + LlmConfiguration.SHARD
                + ": expected k/n with 1 <= k <= n, e.g. 2/4");
    }

    /** The shard (1..count) that the row with this id belongs to. */
    public static int indexOf(String id, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("The shard count must be at least 1, but was " + count);
        }
        byte[] digest = sha256().digest(id.getBytes(StandardCharsets.UTF_8));
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = (bits << 8) | (digest[i] & 0xFF);
        }
        return (int) Long.remainderUnsigned(bits, count) + 1;
    }

    /** Whether the row with this id is in this shard. */
    public boolean contains(String id) {
        return indexOf(id, count) == index;
    }

    /** Whether this row is in this shard (by its id). */
    public boolean contains(GoldenCase row) {
        return contains(row.id());
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
