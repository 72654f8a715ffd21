package dev.junitllm.sample;

import static dev.junitllm.assertions.LlmAssertions.assertThat;
import static dev.junitllm.assertions.LlmAssertions.assertThatText;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junitllm.GoldenCase;
import dev.junitllm.GoldenDataset;
import dev.junitllm.LlmClient;
import dev.junitllm.LlmRequest;
import dev.junitllm.LlmResponse;
import dev.junitllm.LlmTest;
import dev.junitllm.Message;
import dev.junitllm.Prompt;
import dev.junitllm.PromptTemplate;
import dev.junitllm.Tool;
import dev.junitllm.ToolCall;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The same copilot with junit-llm's own {@link LlmClient} as its model (a LangChain4j {@link ChatModel}
 * adapter), which gives the test every {@link LlmResponse}: cost and latency budgets per call, and the
 * tool call itself for order questions.
 */
class CopilotThroughLlmClientTest {

    static final Tool LOOKUP_ORDER = Tool.of("lookup_order", SupportCopilot.LOOKUP_ORDER.description(), """
            {"type": "object", "properties": {"order_id": {"type": "string", \
            "description": "the order number, e.g. A-1042"}}, "required": ["order_id"]}""");

    @LlmTest
    @GoldenDataset(value = "datasets/budget.jsonl", minPassRate = 1.0)
    void staysWithinBudget(GoldenCase c, LlmClient llm, @Prompt(SupportCopilot.PROMPT) PromptTemplate prompt) {
        RecordingChatModel model = new RecordingChatModel(llm);
        CopilotAnswer answer = new SupportCopilot(
                        model, Copilot.systemPrompt(prompt), Copilot.POLICIES, new OrderBook())
                .answer(c.input());

        for (LlmResponse call : model.calls) {
            assertThat(call).finishedNormally().costsAtMostUsd(0.001).tookAtMost(Duration.ofSeconds(5));
        }
        if (c.get("order_id").isPresent()) {
            assertThat(model.calls.get(0))
                    .hasToolCall("lookup_order")
                    .hasArgument("order_id", c.get("order_id").get());
        }
        assertThat(model.calls.get(model.calls.size() - 1)).containsIgnoringCase(Copilot.fact(c));
        assertThatText(answer.text()).isNotRefusal().containsNoPii();
    }

    /** LangChain4j's chat requests as {@link LlmRequest}s, answered by the test's {@link LlmClient}. */
    static final class RecordingChatModel implements ChatModel {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final LlmClient llm;
        final List<LlmResponse> calls = new ArrayList<>();

        RecordingChatModel(LlmClient llm) {
            this.llm = llm;
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            LlmRequest.Builder builder = LlmRequest.builder().temperature(0.2).tool(LOOKUP_ORDER);
            for (ChatMessage message : request.messages()) {
                if (message instanceof SystemMessage s) {
                    builder.system(s.text());
                } else if (message instanceof UserMessage u) {
                    builder.user(u.singleText());
                } else if (message instanceof AiMessage a) {
                    builder.message(new Message(
                            Message.Role.ASSISTANT,
                            a.text(),
                            a.toolExecutionRequests().stream()
                                    .map(t -> new ToolCall(t.id(), t.name(), json(t.arguments())))
                                    .toList(),
                            null));
                } else if (message instanceof ToolExecutionResultMessage t) {
                    builder.toolResult(t.id(), t.text());
                }
            }
            LlmResponse response = llm.chat(builder.build());
            calls.add(response);
            List<ToolExecutionRequest> tools = response.toolCalls().stream()
                    .map(t -> ToolExecutionRequest.builder()
                            .id(t.id())
                            .name(t.name())
                            .arguments(t.arguments().toString())
                            .build())
                    .toList();
            AiMessage reply = tools.isEmpty() ? AiMessage.from(response.text()) : AiMessage.from(tools);
            return ChatResponse.builder().aiMessage(reply).build();
        }

        private static com.fasterxml.jackson.databind.JsonNode json(String text) {
            try {
                return JSON.readTree(text);
            } catch (Exception e) {
                throw new IllegalStateException("tool arguments are not JSON: " + text, e);
            }
        }
    }
}
