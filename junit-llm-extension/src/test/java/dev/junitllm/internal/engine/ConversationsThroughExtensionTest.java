package dev.junitllm.internal.engine;

import static dev.junitllm.testkit.RequestMatchers.lastMessageRole;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junitllm.Conversation;
import dev.junitllm.GoldenCase;
import dev.junitllm.GoldenDataset;
import dev.junitllm.LlmClient;
import dev.junitllm.LlmConfiguration;
import dev.junitllm.LlmProxy;
import dev.junitllm.LlmRequest;
import dev.junitllm.LlmResponse;
import dev.junitllm.LlmTest;
import dev.junitllm.Message;
import dev.junitllm.Model;
import dev.junitllm.Tool;
import dev.junitllm.ToolCall;
import dev.junitllm.testkit.ScriptedLlmServer;
import dev.junitllm.testkit.ScriptedRequest;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conversations and agent runs through the JUnit Platform: recorded against the scripted server turn by
 * turn and step by step, then replayed with the server gone; each turn's model calls (tool calls and tool
 * results included) are what the application made, and the results carry the trajectory.
 */
class ConversationsThroughExtensionTest {

    static final List<Conversation> PLAYED = new CopyOnWriteArrayList<>();
    static final String SYSTEM = "You are ACME's support assistant. Refunds are accepted within 30 days.";

    final EngineRuns engine;

    ConversationsThroughExtensionTest(@TempDir Path tmp) {
        this.engine = new EngineRuns(tmp);
    }

    @BeforeEach
    void reset() {
        PLAYED.clear();
    }

    private static String[] against(ScriptedLlmServer server, String mode) {
        return new String[] {
            LlmConfiguration.MODE, mode,
            LlmConfiguration.OPENAI_BASE_URL, server == null ? "http://127.0.0.1:9/v1" : server.openAiBaseUrl(),
            LlmConfiguration.ANTHROPIC_BASE_URL, server == null ? "http://127.0.0.1:9" : server.anthropicBaseUrl()
        };
    }

    // ── a dataset of conversations, played directly against the model ─────────────────────────

    @Model("openai:gpt-4o-mini")
    static class ConversationFixture {
        @LlmTest
        @GoldenDataset("fixtures/datasets/conversations.jsonl")
        void refundConversation(GoldenCase c, LlmClient llm) {
            PLAYED.add(Conversation.of(c).chat(llm, SYSTEM));
        }
    }

    /** Answers from what the model is sent: the whole history, so a later turn can use an earlier fact. */
    private static String remembering(ScriptedRequest r) {
        String last = r.lastUserMessage();
        if (last.contains("return")) {
            return r.bodyText().contains("A-1001")
                    ? "Yes, Dana: order A-1001 can be returned within 30 days."
                    : "Which order do you mean?";
        }
        if (last.contains("refund window")) {
            return "Refunds are accepted within 30 days.";
        }
        if (last.contains("bye")) {
            return "Goodbye!";
        }
        return "Hello! How can I help?";
    }

    @Test
    void eachTurnIsRecordedWithTheHistoryAndReplayedPerTurn() {
        List<List<String>> recorded;
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.whenAnyRequest().reply(ConversationsThroughExtensionTest::remembering);
            engine.run(ConversationFixture.class, against(server, "record"))
                    .testEvents()
                    .assertStatistics(s -> s.succeeded(3).failed(0)); // two rows and the gate
            assertThat(server.requestCount()).isEqualTo(5);
            // turn n is sent the system prompt and every earlier turn: 1 + 2n - 1 messages
            assertThat(server.requests().stream()
                            .map(r -> r.body().path("messages").size())
                            .toList())
                    .containsExactlyInAnyOrder(2, 4, 6, 2, 4);
        }
        recorded = PLAYED.stream().map(Conversation::replies).toList();
        Conversation dana = PLAYED.stream()
                .filter(c -> c.id().equals("conv-dana"))
                .findFirst()
                .orElseThrow();
        assertThat(dana.replies())
                .containsExactly(
                        "Hello! How can I help?",
                        "Yes, Dana: order A-1001 can be returned within 30 days.",
                        "Goodbye!");
        assertThat(dana.modelCalls(2)).hasSize(1);
        assertThat(dana.modelCalls(2).get(0).request().orElseThrow().messages())
                .extracting(Message::role)
                .containsExactly(Message.Role.SYSTEM, Message.Role.USER, Message.Role.ASSISTANT, Message.Role.USER);
        assertThat(dana.expected(2)).contains("Yes, Dana: order A-1001 can be returned within 30 days.");

        // one recording per turn, each under its own key
        JsonNode entries = engine.cassetteJson(ConversationFixture.class).path("entries");
        assertThat(entries).hasSize(5);
        assertThat(StreamSupport.stream(entries.spliterator(), false)
                        .map(e -> e.path("key").asText())
                        .distinct())
                .hasSize(5);

        // the results keep each conversation's turns as its trajectory
        JsonNode results = engine.results();
        List<String> trajectory = new ArrayList<>();
        for (JsonNode c : results.at("/tests/0/cases")) {
            if (c.path("caseId").asText().equals("conv-dana")) {
                c.at("/samples/0/trajectory").forEach(step -> trajectory.add(step.asText()));
            }
        }
        assertThat(trajectory).hasSize(6).first().isEqualTo("user: Hi, I'm Dana and my order is A-1001.");
        assertThat(trajectory.get(3))
                .startsWith("model answers: Yes, Dana: order A-1001")
                .endsWith("tokens)");

        // replay: the server is gone, the conversation plays the same way
        PLAYED.clear();
        engine.run(ConversationFixture.class, against(null, "replay"))
                .testEvents()
                .assertStatistics(s -> s.succeeded(3).failed(0));
        assertThat(PLAYED.stream().map(Conversation::replies).toList()).containsExactlyInAnyOrderElementsOf(recorded);
    }

    // ── an agent through LangChain4j and the proxy (OpenAI tool_calls) ─────────────────────────

    static final ToolSpecification LOOKUP = ToolSpecification.builder()
            .name("lookup_order")
            .description("Finds an order by its number")
            .parameters(JsonObjectSchema.builder()
                    .addStringProperty("order_id")
                    .required("order_id")
                    .build())
            .build();
    static final ToolSpecification TRACK = ToolSpecification.builder()
            .name("track_shipment")
            .description("Tracks the parcel of a shipped order")
            .parameters(JsonObjectSchema.builder()
                    .addStringProperty("order_id")
                    .required("order_id")
                    .build())
            .build();

    /** A tool-calling loop as an application writes it with LangChain4j's low-level API. */
    static String agent(ChatModel model, String question) {
        List<ChatMessage> messages = new ArrayList<>(List.of(UserMessage.from(question)));
        for (int round = 0; round < 5; round++) {
            AiMessage reply = model.chat(ChatRequest.builder()
                            .messages(messages)
                            .toolSpecifications(LOOKUP, TRACK)
                            .build())
                    .aiMessage();
            if (!reply.hasToolExecutionRequests()) {
                return reply.text();
            }
            messages.add(reply);
            for (ToolExecutionRequest call : reply.toolExecutionRequests()) {
                String result = call.name().equals("lookup_order")
                        ? "{\"order_id\":\"A-1001\",\"status\":\"shipped\"}"
                        : "{\"carrier\":\"DHL\",\"eta\":\"Friday\"}";
                messages.add(ToolExecutionResultMessage.from(call, result));
            }
        }
        throw new IllegalStateException("no answer after 5 rounds");
    }

    static class LangChain4jAgentFixture {
        @LlmTest
        @Model("openai:gpt-4o-mini")
        void findsTheParcel(LlmProxy proxy) {
            ChatModel model = OpenAiChatModel.builder()
                    .baseUrl(proxy.baseUrl("openai"))
                    .apiKey("replay")
                    .modelName("gpt-4o-mini")
                    .build();
            PLAYED.add(Conversation.of("Where is order A-1001?").play(q -> agent(model, q)));
        }
    }

    private static long toolMessages(ScriptedRequest r) {
        return StreamSupport.stream(r.body().path("messages").spliterator(), false)
                .filter(m -> m.path("role").asText().equals("tool"))
                .count();
    }

    private static void scriptOpenAiAgent(ScriptedLlmServer server) {
        server.when(lastMessageRole("user")).replyWithToolCall("lookup_order", "{\"order_id\":\"A-1001\"}");
        server.when(lastMessageRole("tool").and(r -> toolMessages(r) == 1))
                .replyWithToolCall("track_shipment", "{\"order_id\":\"A-1001\"}");
        server.when(lastMessageRole("tool")).reply("Order A-1001 has shipped with DHL and arrives Friday.");
    }

    @Test
    void anAgentsToolCallsAndToolResultsAreRecordedAndReplayedStepByStep() {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            scriptOpenAiAgent(server);
            engine.run(LangChain4jAgentFixture.class, against(server, "record"))
                    .testEvents()
                    .assertStatistics(s -> s.succeeded(1).failed(0));
            assertThat(server.requestCount()).isEqualTo(3);
        }
        Conversation recorded = PLAYED.get(0);
        assertAgentRun(recorded);

        PLAYED.clear();
        engine.run(LangChain4jAgentFixture.class, against(null, "replay"))
                .testEvents()
                .assertStatistics(s -> s.succeeded(1).failed(0));
        Conversation replayed = PLAYED.get(0);
        assertAgentRun(replayed);
        assertThat(replayed.modelCalls())
                .allSatisfy(r -> assertThat(r.replayed()).isTrue());

        List<String> steps = new ArrayList<>();
        engine.results().at("/tests/0/cases/0/samples/0/trajectory").forEach(s -> steps.add(s.asText()));
        assertThat(steps).hasSize(6);
        assertThat(steps.get(0)).isEqualTo("user: Where is order A-1001?");
        assertThat(steps.get(1)).matches("model calls lookup_order \\{\"order_id\":\"A-1001\"} \\(\\d+ tokens\\)");
        assertThat(steps.get(2))
                .isEqualTo("tool lookup_order returned {\"order_id\":\"A-1001\",\"status\":\"shipped\"}");
        assertThat(steps.get(3)).startsWith("model calls track_shipment");
        assertThat(steps.get(4)).isEqualTo("tool track_shipment returned {\"carrier\":\"DHL\",\"eta\":\"Friday\"}");
        assertThat(steps.get(5)).startsWith("model answers: Order A-1001 has shipped with DHL and arrives Friday.");
    }

    private static void assertAgentRun(Conversation run) {
        assertThat(run.size()).isEqualTo(1);
        assertThat(run.finalReply()).isEqualTo("Order A-1001 has shipped with DHL and arrives Friday.");
        assertThat(run.modelCalls(1)).hasSize(3);
        assertThat(run.toolCalls()).extracting(ToolCall::name).containsExactly("lookup_order", "track_shipment");
        assertThat(run.toolCalls().get(0).arguments().path("order_id").asText()).isEqualTo("A-1001");
        // the tool results the agent fed back are in the requests, tied to the calls by id
        List<Message> last = run.modelCalls(1).get(2).request().orElseThrow().messages();
        assertThat(last)
                .extracting(Message::role)
                .containsExactly(
                        Message.Role.USER,
                        Message.Role.ASSISTANT,
                        Message.Role.TOOL,
                        Message.Role.ASSISTANT,
                        Message.Role.TOOL);
        assertThat(last.get(2).toolCallId())
                .isEqualTo(last.get(1).toolCalls().get(0).id());
        assertThat(run.modelCalls(1).get(0).request().orElseThrow().tools())
                .extracting(Tool::name)
                .containsExactly("lookup_order", "track_shipment");
        assertThat(run.usage().totalTokens()).isPositive();
    }

    // ── an agent through our own client (Anthropic tool_use / tool_result) ──────────────────────

    static class AnthropicAgentFixture {
        @LlmTest
        @Model("anthropic:claude-haiku-4-5")
        void findsTheOrder(LlmClient llm) {
            Tool lookup = Tool.of(
                    "lookup_order",
                    "Finds an order by its number",
                    "{\"type\":\"object\",\"properties\":{\"order_id\":{\"type\":\"string\"}}}");
            PLAYED.add(Conversation.of("Where is order A-1001?").play(question -> {
                List<Message> history = new ArrayList<>(List.of(Message.user(question)));
                while (true) {
                    LlmResponse r = llm.chat(
                            LlmRequest.builder().messages(history).tool(lookup).build());
                    if (r.toolCalls().isEmpty()) {
                        return r.text();
                    }
                    history.add(Message.assistant(r));
                    r.toolCalls().forEach(c -> history.add(Message.toolResult(c.id(), "status: shipped")));
                }
            }));
        }
    }

    @Test
    void anAnthropicAgentsToolUseAndToolResultBlocksBecomeItsSteps() {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.when(lastMessageRole("user")).replyWithToolCall("lookup_order", "{\"order_id\":\"A-1001\"}");
            server.when(lastMessageRole("tool")).reply("Order A-1001 has shipped.");
            engine.run(AnthropicAgentFixture.class, against(server, "record"))
                    .testEvents()
                    .assertStatistics(s -> s.succeeded(1).failed(0));
            // the wire format is Anthropic's: the tool result is a tool_result block of a user turn
            JsonNode second = server.requests().get(1).body().path("messages");
            assertThat(second.get(1).at("/content/0/type").asText()).isEqualTo("tool_use");
            assertThat(second.get(2).at("/content/0/type").asText()).isEqualTo("tool_result");
        }
        PLAYED.clear();
        engine.run(AnthropicAgentFixture.class, against(null, "replay"))
                .testEvents()
                .assertStatistics(s -> s.succeeded(1).failed(0));
        Conversation run = PLAYED.get(0);
        assertThat(run.finalReply()).isEqualTo("Order A-1001 has shipped.");
        assertThat(run.modelCalls(1)).hasSize(2);
        assertThat(run.toolCalls()).extracting(ToolCall::name).containsExactly("lookup_order");
        assertThat(run.modelCalls(1).get(1).request().orElseThrow().messages())
                .extracting(Message::role, Message::content)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Message.Role.USER, "Where is order A-1001?"),
                        org.assertj.core.groups.Tuple.tuple(Message.Role.ASSISTANT, ""),
                        org.assertj.core.groups.Tuple.tuple(Message.Role.TOOL, "status: shipped"));
        List<String> steps = new ArrayList<>();
        engine.results().at("/tests/0/cases/0/samples/0/trajectory").forEach(s -> steps.add(s.asText()));
        assertThat(steps)
                .containsExactly(
                        steps.get(0), steps.get(1), "tool lookup_order returned status: shipped", steps.get(3));
        assertThat(steps.get(1)).startsWith("model calls lookup_order {\"order_id\":\"A-1001\"}");
    }

    // ── a single call leaves the results as they were ─────────────────────────────────────────

    static class SingleCallFixture {
        @LlmTest
        @Model("openai:gpt-4o-mini")
        void answers(LlmClient llm) {
            PLAYED.add(Conversation.of("What is the refund window?")
                    .play(q -> llm.chat(q).text()));
        }
    }

    @Test
    void aSingleCallHasNoTrajectoryInTheResultsButItsTurnStillSeesTheCall() {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.whenAnyRequest().reply("Refunds are accepted within 30 days.");
            engine.run(SingleCallFixture.class, against(server, "record"))
                    .testEvents()
                    .assertStatistics(s -> s.succeeded(1).failed(0));
        }
        assertThat(engine.results().at("/tests/0/cases/0/samples/0").has("trajectory"))
                .isFalse();
        assertThat(PLAYED.get(0).modelCalls(1)).singleElement().satisfies(r -> {
            assertThat(r.text()).isEqualTo("Refunds are accepted within 30 days.");
            assertThat(r.request().orElseThrow().lastUserText()).isEqualTo("What is the refund window?");
        });
        assertThat(Map.of("calls", PLAYED.get(0).modelCalls().size())).containsEntry("calls", 1);
    }
}
