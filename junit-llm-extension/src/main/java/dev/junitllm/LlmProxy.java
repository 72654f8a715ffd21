package dev.junitllm;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * A local HTTP endpoint on 127.0.0.1 that records and replays model calls made by third-party SDKs
 * (openai-java, anthropic-java, LangChain4j, Spring AI) into the test's cassette, streaming
 * included, with usage and cost landing in the results like those of an {@link LlmClient}.
 *
 * <pre>{@code
 * @LlmTest
 * void throughLangChain4j(LlmProxy proxy) {
 *     ChatModel model = OpenAiChatModel.builder()
 *         .baseUrl(proxy.baseUrl("openai"))
 *         .apiKey("unused-in-replay")
 *         .modelName("gpt-4o-mini")
 *         .build();
 *     assertThat(model.chat("Hello")).isNotBlank();
 * }
 * }</pre>
 */
@API(status = EXPERIMENTAL)
public interface LlmProxy {
    /**
     * The base URL to give the SDK for {@code provider} ({@code openai} or {@code anthropic}), in the
     * form that SDK expects (OpenAI's includes {@code /v1}).
     */
    String baseUrl(String provider);
}
