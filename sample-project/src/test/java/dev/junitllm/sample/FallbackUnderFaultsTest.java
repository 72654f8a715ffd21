package dev.junitllm.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junitllm.LlmFault;
import dev.junitllm.LlmFault.Kind;
import dev.junitllm.LlmProxy;
import dev.junitllm.LlmTest;
import dev.junitllm.Model;
import dev.junitllm.Prompt;
import dev.junitllm.PromptTemplate;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.time.Duration;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * The copilot stays up when its model does not: {@link FallbackChatModel} hands a question to the second
 * model when the first is rate limited or times out. junit-llm injects the faults in front of the
 * recordings ({@link LlmFault}, on the primary model only), in OpenAI's own wire format, so LangChain4j
 * throws what it would throw in production; the second model's answer is replayed from the recordings.
 * The class names its model and its recordings are today's model's; a run of another model ({@code
 * -Pcandidate}) compares that model's answers with the baseline and leaves this class out.
 */
@Model("openai:gpt-4o-mini")
@DisabledIfSystemProperty(
        named = "llm.model",
        matches = "^(?!openai:gpt-4o-mini$).+",
        disabledReason = "checks the availability policy of today's model; a candidate run compares answers")
class FallbackUnderFaultsTest {

    static final String QUESTION = "Do you ship to the United Kingdom?";

    /** The copilot as production wires it: gpt-4o-mini without retries of its own, then gpt-4.1-mini. */
    static FallbackChatModel fallback(LlmProxy proxy, Duration primaryTimeout) {
        String key = System.getenv().getOrDefault("OPENAI_API_KEY", "unused-in-replay");
        ChatModel primary = OpenAiChatModel.builder()
                .baseUrl(proxy.baseUrl("openai"))
                .apiKey(key)
                .modelName("gpt-4o-mini")
                .temperature(0.2)
                .maxRetries(0)
                .timeout(primaryTimeout)
                .build();
        ChatModel secondary = OpenAiChatModel.builder()
                .baseUrl(proxy.baseUrl("openai"))
                .apiKey(key)
                .modelName("gpt-4.1-mini")
                .temperature(0.2)
                .build();
        return new FallbackChatModel(primary, secondary);
    }

    static CopilotAnswer ask(FallbackChatModel model, PromptTemplate prompt) {
        return new SupportCopilot(model, Copilot.systemPrompt(prompt), Copilot.POLICIES, new OrderBook())
                .answer(QUESTION);
    }

    @LlmTest
    @LlmFault(value = Kind.RATE_LIMITED, calls = LlmFault.ALL, model = "openai:gpt-4o-mini", retryAfter = 0)
    void answersFromTheSecondModelUnderA429Storm(LlmProxy proxy, @Prompt(SupportCopilot.PROMPT) PromptTemplate prompt) {
        FallbackChatModel model = fallback(proxy, Duration.ofSeconds(30));
        CopilotAnswer answer = ask(model, prompt);
        assertThat(answer.text()).containsIgnoringCase("United States and Canada");
        assertThat(model.fallbacks()).isEqualTo(1);
    }

    @LlmTest
    @LlmFault(value = Kind.TIMEOUT, model = "openai:gpt-4o-mini", delay = "10s")
    void answersFromTheSecondModelWhenTheFirstTimesOut(
            LlmProxy proxy, @Prompt(SupportCopilot.PROMPT) PromptTemplate prompt) {
        FallbackChatModel model = fallback(proxy, Duration.ofMillis(500));
        CopilotAnswer answer = ask(model, prompt);
        assertThat(answer.text()).containsIgnoringCase("United States and Canada");
        assertThat(model.fallbacks()).isEqualTo(1);
    }
}
