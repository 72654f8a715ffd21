package dev.junitllm.internal.client;

import dev.junitllm.LlmRequest;
import dev.junitllm.LlmResponse;
import dev.junitllm.Usage;
import dev.junitllm.internal.cost.Budget;
import dev.junitllm.internal.cost.PriceTable;
import dev.junitllm.internal.results.CallRecord;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Turns a call that a third-party SDK made through the {@link dev.junitllm.LlmProxy} into a
 * {@link CallRecord}, parsed by the same adapters as our own clients' calls, so usage and cost land
 * in the results alike. Internal API, used by the extension for each {@link dev.junitllm.LlmProxy}.
 *
 * <pre>{@code
 * LocalLlmProxy.start(transport, CallRole.MODEL,
 *         (exchange, result, receivedAt) -> sample.addCall(ProxiedCalls.record(exchange, result, receivedAt, prices, budget)));
 * }</pre>
 */
public final class ProxiedCalls {
    private static final int SUMMARY_CHARS = 500;

    private ProxiedCalls() {}

    /**
     * The record of a call that completed (an HTTP error status is recorded as a failed call);
     * {@code startedAt} is when the proxy received it.
     */
    public static CallRecord record(
            Exchange exchange, ExchangeResult result, Instant startedAt, PriceTable prices, Budget budget) {
        try {
            return parse(exchange, result, startedAt, prices, budget);
        } finally {
            HeldSlots.release(); // the cost is charged (or unknown): the next call may see it
        }
    }

    /** The record of a call that failed inside junit-llm, e.g. by an injected fault. */
    public static CallRecord failure(Exchange exchange, RuntimeException error, Instant startedAt) {
        HeldSlots.release();
        return new CallRecord(
                exchange.role(),
                exchange.model().toString(),
                null,
                false,
                Usage.NONE,
                null,
                startedAt,
                null,
                null,
                null,
                ProviderErrors.abbreviate(
                        Objects.toString(WireBodies.lastUserText(exchange.body()), ""), SUMMARY_CHARS),
                null,
                null,
                error.getMessage() == null ? error.toString() : error.getMessage(),
                List.of());
    }

    private static CallRecord parse(
            Exchange exchange, ExchangeResult result, Instant startedAt, PriceTable prices, Budget budget) {
        String request = ProviderErrors.abbreviate(
                Objects.toString(WireBodies.lastUserText(exchange.body()), ""), SUMMARY_CHARS);
        if (result.status() >= 400) {
            return new CallRecord(
                    exchange.role(),
                    exchange.model().toString(),
                    null,
                    result.replayed(),
                    Usage.NONE,
                    null,
                    startedAt,
                    result.latency(),
                    null,
                    null,
                    request,
                    null,
                    null,
                    "HTTP " + result.status() + ": "
                            + (result.body() == null ? "" : result.body().toString()),
                    List.of());
        }
        String providerModel;
        Usage usage;
        String response;
        String finishReason = null;
        if (exchange.path().endsWith("/embeddings")) {
            usage = EmbeddingsAdapter.usage(result.body());
            providerModel = ProviderErrors.textOrNull(result.body().get("model"));
            response = "embeddings";
        } else {
            ChatAdapter adapter = exchange.model().provider().equals("anthropic")
                    ? new AnthropicChatAdapter()
                    : new OpenAiChatAdapter(exchange.model().provider());
            LlmRequest placeholder = LlmRequest.ofUser(request);
            LlmResponse parsed;
            if (exchange.streaming()) {
                ChatAdapter.StreamAssembler assembler = adapter.assembler(placeholder, delta -> {});
                result.events().forEach(assembler::accept);
                parsed = assembler.finish();
            } else {
                parsed = adapter.parse(placeholder, result.body());
            }
            providerModel = parsed.model();
            usage = parsed.usage();
            finishReason = DefaultLlmClient.finishReason(parsed);
            response = ProviderErrors.abbreviate(
                    parsed.toolCalls().isEmpty()
                            ? parsed.text()
                            : parsed.toolCalls().toString(),
                    SUMMARY_CHARS);
        }
        Double cost = DefaultLlmClient.charge(prices, budget, exchange.model(), providerModel, usage, result.spent());
        return new CallRecord(
                exchange.role(),
                exchange.model().toString(),
                providerModel,
                result.replayed(),
                usage,
                cost,
                startedAt,
                result.latency(),
                exchange.streaming() ? result.timeToFirstEvent() : null,
                null,
                request,
                response,
                finishReason,
                null,
                List.of());
    }
}
