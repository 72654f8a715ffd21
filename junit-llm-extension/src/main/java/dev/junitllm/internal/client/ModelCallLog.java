package dev.junitllm.internal.client;

import dev.junitllm.CallRole;
import dev.junitllm.LlmRequest;
import dev.junitllm.LlmResponse;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A {@link Transport} that hands every completed chat call of the model under test, from our clients and
 * from SDKs through the proxy alike, to a sink as a lazily parsed {@link LlmResponse} carrying its
 * request: the raw material of a conversation's turns and an agent's trajectory. Failed attempts
 * (retried, fallen back, injected) and judge and embedding calls are not passed on.
 *
 * <pre>{@code
 * Transport transport = new ModelCallLog(cassetteTransport, call -> sample().addModelCall(call));
 * }</pre>
 */
public final class ModelCallLog implements Transport {
    private final Transport delegate;
    private final Consumer<Supplier<LlmResponse>> sink;

    public ModelCallLog(Transport delegate, Consumer<Supplier<LlmResponse>> sink) {
        this.delegate = delegate;
        this.sink = sink;
    }

    @Override
    public ExchangeResult execute(Exchange exchange, Consumer<SseEvent> onEvent) {
        ExchangeResult result = delegate.execute(exchange, onEvent);
        if (exchange.role() == CallRole.MODEL
                && result.status() < 400
                && !exchange.path().endsWith("/embeddings")) {
            sink.accept(new Parsed(exchange, result));
        }
        return result;
    }

    /** Parses once, on first use; a body the adapters cannot read becomes an empty response, not an error. */
    private static final class Parsed implements Supplier<LlmResponse> {
        private final Exchange exchange;
        private final ExchangeResult result;
        private LlmResponse parsed;

        Parsed(Exchange exchange, ExchangeResult result) {
            this.exchange = exchange;
            this.result = result;
        }

        @Override
        public synchronized LlmResponse get() {
            if (parsed == null) {
                parsed = parse();
            }
            return parsed;
        }

        private LlmResponse parse() {
            try {
                return parseExchange();
            } catch (RuntimeException e) {
                // a body neither adapter reads: the call still counts as a step, without content
                return LlmResponse.builder()
                        .requestedModel(exchange.model().toString())
                        .role(exchange.role())
                        .replayed(result.replayed())
                        .build();
            }
        }

        private LlmResponse parseExchange() {
            boolean anthropic = exchange.model().provider().equals("anthropic");
            LlmRequest request = WireRequests.parse(exchange.body(), anthropic);
            ChatAdapter adapter = anthropic
                    ? new AnthropicChatAdapter()
                    : new OpenAiChatAdapter(exchange.model().provider());
            LlmResponse response;
            try {
                if (exchange.streaming()) {
                    ChatAdapter.StreamAssembler assembler = adapter.assembler(request, delta -> {});
                    result.events().forEach(assembler::accept);
                    response = assembler.finish();
                } else {
                    response = adapter.parse(request, result.body());
                }
            } catch (RuntimeException e) {
                response = LlmResponse.builder().build();
            }
            return response.toBuilder()
                    .requestedModel(exchange.model().toString())
                    .role(exchange.role())
                    .replayed(result.replayed())
                    .latency(result.latency())
                    .request(request)
                    .build();
        }
    }
}
