package dev.junitllm.results;

import org.apiguardian.api.API;

/**
 * Token counts of one call or summed over a case or a run, as in the {@code tokens} objects of the
 * results file. {@code cachedInput} is the part of {@code input} served from the provider's prompt
 * cache; {@code reasoning} the part of {@code output} spent on hidden reasoning.
 *
 * <pre>{@code
 * Tokens t = new Tokens(100, 22, 0, 0, 0).plus(new Tokens(50, 8, 0, 0, 0));
 * t.input() + t.output();   // 180
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL)
public record Tokens(long input, long output, long cachedInput, long cacheWrite, long reasoning) {

    /** No tokens. */
    public static final Tokens NONE = new Tokens(0, 0, 0, 0, 0);

    /** The field-wise sum. */
    public Tokens plus(Tokens other) {
        return new Tokens(
                input + other.input,
                output + other.output,
                cachedInput + other.cachedInput,
                cacheWrite + other.cacheWrite,
                reasoning + other.reasoning);
    }
}
