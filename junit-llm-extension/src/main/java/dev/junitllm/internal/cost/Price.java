package dev.junitllm.internal.cost;

import dev.junitllm.Usage;

/**
 * What one model charges, in USD per 1M tokens.
 *
 * <pre>{@code
 * Price p = new Price(0.15, 0.075, null, 0.60);   // gpt-4o-mini
 * p.costUsd(new Usage(1_000, 200, 400, 0, 0));      // (600 * 0.15 + 400 * 0.075 + 200 * 0.60) / 1e6
 * }</pre>
 *
 * @param input uncached prompt tokens
 * @param cachedInput prompt tokens read from the prompt cache; null means the input price applies
 * @param cacheWrite prompt tokens written to the prompt cache; null means the input price applies
 * @param output completion tokens, reasoning tokens included
 */
public record Price(double input, Double cachedInput, Double cacheWrite, double output) {

    public Price {
        requireNonNegative("input", input);
        requireNonNegative("output", output);
        if (cachedInput != null) {
            requireNonNegative("cachedInput", cachedInput);
        }
        if (cacheWrite != null) {
            requireNonNegative("cacheWrite", cacheWrite);
        }
    }

    private static void requireNonNegative(String field, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("price " + field + " must be a finite number >= 0 but was " + value);
        }
    }

    /**
     * The cost of one call. {@link Usage#inputTokens()} counts the whole prompt, so the uncached part
     * is {@code input - cached - cacheWrite} (clamped at 0): {@code uncached * input + cached *
     * cachedInput + cacheWrite * cacheWrite + output * output}, per 1M tokens.
     */
    public double costUsd(Usage usage) {
        long cached = Math.min(usage.cachedInputTokens(), usage.inputTokens());
        long written = Math.min(usage.cacheWriteTokens(), usage.inputTokens() - cached);
        long uncached = usage.inputTokens() - cached - written;
        double readPrice = cachedInput == null ? input : cachedInput;
        double writePrice = cacheWrite == null ? input : cacheWrite;
        return (uncached * input + cached * readPrice + written * writePrice + usage.outputTokens() * output)
                / 1_000_000.0;
    }
}
