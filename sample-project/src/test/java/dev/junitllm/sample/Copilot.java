package dev.junitllm.sample;

import dev.junitllm.GoldenCase;
import dev.junitllm.LlmClient;
import dev.junitllm.LlmProxy;
import dev.junitllm.PromptTemplate;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.util.Map;

/** How the tests build the copilot: the production class, its model pointed at junit-llm's recorder. */
final class Copilot {

    /** The rubric of the accuracy judge (reference-guided: the row's expected answer). */
    static final String ACCURATE = "States the same policy facts as the reference answer (time limits, prices,"
            + " conditions) and no limit that contradicts it";
    /** The G-Eval rubric of the tone judge. */
    static final String TONE = "Polite, empathetic tone: acknowledges a complaint and stays courteous";

    static final KnowledgeBase POLICIES = KnowledgeBase.acmePolicies();

    private Copilot() {}

    /**
     * The copilot over LangChain4j's {@code OpenAiChatModel}, sent through {@code proxy}; the model is the
     * one the test runs on ({@code llm.model}, e.g. {@code openai:gpt-4o-mini}).
     */
    static SupportCopilot through(LlmProxy proxy, LlmClient llm, PromptTemplate prompt, double temperature) {
        ChatModel model = OpenAiChatModel.builder()
                .baseUrl(proxy.baseUrl("openai"))
                .apiKey(System.getenv().getOrDefault("OPENAI_API_KEY", "unused-in-replay"))
                .modelName(llm.modelId().substring(llm.modelId().indexOf(':') + 1))
                .temperature(temperature)
                .build();
        return new SupportCopilot(model, systemPrompt(prompt), POLICIES, new OrderBook());
    }

    static String systemPrompt(PromptTemplate prompt) {
        return prompt.render(Map.of("company", "ACME", "canary", SupportCopilot.CANARY))
                .strip();
    }

    /** The policy fact a correct answer states (the row's {@code fact}). */
    static String fact(GoldenCase c) {
        return c.get("fact").orElseThrow(() -> new IllegalStateException(c.id() + " has no 'fact'"));
    }
}
