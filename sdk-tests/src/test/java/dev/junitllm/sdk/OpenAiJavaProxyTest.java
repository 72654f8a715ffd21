package dev.junitllm.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ResponseFormatJsonObject;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import dev.junitllm.LlmProxy;
import dev.junitllm.LlmTest;
import dev.junitllm.Model;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** openai-java 4.x (on its own OkHttp 4 and kotlin-stdlib) through {@link LlmProxy}: record, then replay offline. */
class OpenAiJavaProxyTest {

    static class Fixture {
        static OpenAIClient client(LlmProxy proxy) {
            return OpenAIOkHttpClient.builder()
                    .baseUrl(proxy.baseUrl("openai"))
                    .apiKey(SdkRuns.SDK_KEY)
                    .putHeader("x-team", "sdk-tests")
                    .maxRetries(0)
                    .build();
        }

        static ChatCompletionCreateParams.Builder ask(String question) {
            return ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage(question);
        }

        @LlmTest
        @Model("openai:gpt-4o-mini")
        void chatStreamToolsAndJson(LlmProxy proxy) throws Exception {
            OpenAIClient client = client(proxy);

            ChatCompletion chat = client.chat()
                    .completions()
                    .create(ask("What is the refund window?").build());
            assertThat(chat.choices().get(0).message().content()).contains("Refunds within 30 days.");

            // no stream_options.include_usage: the provider reports no usage
            StringBuilder streamed = new StringBuilder();
            try (StreamResponse<ChatCompletionChunk> stream = client.chat()
                    .completions()
                    .createStreaming(ask("Stream the answer").build())) {
                stream.stream()
                        .forEach(chunk ->
                                chunk.choices().forEach(c -> c.delta().content().ifPresent(streamed::append)));
            }
            assertThat(streamed.toString()).isEqualTo("Streamed answer here");

            ChatCompletion tools = client.chat()
                    .completions()
                    .create(ask("Look up my order")
                            .addFunctionTool(FunctionDefinition.builder()
                                    .name("get_order")
                                    .parameters(FunctionParameters.builder()
                                            .putAdditionalProperty("type", JsonValue.from("object"))
                                            .putAdditionalProperty(
                                                    "properties",
                                                    JsonValue.from(Map.of("id", Map.of("type", "string"))))
                                            .build())
                                    .build())
                            .build());
            List<ChatCompletionMessageToolCall> calls =
                    tools.choices().get(0).message().toolCalls().orElseThrow();
            assertThat(calls.get(0).asFunction().function().name()).isEqualTo("get_order");
            assertThat(calls.get(0).asFunction().function().arguments()).isEqualTo("{\"id\":\"42\"}");

            ChatCompletion json = client.chat()
                    .completions()
                    .create(ask("Answer in JSON")
                            .responseFormat(ResponseFormatJsonObject.builder().build())
                            .build());
            JsonNode parsed = new ObjectMapper()
                    .readTree(json.choices().get(0).message().content().orElseThrow());
            assertThat(parsed.get("days").asInt()).isEqualTo(30);
        }
    }

    @Test
    void recordsThenReplaysOfflineWithTheSdksHeadersForwarded(@TempDir Path dir) {
        JsonNode recorded = SdkRuns.recordFourCalls(Fixture.class, dir, r -> {
            assertThat(r.header("authorization")).contains("Bearer " + SdkRuns.SDK_KEY);
            assertThat(r.header("x-team")).contains("sdk-tests");
            assertThat(r.header("x-stainless-lang")).contains("java");
        });
        // the stream without include_usage: unknown tokens and cost, counted as unknown, never 0
        assertThat(recorded.findValues("unknownPriceCalls"))
                .allSatisfy(n -> assertThat(n.asInt()).isEqualTo(1));
        assertThat(SdkRuns.calls(recorded).get(1).get("tokens").isNull()).isTrue();

        SdkRuns.replayFourCalls(Fixture.class, dir);
    }
}
