package dev.junitllm;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * Token counts of one call, normalised so that one cost formula fits every provider.
 *
 * <p>{@code inputTokens} is always the whole prompt, cached parts included: for OpenAI it is
 * {@code prompt_tokens} (of which {@code cached_tokens} are a subset); for Anthropic it is {@code
 * input_tokens + cache_read_input_tokens + cache_creation_input_tokens}, because Anthropic reports
 * cache counts in addition to {@code input_tokens}. So {@code inputTokens - cachedInputTokens -
 * cacheWriteTokens} is the uncached input for both.
 *
 * <pre>{@code
 * Usage u = response.usage();
 * assertThat(u.totalTokens()).isLessThan(2_000);
 * }</pre>
 *
 * @param inputTokens all prompt tokens, cached ones included
 * @param outputTokens completion tokens, reasoning tokens included
 * @param cachedInputTokens prompt tokens read from the provider's prompt cache
 * @param cacheWriteTokens prompt tokens written to the prompt cache (Anthropic)
 * @param reasoningTokens output tokens spent on hidden reasoning (a subset of output)
 */
@API(status = STABLE)
public record Usage(
        long inputTokens, long outputTokens, long cachedInputTokens, long cacheWriteTokens, long reasoningTokens) {

    /** No tokens at all: what a call that never reached a model used. */
    public static final Usage NONE = new Usage(0, 0, 0, 0, 0);

    public Usage {
        if (inputTokens < 0
                || outputTokens < 0
                || cachedInputTokens < 0
                || cacheWriteTokens < 0
                || reasoningTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative");
        }
    }

    /** A usage with only input and output counts. */
    public static Usage of(long inputTokens, long outputTokens) {
        return new Usage(inputTokens, outputTokens, 0, 0, 0);
    }

    /** Input plus output tokens. */
    public long totalTokens() {
        return inputTokens + outputTokens;
    }

    /** Adds two usages field by field. */
    public Usage plus(Usage other) {
        return new Usage(
                inputTokens + other.inputTokens,
                outputTokens + other.outputTokens,
                cachedInputTokens + other.cachedInputTokens,
                cacheWriteTokens + other.cacheWriteTokens,
                reasoningTokens + other.reasoningTokens);
    }
}
