package dev.junitllm.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junitllm.LlmProxy;
import dev.junitllm.LlmTest;
import dev.junitllm.Model;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.api.OpenAiApi;
import org.springframework.ai.openai.api.ResponseFormat;
import org.springframework.ai.tool.function.FunctionToolCallback;
import org.springframework.retry.support.RetryTemplate;

/**
 * Spring AI 1.1 (OpenAI) through {@link LlmProxy}: record, then replay offline. Runs in its own
 * Surefire execution with jackson-core 2.17 (what Spring AI's dependencies pin) under our
 * jackson-databind 2.20, where streaming used to fail with {@code NoSuchMethodError}.
 */
class SpringAiProxyTest {

    static OpenAiChatModel model(LlmProxy proxy, OpenAiChatOptions.Builder options) {
        OpenAiApi api = OpenAiApi.builder()
                .baseUrl(proxy.baseUrl("openai"))
                .apiKey(SdkRuns.SDK_KEY)
                .build();
        return OpenAiChatModel.builder()
                .openAiApi(api)
                .defaultOptions(options.model("gpt-4o-mini").build())
                .retryTemplate(RetryTemplate.builder().maxAttempts(1).build()) // fail fast, not after minutes
                .build();
    }

    static String streamed(OpenAiChatModel model, String question) {
        return model.stream(new Prompt(question)).collectList().block().stream()
                .map(ChatResponse::getResult)
                .filter(r -> r != null && r.getOutput().getText() != null)
                .map(r -> r.getOutput().getText())
                .collect(Collectors.joining());
    }

    static class Fixture {
        @LlmTest
        @Model("openai:gpt-4o-mini")
        void chatStreamToolsAndJson(LlmProxy proxy) throws Exception {
            OpenAiChatModel plain = model(proxy, OpenAiChatOptions.builder());
            assertThat(plain.call("What is the refund window?")).isEqualTo("Refunds within 30 days.");

            assertThat(streamed(plain, "Stream the answer")).isEqualTo("Streamed answer here");

            OpenAiChatModel withTools = model(
                    proxy,
                    OpenAiChatOptions.builder()
                            .toolCallbacks(
                                    FunctionToolCallback.builder("get_order", (Map<String, Object> in) -> "shipped")
                                            .description("Looks up an order")
                                            .inputType(Map.class)
                                            .build())
                            .internalToolExecutionEnabled(false));
            List<AssistantMessage.ToolCall> calls = withTools
                    .call(new Prompt("Look up my order"))
                    .getResult()
                    .getOutput()
                    .getToolCalls();
            assertThat(calls).singleElement().satisfies(c -> {
                assertThat(c.name()).isEqualTo("get_order");
                assertThat(c.arguments()).isEqualTo("{\"id\":\"42\"}");
            });

            OpenAiChatModel json = model(
                    proxy,
                    OpenAiChatOptions.builder()
                            .responseFormat(ResponseFormat.builder()
                                    .type(ResponseFormat.Type.JSON_OBJECT)
                                    .build()));
            assertThat(new ObjectMapper()
                            .readTree(json.call("Answer in JSON"))
                            .get("days")
                            .asInt())
                    .isEqualTo(30);
        }
    }

    static class MissFixture {
        @LlmTest
        @Model("openai:gpt-4o-mini")
        void streamsSomethingNeverRecorded(LlmProxy proxy) {
            streamed(model(proxy, OpenAiChatOptions.builder()), "Never recorded");
        }
    }

    @Test
    void recordsThenReplaysOfflineStreamingIncluded(@TempDir Path dir) {
        JsonNode recorded = SdkRuns.recordFourCalls(
                Fixture.class, dir, r -> assertThat(r.header("authorization")).contains("Bearer " + SdkRuns.SDK_KEY));
        // the streamed call is in the results (it used to vanish with a NoSuchMethodError)
        assertThat(SdkRuns.calls(recorded))
                .anySatisfy(c -> assertThat(c.get("response").asText()).isEqualTo("Streamed answer here"));

        SdkRuns.replayFourCalls(Fixture.class, dir);
    }

    @Test
    void aStreamedReplayMissFailsTheTestWithCassetteDiffAndRecordCommand(@TempDir Path dir) {
        EngineExecutionResults results = SdkRuns.replay(MissFixture.class, dir);

        Throwable failure = results.testEvents().failed().stream()
                .findFirst()
                .orElseThrow()
                .getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable)
                .orElseThrow();
        assertThat(failure.getMessage())
                .contains("No recording")
                .contains("cassettes")
                .contains("-Dllm.mode=record")
                .contains("MissFixture#streamsSomethingNeverRecorded");
    }
}
