package dev.junitllm;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * A multi-turn conversation, and an agent's run: the user's turns (from a dataset row's {@code turns},
 * with optional expected replies), driven turn by turn through the application under test, with each
 * turn's reply and the model calls it took (tool calls and tool results included). Immutable: {@link
 * #play(Function)} and {@link #chat(LlmClient, String)} return the played conversation.
 *
 * <p>Inside an {@code @LlmTest}, every model call the application makes, through an injected {@link
 * LlmClient} or an SDK pointed at the {@link LlmProxy}, is recorded and replayed per turn like any other
 * call: a turn's request carries the conversation so far, so each turn has its own recording. The
 * played conversation knows which calls belong to which turn ({@link #modelCalls(int)}), which is what
 * the conversation and trajectory assertions of {@code junit-llm-assertions} read. An agent run is a
 * conversation of one turn whose calls are the agent's steps.
 *
 * <p>Turns are numbered from 1, as people count them.
 *
 * <pre>{@code
 * // datasets/refund-conversations.jsonl:
 * // {"id":"conv-01","turns":[{"user":"I'm Dana, order A-1001."},{"user":"Can I return it?","expected":"Yes, within 30 days."}]}
 * @LlmTest
 * @GoldenDataset("datasets/refund-conversations.jsonl")
 * void refundConversation(GoldenCase c, LlmProxy proxy) {
 *     SupportBot bot = SupportBot.create(proxy.baseUrl("openai"));    // keeps its own chat memory
 *     Conversation played = Conversation.of(c).withSystemPrompt(SupportBot.SYSTEM).play(bot::chat);
 *     assertThat(played).retainsKnowledge().neverRevealsSystemPrompt().turn(2).containsIgnoringCase("30 days");
 * }
 *
 * // an agent run: one turn, several steps
 * Conversation run = Conversation.of("Where is order A-1001?").play(agent::chat);
 * assertThat(run).calledToolsInOrder("lookupOrder").neverCalledTools("issueRefund").tookAtMostSteps(3);
 * }</pre>
 */
@API(status = EXPERIMENTAL)
public final class Conversation {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String id;
    private final List<String> users;
    private final List<String> expected; // null where a turn has no expected reply
    private final String systemPrompt;
    private final List<String> replies;
    private final List<List<LlmResponse>> calls;

    private Conversation(
            String id,
            List<String> users,
            List<String> expected,
            String systemPrompt,
            List<String> replies,
            List<List<LlmResponse>> calls) {
        this.id = id;
        this.users = List.copyOf(users);
        this.expected = Collections.unmodifiableList(new ArrayList<>(expected));
        this.systemPrompt = systemPrompt;
        this.replies = List.copyOf(replies);
        this.calls = calls.stream().map(List::copyOf).toList();
    }

    /**
     * The conversation of a dataset row: its {@code turns} ({@code [{"user": ..., "expected": ...}]} or
     * plain user texts), or, for a row without turns, one turn of its {@code input} and {@code expected}.
     *
     * <pre>{@code
     * Conversation.of(c).size();          // 3 for a row with three turns
     * Conversation.of(c).expected(2);     // Optional[Yes, within 30 days.]
     * }</pre>
     *
     * @throws IllegalArgumentException when the case's {@code turns} field is not a list of turns
     */
    public static Conversation of(GoldenCase c) {
        Objects.requireNonNull(c, "goldenCase");
        Optional<String> turns = c.get("turns");
        if (turns.isEmpty()) {
            List<String> expected = new ArrayList<>();
            expected.add(c.expected().isEmpty() ? null : c.expected());
            return new Conversation(c.id(), List.of(c.input()), expected, null, List.of(), List.of());
        }
        List<String> users = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        JsonNode list;
        try {
            list = JSON.readTree(turns.get());
        } catch (JsonProcessingException e) {
            list = null;
        }
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new IllegalArgumentException("case " + c.id() + " [" + c.source()
                    + "]: field 'turns' must be a non-empty JSON list of turns, but was " + turns.get());
        }
        for (JsonNode turn : list) {
            JsonNode user = turn.isTextual() ? turn : turn.get("user");
            if (user == null || !user.isValueNode() || user.asText().isBlank()) {
                throw new IllegalArgumentException("case " + c.id() + " [" + c.source() + "]: turn "
                        + (users.size() + 1) + " has no 'user' text: " + turn);
            }
            users.add(user.asText());
            JsonNode exp = turn.get("expected");
            expected.add(exp == null || exp.isNull() ? null : exp.asText());
        }
        return new Conversation(c.id(), users, expected, null, List.of(), List.of());
    }

    /**
     * A conversation of the given user messages, one per turn, without expected replies.
     *
     * <pre>{@code
     * Conversation.of("Hi, I'm Dana.", "What's my name?").play(bot::chat);
     * }</pre>
     */
    public static Conversation of(String... userMessages) {
        if (userMessages.length == 0) {
            throw new IllegalArgumentException("a conversation needs at least one user message");
        }
        List<String> users = List.of(userMessages);
        return new Conversation(
                "conversation", users, Collections.nCopies(users.size(), null), null, List.of(), List.of());
    }

    /**
     * The same conversation with the application's system prompt known, so that leak checks
     * ({@code neverRevealsSystemPrompt()}) can compare the replies with it. {@link #chat(LlmClient,
     * String)} sets it itself.
     */
    public Conversation withSystemPrompt(String systemPrompt) {
        return new Conversation(
                id, users, expected, Objects.requireNonNull(systemPrompt, "systemPrompt"), replies, calls);
    }

    /**
     * Plays the conversation through the application: calls {@code application} with each user message
     * in order and keeps its reply and the model calls it made during that turn. The application keeps
     * its own memory (e.g. a LangChain4j AI service with chat memory); an exception from it ends the
     * test as usual.
     *
     * <pre>{@code
     * Conversation played = Conversation.of(c).play(bot::chat);
     * played.reply(2);             // the application's answer to the second user message
     * played.modelCalls(2).size(); // 3 when it called two tools before answering
     * }</pre>
     */
    public Conversation play(Function<String, String> application) {
        Objects.requireNonNull(application, "application");
        List<String> played = new ArrayList<>();
        List<List<LlmResponse>> turnCalls = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            int before = contextCalls().size();
            String reply = application.apply(users.get(i));
            if (reply == null) {
                throw new IllegalStateException(
                        "The application returned null for turn " + (i + 1) + " of conversation " + id);
            }
            List<LlmResponse> after = contextCalls();
            played.add(reply);
            turnCalls.add(after.size() >= before ? after.subList(before, after.size()) : List.of());
        }
        return new Conversation(id, users, expected, systemPrompt, played, turnCalls);
    }

    /**
     * Plays the conversation directly against a model: the system prompt (may be null), then each user
     * message with the whole history so far, the model's answers included.
     *
     * <pre>{@code
     * Conversation played = Conversation.of(c).chat(llm, SYSTEM_PROMPT);
     * }</pre>
     */
    public Conversation chat(LlmClient llm, String systemPrompt) {
        Objects.requireNonNull(llm, "llm");
        List<Message> history = new ArrayList<>();
        if (systemPrompt != null) {
            history.add(Message.system(systemPrompt));
        }
        List<String> played = new ArrayList<>();
        List<List<LlmResponse>> turnCalls = new ArrayList<>();
        for (String user : users) {
            history.add(Message.user(user));
            int before = contextCalls().size();
            LlmResponse response =
                    llm.chat(LlmRequest.builder().messages(history).build());
            history.add(Message.assistant(response));
            List<LlmResponse> after = contextCalls();
            played.add(response.text());
            turnCalls.add(after.size() > before ? after.subList(before, after.size()) : List.of(response));
        }
        return new Conversation(id, users, expected, systemPrompt, played, turnCalls);
    }

    private static List<LlmResponse> contextCalls() {
        return LlmContext.current().map(LlmContext::modelCalls).orElse(List.of());
    }

    /** The dataset row's id, or {@code conversation} for one built from messages: {@code Conversation.of(c).id() // "conv-01"}. */
    public String id() {
        return id;
    }

    /** The number of turns: {@code Conversation.of("Hi", "Where is A-1253?").size() // 2}. */
    public int size() {
        return users.size();
    }

    /** The user messages, one per turn: {@code Conversation.of("Hi", "Bye").userMessages() // [Hi, Bye]}. */
    public List<String> userMessages() {
        return users;
    }

    /** The user message of turn {@code turn} (from 1). */
    public String userMessage(int turn) {
        return users.get(index(turn));
    }

    /**
     * The expected reply of turn {@code turn} (from 1), when the dataset gives one:
     * {@code played.expected(2).ifPresent(e -> assertThat(played.reply(2)).contains("30 days"))}.
     */
    public Optional<String> expected(int turn) {
        return Optional.ofNullable(expected.get(index(turn)));
    }

    /**
     * The application's system prompt, when known ({@link #withSystemPrompt}, {@link #chat}):
     * {@code Conversation.of(c).withSystemPrompt(SYSTEM).systemPrompt() // Optional[SYSTEM]}.
     */
    public Optional<String> systemPrompt() {
        return Optional.ofNullable(systemPrompt);
    }

    /** Whether the conversation has been played: {@code Conversation.of(c).play(app::send).played() // true}. */
    public boolean played() {
        return !replies.isEmpty();
    }

    /** The replies, one per turn; empty before the conversation is played: {@code played.replies().size() == played.size()}. */
    public List<String> replies() {
        return replies;
    }

    /** The reply of turn {@code turn} (from 1): {@code assertThat(played.reply(2)).contains("30 days")}. */
    public String reply(int turn) {
        requirePlayed();
        return replies.get(index(turn));
    }

    /** The last reply, an agent's final answer: {@code assertThat(run.finalReply()).contains("shipped")}. */
    public String finalReply() {
        requirePlayed();
        return replies.get(replies.size() - 1);
    }

    /**
     * The model calls of turn {@code turn} (from 1), in order, each with its request: an agent's steps.
     * Empty outside an {@code @LlmTest} (except for {@link #chat}), where no calls are seen:
     * {@code run.modelCalls(1).size() // 2: a tool call, then the answer}.
     */
    public List<LlmResponse> modelCalls(int turn) {
        requirePlayed();
        return calls.get(index(turn));
    }

    /** Every model call of the conversation, in order: {@code run.modelCalls().get(0).request()}. */
    public List<LlmResponse> modelCalls() {
        return calls.stream().flatMap(List::stream).toList();
    }

    /** Every tool call the model made, in order: {@code run.toolCalls().get(0).name() // "lookup_order"}. */
    public List<ToolCall> toolCalls() {
        return modelCalls().stream().flatMap(r -> r.toolCalls().stream()).toList();
    }

    /** The tokens of every model call, summed: {@code run.usage().totalTokens() <= 4_000}. */
    public Usage usage() {
        return modelCalls().stream().map(LlmResponse::usage).reduce(Usage.NONE, Usage::plus);
    }

    private int index(int turn) {
        if (turn < 1 || turn > users.size()) {
            throw new IndexOutOfBoundsException(
                    "turn " + turn + " of conversation " + id + ": turns are numbered 1 to " + users.size());
        }
        return turn - 1;
    }

    private void requirePlayed() {
        if (replies.isEmpty()) {
            throw new IllegalStateException(
                    "Conversation " + id + " has not been played: call play(application) or chat(llm, system)");
        }
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Conversation[" + id + ", " + users.size() + " turns");
        for (int i = 0; i < users.size(); i++) {
            s.append("\n  user: ").append(users.get(i));
            if (i < replies.size()) {
                s.append("\n  reply: ").append(replies.get(i));
            }
        }
        return s.append("]").toString();
    }
}
