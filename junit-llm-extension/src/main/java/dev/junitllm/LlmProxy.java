package dev.junitllm;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * A local HTTP endpoint on 127.0.0.1 that records and replays model calls made by third-party SDKs
 * (openai-java, anthropic-java, LangChain4j, Spring AI) into the test's cassette, streaming
 * included, with usage and cost landing in the results like those of an {@link LlmClient}.
 *
 * <p>The test names its model with {@link Model @Model} (or {@code llm.model}), as every
 * {@link LlmTest @LlmTest} must. Where calls go: in {@code replay} (the default) nowhere, they are
 * answered from the cassette; in {@code record}, {@code auto} and {@code live} they are forwarded to
 * {@code llm.openai.base-url} / {@code llm.anthropic.base-url} (default the providers' public APIs)
 * with the headers the SDK sent, its key included, less hop-by-hop ones. Give the SDK the real key
 * when recording; any non-empty value does in replay. Headers never reach a file.
 *
 * <pre>{@code
 * @LlmTest
 * @Model("openai:gpt-4o-mini")
 * void throughOpenAiJava(LlmProxy proxy) {
 *     OpenAIClient client = OpenAIOkHttpClient.builder()
 *         .baseUrl(proxy.baseUrl("openai"))
 *         .apiKey(System.getenv().getOrDefault("OPENAI_API_KEY", "replay"))
 *         .build();
 *     ChatCompletion answer = client.chat().completions().create(ChatCompletionCreateParams.builder()
 *         .model("gpt-4o-mini").addUserMessage("What is the refund window?").build());
 *     assertThat(answer.choices().get(0).message().content()).hasValueSatisfying(t -> assertThat(t).contains("30 days"));
 * }
 *
 * @LlmTest
 * @Model("anthropic:claude-haiku-4-5")
 * void throughAnthropicJava(LlmProxy proxy) {
 *     AnthropicClient client = AnthropicOkHttpClient.builder()
 *         .baseUrl(proxy.baseUrl("anthropic"))
 *         .apiKey(System.getenv().getOrDefault("ANTHROPIC_API_KEY", "replay"))
 *         .build();
 *     Message answer = client.messages().create(MessageCreateParams.builder()
 *         .model("claude-haiku-4-5").maxTokens(300).addUserMessage("What is the refund window?").build());
 * }
 *
 * @LlmTest
 * @Model("openai:gpt-4o-mini")
 * void throughSpringAi(LlmProxy proxy) {
 *     OpenAiChatModel model = OpenAiChatModel.builder()
 *         .openAiApi(OpenAiApi.builder()
 *             .baseUrl(proxy.baseUrl("openai"))
 *             .apiKey(System.getenv().getOrDefault("OPENAI_API_KEY", "replay"))
 *             .build())
 *         .defaultOptions(OpenAiChatOptions.builder().model("gpt-4o-mini").build())
 *         .build();
 *     assertThat(model.call("What is the refund window?")).contains("30 days");
 * }
 *
 * @LlmTest
 * @Model("openai:gpt-4o-mini")
 * void throughLangChain4j(LlmProxy proxy) {
 *     ChatModel model = OpenAiChatModel.builder()   // dev.langchain4j.model.openai
 *         .baseUrl(proxy.baseUrl("openai"))
 *         .apiKey(System.getenv().getOrDefault("OPENAI_API_KEY", "replay"))
 *         .modelName("gpt-4o-mini")
 *         .build();
 *     assertThat(model.chat("What is the refund window?")).contains("30 days");
 * }
 * }</pre>
 *
 * <p>A call with no recording in replay fails the test with the cassette, the closest recording's
 * difference and the command that records it, even when the SDK itself reports only its HTTP status.
 */
@API(status = EXPERIMENTAL)
public interface LlmProxy {
    /**
     * The base URL to give the SDK for {@code provider} ({@code openai} or {@code anthropic}), in the
     * form that SDK expects (OpenAI's includes {@code /v1}).
     */
    String baseUrl(String provider);
}
