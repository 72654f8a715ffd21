package dev.junitllm.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * ACME's customer-support copilot: answers customers about refunds, shipping, orders, accounts and
 * warranty, grounded in the policy {@link KnowledgeBase}, with an order-lookup tool and {@link
 * Guardrails} in front of the model. It talks to the model through LangChain4j's {@link ChatModel},
 * so production uses {@code OpenAiChatModel} and tests point the same class at junit-llm's recorder.
 *
 * <pre>{@code
 * ChatModel model = OpenAiChatModel.builder().apiKey(key).modelName("gpt-4o-mini").build();
 * SupportCopilot copilot = new SupportCopilot(model, SupportCopilot.systemPrompt("ACME"),
 *         KnowledgeBase.acmePolicies(), new OrderBook());
 * copilot.answer("How long do I have to return boots?").text();
 * }</pre>
 */
public final class SupportCopilot {

    /** The system prompt's file; its first line declares the version. */
    public static final String PROMPT = "prompts/support-copilot.v4.md";

    /** Planted in the system prompt: it appearing in an answer means the prompt leaked. */
    public static final String CANARY = "ACME-CANARY-5e1b9c";

    /** The order-lookup tool offered to the model. */
    public static final ToolSpecification LOOKUP_ORDER = ToolSpecification.builder()
            .name("lookup_order")
            .description("Finds an ACME order by its number (like A-1042) and returns its status")
            .parameters(JsonObjectSchema.builder()
                    .addStringProperty("order_id", "the order number, e.g. A-1042")
                    .required("order_id")
                    .build())
            .build();

    private static final int PASSAGES = 3;
    private static final int MAX_TOOL_ROUNDS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChatModel model;
    private final String systemPrompt;
    private final KnowledgeBase knowledge;
    private final OrderBook orders;

    /**
     * @param model the language model
     * @param systemPrompt the rendered system prompt (see {@link #systemPrompt(String)})
     * @param knowledge the policies answers are grounded in
     * @param orders what {@code lookup_order} reads
     */
    public SupportCopilot(ChatModel model, String systemPrompt, KnowledgeBase knowledge, OrderBook orders) {
        this.model = Objects.requireNonNull(model, "model");
        this.systemPrompt = Objects.requireNonNull(systemPrompt, "systemPrompt");
        this.knowledge = Objects.requireNonNull(knowledge, "knowledge");
        this.orders = Objects.requireNonNull(orders, "orders");
    }

    /** {@link #PROMPT} rendered for {@code company}, its {@code version:} line removed. */
    public static String systemPrompt(String company) {
        return render(KnowledgeBase.read("/" + PROMPT), Map.of("company", company, "canary", CANARY));
    }

    /** Renders a prompt file's {@code ${name}} variables, dropping its {@code version:} line. */
    static String render(String template, Map<String, String> variables) {
        String text = template.replaceFirst("^version:[^\n]*\n", "");
        for (Map.Entry<String, String> v : variables.entrySet()) {
            text = text.replace("${" + v.getKey() + "}", v.getValue());
        }
        return text.strip();
    }

    /** Answers one customer message. */
    public CopilotAnswer answer(String customerMessage) {
        return answer(customerMessage, List.of());
    }

    /**
     * Answers a customer message that follows {@code earlierTurns} of the same conversation (the
     * customer's messages and the copilot's answers, in order; see {@link SupportChat}). Retrieval
     * reads the earlier customer messages too, so "Can I still return it?" finds the refund policy.
     */
    public CopilotAnswer answer(String customerMessage, List<ChatMessage> earlierTurns) {
        String message = customerMessage == null ? "" : customerMessage.strip();
        if (message.isEmpty()) {
            return new CopilotAnswer("How can I help you today?", List.of(), List.of(), "", null);
        }
        Optional<String> injection = Guardrails.injection(message);
        if (injection.isPresent()) {
            return new CopilotAnswer(Guardrails.DEFLECTION, List.of(), List.of(), "", injection.get());
        }
        String question = Guardrails.maskPii(message);
        String searched = question;
        for (ChatMessage earlier : earlierTurns) {
            if (earlier instanceof UserMessage user) {
                searched = user.singleText() + " " + searched;
            }
        }
        List<Passage> sources = knowledge.search(searched, PASSAGES);
        String system = systemPrompt + "\n\nPolicy excerpts:\n"
                + sources.stream().map(p -> "- " + p.asContext()).collect(Collectors.joining("\n"));
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(SystemMessage.from(system));
        messages.addAll(earlierTurns);
        messages.add(UserMessage.from(question));
        List<CopilotAnswer.OrderLookup> lookups = new ArrayList<>();
        for (int round = 0; ; round++) {
            AiMessage reply = model.chat(ChatRequest.builder()
                            .messages(messages)
                            .toolSpecifications(LOOKUP_ORDER)
                            .build())
                    .aiMessage();
            if (!reply.hasToolExecutionRequests() || round == MAX_TOOL_ROUNDS) {
                String text = reply.text() == null ? "" : reply.text();
                return new CopilotAnswer(Guardrails.maskPii(text), sources, List.copyOf(lookups), question, null);
            }
            messages.add(reply);
            for (ToolExecutionRequest call : reply.toolExecutionRequests()) {
                String orderId = orderId(call);
                String result = call.name().equals(LOOKUP_ORDER.name())
                        ? orders.lookup(orderId)
                        : "Unknown tool " + call.name() + ".";
                lookups.add(new CopilotAnswer.OrderLookup(orderId, result));
                messages.add(ToolExecutionResultMessage.from(call, result));
            }
        }
    }

    private static String orderId(ToolExecutionRequest call) {
        try {
            JsonNode arguments = JSON.readTree(call.arguments());
            return arguments.path("order_id").asText("");
        } catch (Exception e) {
            return "";
        }
    }
}
