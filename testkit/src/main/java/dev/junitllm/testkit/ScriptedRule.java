package dev.junitllm.testkit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apiguardian.api.API;

/**
 * A rule registered on a {@link ScriptedLlmServer}: what it matches and how it answers. Returned by
 * the terminal methods of {@link RuleBuilder} so a test can check how often it was used.
 *
 * <pre>{@code
 * ScriptedRule refunds = server.whenUserContains("refund").reply("Refunds take 30 days.");
 * // ... exercise the code under test ...
 * assertThat(refunds.matchCount()).isEqualTo(1);
 * }</pre>
 *
 * <p>Turns ({@link RuleBuilder#replyInTurn}) and scripted failures ({@link RuleBuilder#failTimes})
 * are counted per distinct request: two requests are the same when their endpoint and JSON bodies
 * are equal ignoring key order and the {@code stream}/{@code stream_options} fields. So five samples
 * of one prompt get five successive answers, while another prompt starts again from the first.
 */
@API(status = EXPERIMENTAL)
public final class ScriptedRule {

    private static final ObjectMapper CANONICAL =
            new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final Predicate<ScriptedRequest> predicate;
    private final List<Reply> turns;
    private final Duration delay;
    private final int failTimes;
    private final Reply.Error failure;
    private final boolean truncateStream;
    private final Reply.Error streamError;
    private final int cachedInputTokens;
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final AtomicInteger matchCount = new AtomicInteger();

    ScriptedRule(
            Predicate<ScriptedRequest> predicate,
            List<Reply> turns,
            Duration delay,
            int failTimes,
            Reply.Error failure,
            boolean truncateStream,
            Reply.Error streamError,
            int cachedInputTokens) {
        this.predicate = predicate;
        this.turns = List.copyOf(turns);
        this.delay = delay;
        this.failTimes = failTimes;
        this.failure = failure;
        this.truncateStream = truncateStream;
        this.streamError = streamError;
        this.cachedInputTokens = cachedInputTokens;
    }

    /** How many requests this rule has answered (scripted failures included). */
    public int matchCount() {
        return matchCount.get();
    }

    /** What the rule matches, e.g. {@code last user message contains "refund"}. */
    public String description() {
        return predicate.toString();
    }

    boolean matches(ScriptedRequest request) {
        return predicate.test(request);
    }

    /** The answer for this attempt of this distinct request; thread-safe. */
    Reply next(ScriptedRequest request) {
        matchCount.incrementAndGet();
        int attempt =
                attempts.computeIfAbsent(key(request), k -> new AtomicInteger()).getAndIncrement();
        if (attempt < failTimes) {
            return failure;
        }
        int turn = attempt - failTimes;
        Reply reply = turns.get(Math.min(turn, turns.size() - 1));
        if (reply instanceof Reply.Computed computed) {
            Reply resolved = computed.answer().apply(request);
            if (resolved == null || resolved instanceof Reply.Computed) {
                throw new IllegalStateException("the reply function of " + this + " returned no answer (null)");
            }
            return resolved;
        }
        return reply;
    }

    Duration delay() {
        return delay;
    }

    boolean truncateStream() {
        return truncateStream;
    }

    Reply.Error streamError() {
        return streamError;
    }

    int cachedInputTokens() {
        return cachedInputTokens;
    }

    private static String key(ScriptedRequest request) {
        JsonNode body = request.body();
        if (body instanceof ObjectNode object) {
            object.remove(List.of("stream", "stream_options"));
        }
        try {
            return request.endpoint() + " " + CANONICAL.writeValueAsString(CANONICAL.treeToValue(body, Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot canonicalise a parsed body", e);
        }
    }

    @Override
    public String toString() {
        return "ScriptedRule[" + description() + ", " + turns.size() + " answer(s)]";
    }
}
