package dev.junitllm.internal.client;

import dev.junitllm.CallRole;
import dev.junitllm.LlmClient;
import dev.junitllm.LlmProviderException;
import dev.junitllm.ModelId;
import dev.junitllm.internal.cost.Budget;
import dev.junitllm.internal.cost.PriceTable;
import dev.junitllm.internal.results.CallObserver;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Builds {@link LlmClient}s over a {@link Transport}: {@link HttpTransport} for live calls, or a
 * cassette transport that replays or records.
 *
 * <pre>{@code
 * LlmClient model = LlmClients.create(ModelId.parse("openai:gpt-4o-mini"), CallRole.MODEL,
 *         transport, prices, budget, observer);
 * LlmClient judged = LlmClients.withFallback(model,
 *         LlmClients.create(ModelId.parse("anthropic:claude-haiku-4-5"), CallRole.MODEL,
 *                 transport, prices, budget, observer));
 * }</pre>
 */
public final class LlmClients {
    private LlmClients() {}

    /**
     * A client for one model. Every call, success or failure, is reported once to {@code observer};
     * the cost of every live call is added to {@code budget}.
     */
    public static LlmClient create(
            ModelId model,
            CallRole role,
            Transport transport,
            PriceTable prices,
            Budget budget,
            CallObserver observer) {
        return new DefaultLlmClient(
                Objects.requireNonNull(model, "model"),
                Objects.requireNonNull(role, "role"),
                Objects.requireNonNull(transport, "transport"),
                Objects.requireNonNull(prices, "prices"),
                Objects.requireNonNull(budget, "budget"),
                Objects.requireNonNull(observer, "observer"));
    }

    /**
     * A client that asks {@code primary} first and, when it fails for reasons of availability
     * ({@link LlmProviderException#isTransient()}: connection failures, timeouts, 408/409/429/5xx/529
     * after the primary's retries, quota exhausted, stream errors), asks {@code fallback}. A bad
     * request (other 4xx), a missing key, a spent budget or a missing recording is not handed over:
     * the fallback would fail the same way or hide the mistake. A stream hands over only if the
     * primary had not yet delivered any delta. The answer's {@link dev.junitllm.LlmResponse#model()}
     * says which model answered and {@link dev.junitllm.LlmResponse#fallbackReason()} why.
     */
    public static LlmClient withFallback(LlmClient primary, LlmClient fallback) {
        return withFallback(primary, fallback, e -> false);
    }

    /**
     * As {@link #withFallback(LlmClient, LlmClient)}; in addition the primary's failures that
     * {@code unrecorded} accepts (the cassette's missing-recording exception) hand over, so that a case
     * whose primary failed while it was recorded replays the fallback's recorded answer.
     */
    public static LlmClient withFallback(
            LlmClient primary, LlmClient fallback, Predicate<? super RuntimeException> unrecorded) {
        return new FallbackLlmClient(
                Objects.requireNonNull(primary, "primary"),
                Objects.requireNonNull(fallback, "fallback"),
                Objects.requireNonNull(unrecorded, "unrecorded"));
    }
}
