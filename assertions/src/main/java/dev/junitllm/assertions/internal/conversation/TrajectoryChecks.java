package dev.junitllm.assertions.internal.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junitllm.Conversation;
import dev.junitllm.ToolCall;
import dev.junitllm.Verdict;
import dev.junitllm.assertions.internal.Check;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks on an agent's trajectory (the model calls of a played {@link Conversation}), after promptfoo's
 * trajectory assertions and Inspect's agent evaluations: tools used, their order (exact, or as a
 * subsequence), a partial order between two tools, arguments, forbidden tools, steps and tokens.
 */
public final class TrajectoryChecks {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TrajectoryChecks() {}

    static List<String> names(Conversation c) {
        return c.toolCalls().stream().map(ToolCall::name).toList();
    }

    public static Check calledTools(Conversation c, List<String> tools) {
        List<String> called = names(c);
        List<String> missing = tools.stream().filter(t -> !called.contains(t)).toList();
        boolean ok = missing.isEmpty();
        double score = tools.isEmpty() ? 1.0 : (double) (tools.size() - missing.size()) / tools.size();
        return check(
                c,
                "toolsCalled",
                score,
                ok,
                ok ? "called " + tools : "never called " + missing + "; called " + called,
                "to call the tools",
                tools.toString(),
                called.toString());
    }

    /** {@code tools} appear in this order among the calls; other calls may come in between. */
    public static Check calledInOrder(Conversation c, List<String> tools) {
        List<String> called = names(c);
        int next = 0;
        for (String name : called) {
            if (next < tools.size() && name.equals(tools.get(next))) {
                next++;
            }
        }
        boolean ok = next == tools.size();
        return check(
                c,
                "toolOrder",
                ok ? 1.0 : 0.0,
                ok,
                ok ? "called in order " + tools : "expected in order " + tools + ", called " + called,
                "to call the tools in this order (others may come in between)",
                tools.toString(),
                called.toString());
    }

    /** Exactly these calls, in this order, and no others. */
    public static Check calledExactly(Conversation c, List<String> tools) {
        List<String> called = names(c);
        boolean ok = called.equals(tools);
        return check(
                c,
                "toolSequence",
                ok ? 1.0 : 0.0,
                ok,
                ok ? "called exactly " + tools : "expected exactly " + tools + ", called " + called,
                "to call exactly these tools in this order",
                tools.toString(),
                called.toString());
    }

    /** A partial order: some call of {@code first} comes before the first call of {@code then}; both are called. */
    public static Check calledBefore(Conversation c, String first, String then) {
        List<String> called = names(c);
        int a = called.indexOf(first);
        int b = called.indexOf(then);
        boolean ok = a >= 0 && b >= 0 && a < b;
        String why = a < 0
                ? first + " was never called"
                : b < 0 ? then + " was never called" : ok ? first + " before " + then : then + " came first";
        return check(
                c,
                "toolPartialOrder",
                ok ? 1.0 : 0.0,
                ok,
                why + "; called " + called,
                "to call " + first + " before " + then,
                first + " before " + then,
                called.toString());
    }

    public static Check neverCalled(Conversation c, List<String> forbidden) {
        List<String> called = names(c);
        Set<String> hit = new LinkedHashSet<>(called);
        hit.retainAll(forbidden);
        boolean ok = hit.isEmpty();
        return check(
                c,
                "forbiddenTools",
                ok ? 1.0 : 0.0,
                ok,
                ok ? "none of " + forbidden + " called" : "called forbidden " + hit,
                "never to call " + forbidden,
                "none of " + forbidden,
                called.toString());
    }

    /** Some call of {@code tool} has every given argument (compared as JSON; numbers by value). */
    public static Check calledWith(Conversation c, String tool, Map<String, ?> arguments) {
        JsonNode wanted = JSON.valueToTree(arguments);
        List<String> seen = new ArrayList<>();
        boolean ok = false;
        for (ToolCall call : c.toolCalls()) {
            if (!call.name().equals(tool)) {
                continue;
            }
            seen.add(call.arguments().toString());
            boolean all = true;
            for (Map.Entry<String, JsonNode> e : wanted.properties()) {
                JsonNode value = call.arguments().get(e.getKey());
                all &= value != null && sameJson(value, e.getValue());
            }
            ok |= all;
        }
        String expected = tool + " " + wanted;
        return check(
                c,
                "toolArguments",
                ok ? 1.0 : 0.0,
                ok,
                ok ? "called " + expected : seen.isEmpty() ? tool + " was never called" : tool + " called with " + seen,
                "to call a tool with these arguments",
                expected,
                seen.isEmpty() ? "no call of " + tool + "; calls " + names(c) : tool + " " + seen);
    }

    private static boolean sameJson(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    /** Steps are model calls: each request the agent sent to the model. */
    public static Check stepsAtMost(Conversation c, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max steps must be at least 1 but was " + max);
        }
        int steps = c.modelCalls().size();
        boolean ok = steps <= max;
        return check(
                c,
                "steps",
                ok ? 1.0 : 0.0,
                ok,
                steps + " model calls (max " + max + ")",
                "to take at most " + max + " steps (model calls)",
                "<= " + max,
                String.valueOf(steps));
    }

    /** Input plus output tokens of every model call; a run without token counts fails, never counts as 0. */
    public static Check tokensAtMost(Conversation c, long max) {
        long tokens = c.usage().totalTokens();
        boolean known = c.modelCalls().stream().allMatch(r -> r.usage().totalTokens() > 0);
        boolean ok = known && !c.modelCalls().isEmpty() && tokens <= max;
        String reason = c.modelCalls().isEmpty()
                ? "no model calls were seen (is the test an @LlmTest?)"
                : !known ? "some model calls reported no token counts" : tokens + " tokens (max " + max + ")";
        return check(
                c,
                "trajectoryTokens",
                ok ? 1.0 : 0.0,
                ok,
                reason,
                "to use at most " + max + " tokens",
                "<= " + max,
                reason);
    }

    private static Check check(
            Conversation c,
            String metric,
            double score,
            boolean ok,
            String reason,
            String property,
            String expected,
            String actual) {
        return new Check(
                new Verdict(metric, score, 1.0, ok, reason),
                () -> ShouldHaveConversation.shouldHaveTrajectory(c.id(), property, expected, actual),
                expected,
                actual);
    }
}
