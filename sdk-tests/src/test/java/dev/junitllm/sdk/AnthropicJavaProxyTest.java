package dev.junitllm.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.TextBlock;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolUseBlock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junitllm.LlmProxy;
import dev.junitllm.LlmTest;
import dev.junitllm.Model;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** anthropic-java 3.x (on its own OkHttp 4 and kotlin-stdlib) through {@link LlmProxy}: record, then replay offline. */
class AnthropicJavaProxyTest {
    /** What anthropic-java 3.14 sends; the proxy used to rewrite it to 2023-06-01. */
    static final String VERSION = "2026-10-21";

    static final String BETA = "token-efficient-tools-2025-02-19";

    static class Fixture {
        static AnthropicClient client(LlmProxy proxy) {
            return AnthropicOkHttpClient.builder()
                    .baseUrl(proxy.baseUrl("anthropic"))
                    .apiKey(SdkRuns.SDK_KEY)
                    // anthropic-java 3.14 sends the key as "Authorization: Bearer" unless x-api-key is
                    // set; the scripted server, like the API for standard keys, wants x-api-key
                    .putHeader("x-api-key", SdkRuns.SDK_KEY)
                    .putHeader("anthropic-beta", BETA)
                    .putHeader("x-team", "sdk-tests")
                    .maxRetries(0)
                    .build();
        }

        static MessageCreateParams.Builder ask(String question) {
            return MessageCreateParams.builder()
                    .model("claude-haiku-4-5")
                    .maxTokens(200)
                    .addUserMessage(question);
        }

        static String text(Message message) {
            return message.content().stream()
                    .flatMap(b -> b.text().stream())
                    .map(TextBlock::text)
                    .reduce("", String::concat);
        }

        @LlmTest
        @Model("anthropic:claude-haiku-4-5")
        void chatStreamToolsAndJson(LlmProxy proxy) throws Exception {
            AnthropicClient client = client(proxy);

            assertThat(text(client.messages()
                            .create(ask("What is the refund window?").build())))
                    .isEqualTo("Refunds within 30 days.");

            MessageAccumulator accumulator = MessageAccumulator.create();
            try (StreamResponse<RawMessageStreamEvent> stream =
                    client.messages().createStreaming(ask("Stream the answer").build())) {
                stream.stream().forEach(accumulator::accumulate);
            }
            assertThat(text(accumulator.message())).isEqualTo("Streamed answer here");

            Message tools = client.messages()
                    .create(ask("Look up my order")
                            .addTool(Tool.builder()
                                    .name("get_order")
                                    .inputSchema(Tool.InputSchema.builder()
                                            .properties(JsonValue.from(Map.of("id", Map.of("type", "string"))))
                                            .build())
                                    .build())
                            .build());
            ToolUseBlock use = tools.content().stream()
                    .flatMap(b -> b.toolUse().stream())
                    .findFirst()
                    .orElseThrow();
            assertThat(use.name()).isEqualTo("get_order");
            assertThat(use._input().toString()).contains("42");

            String json = text(client.messages().create(ask("Answer in JSON").build()));
            assertThat(new ObjectMapper().readTree(json).get("days").asInt()).isEqualTo(30);
        }
    }

    @Test
    void recordsThenReplaysOfflineWithTheSdksHeadersForwarded(@TempDir Path dir) {
        JsonNode recorded = SdkRuns.recordFourCalls(Fixture.class, dir, r -> {
            assertThat(r.header("x-api-key")).contains(SdkRuns.SDK_KEY);
            assertThat(r.header("anthropic-version")).contains(VERSION);
            assertThat(r.header("anthropic-beta")).contains(BETA);
            assertThat(r.header("x-team")).contains("sdk-tests");
        });
        assertThat(SdkRuns.calls(recorded))
                .allSatisfy(c -> assertThat(c.get("costUsd").asDouble()).isPositive());

        SdkRuns.replayFourCalls(Fixture.class, dir);
    }
}
