package dev.junitllm.sample;

import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The copilot's availability policy: ask the primary model and, when it is unavailable (rate limited,
 * overloaded, a server error, a timeout: LangChain4j's {@link RetriableException}s), ask the secondary
 * one. A bad request is not handed over: the secondary would fail the same way. Configure the primary
 * without retries of its own (or few): the secondary is the retry, and users should not wait through
 * a 429 storm.
 *
 * <pre>{@code
 * ChatModel model = new FallbackChatModel(
 *         OpenAiChatModel.builder().apiKey(key).modelName("gpt-4o-mini").maxRetries(0).timeout(Duration.ofSeconds(20)).build(),
 *         OpenAiChatModel.builder().apiKey(key).modelName("gpt-4.1-mini").build());
 * SupportCopilot copilot = new SupportCopilot(model, systemPrompt, KnowledgeBase.acmePolicies(), new OrderBook());
 * }</pre>
 */
public final class FallbackChatModel implements ChatModel {
    private final ChatModel primary;
    private final ChatModel secondary;
    private final AtomicInteger fallbacks = new AtomicInteger();

    public FallbackChatModel(ChatModel primary, ChatModel secondary) {
        this.primary = Objects.requireNonNull(primary, "primary");
        this.secondary = Objects.requireNonNull(secondary, "secondary");
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        try {
            return primary.chat(request);
        } catch (RetriableException unavailable) {
            fallbacks.incrementAndGet();
            try {
                return secondary.chat(request);
            } catch (RuntimeException alsoFailed) {
                alsoFailed.addSuppressed(unavailable);
                throw alsoFailed;
            }
        }
    }

    /** How many requests the secondary model answered because the primary was unavailable. */
    public int fallbacks() {
        return fallbacks.get();
    }
}
