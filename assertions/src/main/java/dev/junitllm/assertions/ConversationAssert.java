package dev.junitllm.assertions;

import dev.junitllm.Conversation;
import dev.junitllm.LlmClient;
import dev.junitllm.LlmResponse;
import dev.junitllm.ToolCall;
import dev.junitllm.assertions.internal.Check;
import dev.junitllm.assertions.internal.Verdicts;
import dev.junitllm.assertions.internal.conversation.ConversationChecks;
import dev.junitllm.assertions.internal.conversation.TrajectoryChecks;
import dev.junitllm.assertions.internal.judge.JudgePanel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a played {@link Conversation}: on the whole conversation (after DeepEval's
 * conversational metrics), on each turn (every {@link LlmResponseAssert} check through {@link
 * #turn(int)}), and on an agent's trajectory, the model calls it made with their tool calls (after
 * promptfoo's trajectory assertions). Obtain one with {@link LlmAssertions#assertThat(Conversation)}.
 *
 * <p>Every check records a verdict into the running {@code @LlmTest} sample, like the response checks.
 * Judged checks use the running test's judge ({@code llm.judge.model}) unless {@link
 * #usingJudge(LlmClient)} names one; each judged turn is one rubric judge call per vote, recorded and
 * replayed like any judge call.
 *
 * <pre>{@code
 * Conversation played = Conversation.of(c).withSystemPrompt(SYSTEM).play(bot::chat);
 * assertThat(played)
 *     .retainsKnowledge()                                  // judge: turns 2..n keep earlier facts
 *     .staysInRole("ACME's customer-support assistant")    // judge: every reply in role
 *     .neverRevealsSystemPrompt()                          // free: the replies taken together
 *     .resolvesWithinTurns(3, "Tells the customer whether the order can be refunded")
 *     .turn(2).containsIgnoringCase("30 days");
 *
 * Conversation run = Conversation.of("Where is order A-1001?").play(agent::chat);
 * assertThat(run)
 *     .calledToolsInOrder("lookupOrder", "trackShipment")
 *     .calledToolWith("lookupOrder", Map.of("orderId", "A-1001"))
 *     .neverCalledTools("issueRefund")
 *     .tookAtMostSteps(3)
 *     .usedAtMostTokens(2_000)
 *     .finalAnswer().containsIgnoringCase("shipped");
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL)
public class ConversationAssert extends AbstractAssert<ConversationAssert, Conversation> {

    private final List<LlmClient> judges = new ArrayList<>();
    private final List<String> judgeModels = new ArrayList<>();
    private int votes = 1;

    /**
     * Creates the assert; public for soft-assertion proxies. Prefer {@link
     * LlmAssertions#assertThat(Conversation)}.
     *
     * <pre>{@code
     * new ConversationAssert(played).neverCalledTools("issueRefund");
     * }</pre>
     */
    public ConversationAssert(Conversation actual) {
        super(actual, ConversationAssert.class);
    }

    // ------------------------------------------------------------------ judges

    /**
     * Uses {@code judge} for the judged checks that follow (and for the turn asserts of {@link #turn(int)}).
     *
     * <pre>{@code
     * assertThat(played).usingJudge(judge).retainsKnowledge();
     * }</pre>
     */
    public ConversationAssert usingJudge(LlmClient judge) {
        judges.clear();
        judges.add(Objects.requireNonNull(judge, "judge"));
        return myself;
    }

    /**
     * Asks the named judge models ({@code provider:model}) of the running {@code @LlmTest}.
     *
     * <pre>{@code
     * assertThat(played).judgedBy("openai:gpt-4o").staysInRole("a support agent");
     * }</pre>
     */
    public ConversationAssert judgedBy(String... modelIds) {
        if (modelIds.length == 0) {
            throw new IllegalArgumentException("judgedBy needs at least one model id");
        }
        judgeModels.clear();
        judgeModels.addAll(List.of(modelIds));
        return myself;
    }

    /**
     * Asks each judge {@code n} times per judged turn; a turn passes on a strict majority.
     *
     * <pre>{@code
     * assertThat(played).votes(3).retainsKnowledge();
     * }</pre>
     */
    public ConversationAssert votes(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("votes must be at least 1 but was " + n);
        }
        this.votes = n;
        return myself;
    }

    // ------------------------------------------------------------------ the whole conversation

    /**
     * Knowledge retention: every reply from turn 2 on keeps what the user said in earlier turns (does
     * not ask for it again, forget or contradict it), judged turn by turn with the conversation so far;
     * the score is the share of those turns that do, and must be 1.
     *
     * <pre>{@code
     * // passes: turn 1 "I'm Dana, order A-1001", turn 2 "Can I return it?" -> "Yes, Dana, order A-1001 ..."
     * assertThat(played).retainsKnowledge();
     * // fails when turn 2 answers "Which order do you mean?":
     * //   Expecting conversation conv-01 to retain what the user said earlier in every judged turn ...
     * }</pre>
     */
    public ConversationAssert retainsKnowledge() {
        return retainsKnowledge(1.0);
    }

    /**
     * Knowledge retention with a minimum share of retaining turns.
     *
     * <pre>{@code
     * assertThat(played).retainsKnowledge(0.75);
     * }</pre>
     */
    public ConversationAssert retainsKnowledge(double minScore) {
        return check(ConversationChecks.retainsKnowledge(panel(), played(), minScore));
    }

    /**
     * Role adherence: every reply stays in {@code role}, judged turn by turn; the share of turns in role
     * must be 1.
     *
     * <pre>{@code
     * assertThat(played).staysInRole("ACME's customer-support assistant; it never writes code or poems");
     * }</pre>
     */
    public ConversationAssert staysInRole(String role) {
        return staysInRole(role, 1.0);
    }

    /**
     * Role adherence with a minimum share of turns in role.
     *
     * <pre>{@code
     * assertThat(played).staysInRole("a support assistant", 0.9);
     * }</pre>
     */
    public ConversationAssert staysInRole(String role, double minScore) {
        return check(ConversationChecks.staysInRole(panel(), played(), role, minScore));
    }

    /**
     * The replies, taken together, do not repeat the conversation's system prompt ({@link
     * Conversation#withSystemPrompt}, {@link Conversation#chat}): the same measure as {@link
     * AbstractLlmResponseAssert#doesNotRevealSystemPrompt(String)}, over all turns at once, so a prompt
     * leaked a sentence per turn is caught. Free.
     *
     * <pre>{@code
     * assertThat(Conversation.of(c).withSystemPrompt(SYSTEM).play(bot::chat)).neverRevealsSystemPrompt();
     * }</pre>
     */
    public ConversationAssert neverRevealsSystemPrompt() {
        String prompt = played().systemPrompt()
                .orElseThrow(() -> new IllegalStateException("Conversation " + actual.id()
                        + " has no system prompt: play it after withSystemPrompt(prompt) or pass the prompt to"
                        + " neverRevealsSystemPrompt(prompt)"));
        return neverRevealsSystemPrompt(prompt);
    }

    /**
     * The replies, taken together, do not repeat {@code systemPrompt}.
     *
     * <pre>{@code
     * assertThat(played).neverRevealsSystemPrompt(SYSTEM);
     * }</pre>
     */
    public ConversationAssert neverRevealsSystemPrompt(String systemPrompt) {
        return check(ConversationChecks.neverRevealsSystemPrompt(
                played(),
                systemPrompt,
                AbstractLlmResponseAssert.DEFAULT_MAX_PROMPT_OVERLAP,
                AbstractLlmResponseAssert.DEFAULT_MAX_SHARED_PROMPT_WORDS));
    }

    /**
     * The conversation reaches {@code goal} within {@code maxTurns}: the judge reads the replies in order
     * (each with the conversation so far) and the first that meets the goal must come at turn {@code
     * maxTurns} or earlier. Turns after the limit are not judged.
     *
     * <pre>{@code
     * assertThat(played).resolvesWithinTurns(3, "Tells the customer whether the order can be refunded and how");
     * }</pre>
     */
    public ConversationAssert resolvesWithinTurns(int maxTurns, String goal) {
        return check(ConversationChecks.resolvesWithin(panel(), played(), maxTurns, goal));
    }

    /**
     * The first reply that {@code resolved} accepts comes at turn {@code maxTurns} or earlier. Free.
     *
     * <pre>{@code
     * assertThat(played).resolvesWithinTurns(2, reply -> reply.contains("RMA-"));
     * }</pre>
     */
    public ConversationAssert resolvesWithinTurns(int maxTurns, Predicate<String> resolved) {
        Objects.requireNonNull(resolved, "resolved");
        return check(ConversationChecks.resolvesWithin(played(), maxTurns, resolved, "the given condition"));
    }

    // ------------------------------------------------------------------ one turn

    /**
     * The reply of turn {@code turn} (from 1) as a response: every {@link LlmResponseAssert} check
     * applies, with the turn's user message as the question (for relevancy checks) and its expected reply
     * as the reference. Its usage is that of the turn's last model call when it was seen. In soft
     * assertions the returned assert is a plain one (it fails at once); there use {@link
     * #eachTurnWithExpected} or {@code softly.assertThatText(conversation.reply(n))}.
     *
     * <pre>{@code
     * assertThat(played).turn(2).containsIgnoringCase("30 days").isRelevantToQuestion();
     * }</pre>
     */
    public LlmResponseAssert turn(int turn) {
        Conversation c = played();
        List<LlmResponse> calls = c.modelCalls(turn);
        LlmResponse response = calls.isEmpty()
                ? LlmAssertions.asResponse(c.reply(turn))
                : calls.get(calls.size() - 1).toBuilder().text(c.reply(turn)).build();
        LlmResponseAssert turnAssert = new LlmResponseAssert(response).forQuestion(c.userMessage(turn));
        c.expected(turn).ifPresent(turnAssert::comparedTo);
        if (!judges.isEmpty()) {
            turnAssert.usingJudges(judges.toArray(LlmClient[]::new));
        }
        if (!judgeModels.isEmpty()) {
            turnAssert.judgedBy(judgeModels.toArray(String[]::new));
        }
        return turnAssert.votes(votes);
    }

    /**
     * Runs {@code requirements} on the turn assert of every turn that has an expected reply in the
     * dataset, with that expected reply; chains.
     *
     * <pre>{@code
     * assertThat(played).eachTurnWithExpected((turn, expected) -> turn.isSemanticallySimilarTo(expected));
     * }</pre>
     */
    public ConversationAssert eachTurnWithExpected(BiConsumer<LlmResponseAssert, String> requirements) {
        Conversation c = played();
        for (int t = 1; t <= c.size(); t++) {
            int turn = t;
            c.expected(t).ifPresent(expected -> requirements.accept(turn(turn), expected));
        }
        return myself;
    }

    /**
     * The final reply (an agent's answer) as a response; see {@link #turn(int)}.
     *
     * <pre>{@code
     * assertThat(run).finalAnswer().containsIgnoringCase("shipped");
     * }</pre>
     */
    public LlmResponseAssert finalAnswer() {
        return turn(played().size());
    }

    // ------------------------------------------------------------------ the trajectory

    /**
     * Each of {@code tools} was called at least once, in any order.
     *
     * <pre>{@code
     * assertThat(run).calledTools("lookupOrder");
     * // fails: Expecting the trajectory of order-02 to call the tools: [lookupOrder] but it was: []
     * }</pre>
     */
    public ConversationAssert calledTools(String... tools) {
        return check(TrajectoryChecks.calledTools(played(), names(tools)));
    }

    /**
     * {@code tools} were called in this order; other calls may come in between (a subsequence).
     *
     * <pre>{@code
     * // passes for lookupOrder, trackShipment, lookupOrder
     * assertThat(run).calledToolsInOrder("lookupOrder", "trackShipment");
     * }</pre>
     */
    public ConversationAssert calledToolsInOrder(String... tools) {
        return check(TrajectoryChecks.calledInOrder(played(), names(tools)));
    }

    /**
     * Exactly these tool calls, in this order, and no others.
     *
     * <pre>{@code
     * assertThat(run).calledExactlyTools("lookupOrder", "trackShipment");
     * }</pre>
     */
    public ConversationAssert calledExactlyTools(String... tools) {
        return check(TrajectoryChecks.calledExactly(played(), Arrays.asList(tools)));
    }

    /**
     * A partial order: {@code first} was called before {@code then} was first called (both were called);
     * anything else may happen around them.
     *
     * <pre>{@code
     * assertThat(run).calledToolBefore("lookupOrder", "issueRefund");
     * }</pre>
     */
    public ConversationAssert calledToolBefore(String first, String then) {
        return check(TrajectoryChecks.calledBefore(
                played(), Objects.requireNonNull(first, "first"), Objects.requireNonNull(then, "then")));
    }

    /**
     * None of {@code tools} was ever called.
     *
     * <pre>{@code
     * assertThat(run).neverCalledTools("issueRefund", "cancelOrder");
     * }</pre>
     */
    public ConversationAssert neverCalledTools(String... tools) {
        return check(TrajectoryChecks.neverCalled(played(), names(tools)));
    }

    /**
     * Some call of {@code tool} had all of {@code arguments} (other arguments may be there too), compared
     * as JSON: strings, numbers by value, booleans, maps and lists.
     *
     * <pre>{@code
     * assertThat(run).calledToolWith("lookupOrder", Map.of("orderId", "A-1001"));
     * }</pre>
     */
    public ConversationAssert calledToolWith(String tool, Map<String, ?> arguments) {
        return check(TrajectoryChecks.calledWith(
                played(), Objects.requireNonNull(tool, "tool"), Objects.requireNonNull(arguments, "arguments")));
    }

    /**
     * The first call of {@code tool} meets {@code requirements} (a {@link ToolCallAssert}); chains.
     *
     * <pre>{@code
     * assertThat(run).hasToolCallSatisfying("lookupOrder", call -> call.hasArgument("orderId", "A-1001"));
     * }</pre>
     */
    public ConversationAssert hasToolCallSatisfying(String tool, Consumer<ToolCallAssert> requirements) {
        calledTools(tool);
        ToolCall first = actual.toolCalls().stream()
                .filter(c -> c.name().equals(tool))
                .findFirst()
                .orElseThrow();
        requirements.accept(new ToolCallAssert(first));
        return myself;
    }

    /**
     * At most {@code max} steps, a step being one model call (an agent that calls a tool and then answers
     * takes 2).
     *
     * <pre>{@code
     * assertThat(run).tookAtMostSteps(4);
     * }</pre>
     */
    public ConversationAssert tookAtMostSteps(int max) {
        return check(TrajectoryChecks.stepsAtMost(played(), max));
    }

    /**
     * At most {@code max} tokens (input plus output) over every model call; a run whose calls reported
     * no token counts fails saying so.
     *
     * <pre>{@code
     * assertThat(run).usedAtMostTokens(2_000);
     * }</pre>
     */
    public ConversationAssert usedAtMostTokens(long max) {
        return check(TrajectoryChecks.tokensAtMost(played(), max));
    }

    // ------------------------------------------------------------------ plumbing

    private static List<String> names(String... tools) {
        if (tools.length == 0) {
            throw new IllegalArgumentException("name at least one tool");
        }
        return Arrays.stream(tools).map(t -> Objects.requireNonNull(t, "tool")).toList();
    }

    private Conversation played() {
        isNotNull();
        if (!actual.played()) {
            throw new IllegalStateException("Conversation " + actual.id()
                    + " has not been played: assert on the result of play(application) or chat(llm, system)");
        }
        return actual;
    }

    private JudgePanel panel() {
        return JudgePanel.resolve(judges, judgeModels, votes, 0.0);
    }

    private ConversationAssert check(Check check) {
        Verdicts.record(check.verdict());
        if (!check.passed()) {
            throw failureWithActualExpected(
                    check.actual(), check.expected(), "%s", check.failureMessage(info.representation()));
        }
        return myself;
    }
}
