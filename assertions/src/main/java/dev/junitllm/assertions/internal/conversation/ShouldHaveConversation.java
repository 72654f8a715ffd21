package dev.junitllm.assertions.internal.conversation;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Failure messages of conversation and trajectory checks. */
public final class ShouldHaveConversation extends BasicErrorMessageFactory {

    private ShouldHaveConversation(String format, Object... arguments) {
        super(format, arguments);
    }

    /**
     * A judged conversation property fell short.
     *
     * <pre>{@code
     * shouldSatisfyEachTurn("conv-01", "retain what the user said earlier", 0.5, 1.0, "turn 2: fail: asks again").create();
     * // Expecting conversation conv-01 to retain what the user said earlier in every judged turn
     * // but the share of turns that do was 0.5 (required 1.0):
     * //   turn 2: fail: asks again
     * }</pre>
     */
    public static ErrorMessageFactory shouldSatisfyEachTurn(
            String id, String property, double score, double threshold, String reasons) {
        return new ShouldHaveConversation(
                "%nExpecting conversation %s to %s in every judged turn%nbut the share of turns that do was %s"
                        + " (required %s):%n  %s%n",
                unquotedString(id), unquotedString(property), score, threshold, unquotedString(reasons));
    }

    /**
     * The replies of a conversation, taken together, repeat the system prompt.
     *
     * <pre>{@code
     * shouldNotRevealAcrossTurns("conv-07", 0.4, 0.2, 14, 10, "never discuss competitors ...").create();
     * }</pre>
     */
    public static ErrorMessageFactory shouldNotRevealAcrossTurns(
            String id, double overlap, double maxOverlap, int run, int maxRun, String shared) {
        return new ShouldHaveConversation(
                "%nExpecting the replies of conversation %s, taken together, not to reveal the system prompt%n"
                        + "but they repeat %s of its word 5-grams (max < %s) and a run of %s words (max < %s):%n  %s%n",
                unquotedString(id), overlap, maxOverlap, run, maxRun, shared);
    }

    /**
     * The conversation did not reach its goal within the allowed turns.
     *
     * <pre>{@code
     * shouldResolveWithin("conv-02", 2, "confirms the refund", "turn 1: fail: ... | turn 2: fail: ...").create();
     * }</pre>
     */
    public static ErrorMessageFactory shouldResolveWithin(String id, int turns, String goal, String reasons) {
        return new ShouldHaveConversation(
                "%nExpecting conversation %s to resolve within %s turn(s): %s%nbut no reply up to turn %s did:%n  %s%n",
                unquotedString(id), turns, unquotedString(goal), turns, unquotedString(reasons));
    }

    /**
     * A trajectory property does not hold.
     *
     * <pre>{@code
     * shouldHaveTrajectory("order-03", "to call the tools in order", "[lookupOrder, refundStatus]",
     *         "[refundStatus, lookupOrder]").create();
     * }</pre>
     */
    public static ErrorMessageFactory shouldHaveTrajectory(String id, String property, String expected, String actual) {
        return new ShouldHaveConversation(
                "%nExpecting the trajectory of %s %s:%n  %s%nbut it was:%n  %s%n",
                unquotedString(id), unquotedString(property), unquotedString(expected), unquotedString(actual));
    }
}
