package dev.junitllm.internal.client;

import dev.junitllm.CallRole;
import dev.junitllm.FinishReason;
import dev.junitllm.LlmClient;
import dev.junitllm.LlmException;
import dev.junitllm.LlmRequest;
import dev.junitllm.LlmResponse;
import dev.junitllm.ModelId;
import dev.junitllm.StreamListener;
import dev.junitllm.ToolCall;
import dev.junitllm.Usage;
import dev.junitllm.internal.cost.Budget;
import dev.junitllm.internal.cost.PriceTable;
import dev.junitllm.internal.results.CallObserver;
import dev.junitllm.internal.results.CallRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** A model over a transport: the adapter shapes the wire, this adds cost, timing, budget and reporting. */
final class DefaultLlmClient implements LlmClient {

    private static final int SUMMARY_CHARS = 500;

    private final ModelId model;
    private final CallRole role;
    private final Transport transport;
    private final PriceTable prices;
    private final Budget budget;
    private final CallObserver observer;
    private final ChatAdapter adapter;

    DefaultLlmClient(
            ModelId model,
            CallRole role,
            Transport transport,
            PriceTable prices,
            Budget budget,
            CallObserver observer) {
        this.model = model;
        this.role = role;
        this.transport = transport;
        this.prices = prices;
        this.budget = budget;
        this.observer = observer;
        this.adapter = switch (model.provider()) {
            case "anthropic" -> new AnthropicChatAdapter();
            case "openai", "ollama" -> new OpenAiChatAdapter(model.provider());
            default ->
                throw new IllegalArgumentException("Model [" + model + "] names unknown provider [" + model.provider()
                        + "]: allowed are openai, anthropic, ollama");
        };
    }

    @Override
    public LlmResponse chat(LlmRequest request) {
        return call(request, null, null);
    }

    @Override
    public LlmResponse chatStream(LlmRequest request, StreamListener listener) {
        return call(request, listener == null ? delta -> {} : listener, null);
    }

    /** A chat call; {@code listener} null means not streamed; {@code fallbackReason} set when serving as a fallback. */
    LlmResponse call(LlmRequest request, StreamListener listener, String fallbackReason) {
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        try {
            boolean streaming = listener != null;
            Exchange exchange = adapter.exchange(model, role, request, streaming);
            LlmResponse parsed;
            ExchangeResult result;
            if (streaming) {
                ChatAdapter.StreamAssembler assembler = adapter.assembler(request, listener);
                result = transport.execute(exchange, assembler::accept);
                failOnErrorStatus(exchange, result);
                if (assembler.events() == 0) {
                    result.events().forEach(assembler::accept); // a transport that only returned them
                }
                parsed = assembler.finish();
            } else {
                result = transport.execute(exchange, event -> {});
                failOnErrorStatus(exchange, result);
                if (result.body() == null) {
                    throw new LlmException(exchange.model() + " " + exchange.path() + " returned no body");
                }
                parsed = adapter.parse(request, result.body());
            }
            Double cost = charge(parsed.model(), parsed.usage(), result.spent());
            LlmResponse response = parsed.toBuilder()
                    .requestedModel(model.toString())
                    .requestId(result.requestId())
                    .role(role)
                    .costUsd(cost)
                    .latency(result.latency() != null ? result.latency() : elapsed(start))
                    .timeToFirstToken(streaming ? result.timeToFirstEvent() : null)
                    .replayed(result.replayed())
                    .fallbackReason(fallbackReason)
                    .build();
            observer.onCall(new CallRecord(
                    role,
                    model.toString(),
                    response.model(),
                    response.replayed(),
                    response.usage(),
                    cost,
                    startedAt,
                    response.latency(),
                    response.timeToFirstToken().orElse(null),
                    fallbackReason,
                    summary(request.lastUserText()),
                    summary(response),
                    finishReason(response),
                    null,
                    List.of()));
            return response;
        } catch (RuntimeException e) {
            observer.onCall(failure(summary(request.lastUserText()), startedAt, start, fallbackReason, e));
            throw e;
        } finally {
            HeldSlots.release();
        }
    }

    @Override
    public List<float[]> embed(String... texts) {
        return embed(null, texts);
    }

    List<float[]> embed(String fallbackReason, String... texts) {
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        String summary = summary(String.join(" | ", texts));
        try {
            if (model.provider().equals("anthropic")) {
                throw new LlmException(
                        "Anthropic has no embeddings API, so " + model + " cannot embed: name an "
                                + "OpenAI-compatible embedding model, e.g. -Dllm.embedding.model=openai:text-embedding-3-small");
            }
            Exchange exchange = EmbeddingsAdapter.exchange(model, role, Arrays.asList(texts));
            ExchangeResult result = transport.execute(exchange, event -> {});
            failOnErrorStatus(exchange, result);
            List<float[]> vectors = EmbeddingsAdapter.vectors(result.body(), texts.length);
            Usage usage = EmbeddingsAdapter.usage(result.body());
            String providerModel = ProviderErrors.textOrNull(result.body().get("model"));
            Double cost = charge(providerModel, usage, result.spent());
            observer.onCall(new CallRecord(
                    role,
                    model.toString(),
                    providerModel,
                    result.replayed(),
                    usage,
                    cost,
                    startedAt,
                    result.latency() != null ? result.latency() : elapsed(start),
                    null,
                    fallbackReason,
                    summary,
                    vectors.size() + " embeddings of " + vectors.get(0).length + " dimensions",
                    null,
                    null,
                    List.of()));
            return vectors;
        } catch (RuntimeException e) {
            observer.onCall(failure(summary, startedAt, start, fallbackReason, e));
            throw e;
        } finally {
            HeldSlots.release();
        }
    }

    @Override
    public String modelId() {
        return model.toString();
    }

    private Double charge(String providerModel, Usage usage, boolean spent) {
        return charge(prices, budget, model, providerModel, usage, spent);
    }

    /**
     * The cost of a call, for our clients and for calls through the proxy alike; live costs count
     * against the budget, replayed ones spend nothing.
     */
    static Double charge(
            PriceTable prices, Budget budget, ModelId model, String providerModel, Usage usage, boolean spent) {
        if (usage.totalTokens() == 0) {
            return null; // the provider reported no usage (a real call always has tokens): unknown, not free
        }
        Double cost = prices.costUsd(model, providerModel, usage);
        if (cost != null && spent) {
            budget.add(cost);
        }
        return cost;
    }

    /** A cassette may hand back a recorded error status instead of throwing; treat it as HTTP would. */
    private static void failOnErrorStatus(Exchange exchange, ExchangeResult result) {
        if (result.status() >= 400) {
            boolean transientFailure = RetryPolicy.retryableStatus(result.status());
            throw ProviderErrors.httpError(
                    exchange,
                    result.status(),
                    result.body() == null ? null : result.body().toString(),
                    result.requestId(),
                    1,
                    transientFailure);
        }
    }

    private CallRecord failure(
            String request, Instant startedAt, long start, String fallbackReason, RuntimeException e) {
        return new CallRecord(
                role,
                model.toString(),
                null,
                false,
                Usage.NONE,
                null,
                startedAt,
                elapsed(start),
                null,
                fallbackReason,
                request,
                null,
                null,
                e.getMessage() == null ? e.toString() : e.getMessage(),
                List.of());
    }

    /**
     * The finish reason as the provider's wire carried it; else the normalised one, lower-case; null
     * when the provider sent none.
     */
    static String finishReason(LlmResponse response) {
        if (response.rawFinishReason() != null) {
            return response.rawFinishReason();
        }
        FinishReason normalised = response.finishReason();
        return normalised == null || normalised == FinishReason.OTHER
                ? null
                : normalised.name().toLowerCase(Locale.ROOT);
    }

    private static Duration elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static String summary(String s) {
        return ProviderErrors.abbreviate(s == null ? "" : s, SUMMARY_CHARS);
    }

    private static String summary(LlmResponse r) {
        if (r.toolCalls().isEmpty()) {
            return summary(r.text());
        }
        String calls = r.toolCalls().stream().map(ToolCall::name).collect(Collectors.joining(", ", "tool calls: ", ""));
        return summary(r.text().isEmpty() ? calls : r.text() + " [" + calls + "]");
    }

    @Override
    public String toString() {
        return "LlmClient[" + model + ", " + role.wireName() + "]";
    }
}
