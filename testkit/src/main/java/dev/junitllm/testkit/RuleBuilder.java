package dev.junitllm.testkit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apiguardian.api.API;

/**
 * Builds one rule of a {@link ScriptedLlmServer}: optional modifiers ({@link #delay}, {@link
 * #failTimes}, {@link #truncateStream}, {@link #failMidStream}, {@link #cachedInputTokens}) followed
 * by exactly one terminal method ({@code reply…}, {@link #refuse}, {@link #fail}) that registers the
 * rule and returns it. Rules are tried in the order they were registered; the first match answers.
 *
 * <pre>{@code
 * server.whenUserContains("weather")
 *     .delay(Duration.ofMillis(200))
 *     .failTimes(2, 429, Duration.ofSeconds(1))   // two rate-limit errors with Retry-After: 1 ...
 *     .replyWithToolCall("get_weather", "{\"city\":\"Paris\"}");   // ... then the tool call
 * }</pre>
 *
 * <p>Not thread-safe itself (build a rule on one thread); the registered {@link ScriptedRule} is.
 */
@API(status = EXPERIMENTAL)
public final class RuleBuilder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Predicate<ScriptedRequest> predicate;
    private final Consumer<ScriptedRule> sink;
    private Duration delay = Duration.ZERO;
    private int failTimes;
    private Reply.Error failure;
    private boolean truncateStream;
    private Reply.Error streamError;
    private int cachedInputTokens;
    private boolean registered;

    RuleBuilder(Predicate<ScriptedRequest> predicate, Consumer<ScriptedRule> sink) {
        this.predicate = Objects.requireNonNull(predicate, "predicate");
        this.sink = sink;
    }

    /** Waits this long before answering (failures included), e.g. to exercise timeouts or concurrency. */
    public RuleBuilder delay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
        this.delay = delay;
        return this;
    }

    /**
     * Answers the first {@code times} attempts of each distinct request with an HTTP {@code status}
     * error in the provider's shape (its usual error type and message for that status), then with the
     * terminal reply.
     */
    public RuleBuilder failTimes(int times, int status) {
        return failTimes(times, status, null);
    }

    /**
     * As {@link #failTimes(int, int)}, the errors carrying {@code retry-after} (whole seconds, rounded
     * up) and {@code retry-after-ms} headers.
     */
    public RuleBuilder failTimes(int times, int status, Duration retryAfter) {
        if (times < 0) {
            throw new IllegalArgumentException("times must not be negative: " + times);
        }
        this.failTimes = times;
        this.failure = error(status, null, null, retryAfter);
        return this;
    }

    /**
     * For streaming requests: sends the content events but not the terminal ones (no {@code
     * finish_reason} chunk, usage chunk or {@code [DONE]}; no {@code content_block_stop}, {@code
     * message_delta} or {@code message_stop}), then closes the connection. A non-streaming request
     * gets half of its body and a closed connection.
     */
    public RuleBuilder truncateStream() {
        this.truncateStream = true;
        return this;
    }

    /**
     * For streaming requests: sends half of the content events, then an error event in the provider's
     * shape ({@code data: {"error":…}} or {@code event: error}) and closes the stream. Non-streaming
     * requests are unaffected.
     */
    public RuleBuilder failMidStream(String errorType, String message) {
        this.streamError =
                new Reply.Error(200, Objects.requireNonNull(errorType), Objects.requireNonNull(message), null);
        return this;
    }

    /**
     * Reports this many prompt tokens as read from the prompt cache: OpenAI's {@code
     * prompt_tokens_details.cached_tokens} (capped at {@code prompt_tokens}, of which it is a part) or
     * Anthropic's {@code cache_read_input_tokens} (in addition to {@code input_tokens}).
     */
    public RuleBuilder cachedInputTokens(int tokens) {
        if (tokens < 0) {
            throw new IllegalArgumentException("cached tokens must not be negative: " + tokens);
        }
        this.cachedInputTokens = tokens;
        return this;
    }

    /** Answers every matching request with {@code text}. */
    public ScriptedRule reply(String text) {
        return register(List.of(new Reply.Text(Objects.requireNonNull(text, "text"))));
    }

    /**
     * Answers successive attempts of each distinct request with {@code texts} in order; once they run
     * out the last one repeats (as Mockito's {@code thenReturn(a, b, c)}). Five samples of one prompt
     * thus get five different answers when five are given.
     */
    public ScriptedRule replyInTurn(String... texts) {
        if (texts.length == 0) {
            throw new IllegalArgumentException("replyInTurn needs at least one answer");
        }
        List<Reply> turns = new ArrayList<>();
        for (String text : texts) {
            turns.add(new Reply.Text(Objects.requireNonNull(text, "answer")));
        }
        return register(turns);
    }

    /**
     * Answers each matching request with the text that {@code answer} computes from it: a scripted
     * model or judge that decides from the content (the question, the system prompt, a tool result, the
     * answer a judge is shown) instead of a fixed text. The function runs on the server's threads and
     * may be called concurrently; if it throws, the request gets an HTTP 500 naming the exception.
     *
     * <pre>{@code
     * server.whenSystemContains("meticulous evaluator").reply(request ->
     *     request.lastUserMessage().contains("14 days")
     *         ? "{\"critique\":\"States 14 days; the policy says 30.\",\"verdict\":\"fail\"}"
     *         : "{\"critique\":\"States the 30-day window.\",\"verdict\":\"pass\"}");
     * }</pre>
     */
    public ScriptedRule reply(Function<ScriptedRequest, String> answer) {
        return register(List.of(computedText(answer)));
    }

    /**
     * As {@link #replyInTurn(String...)} with computed answers: the n-th identical request is answered
     * by the n-th function (the last one repeats), so samples of one prompt can differ while each
     * still depends on the request.
     */
    public ScriptedRule replyInTurn(List<? extends Function<ScriptedRequest, String>> answers) {
        if (answers.isEmpty()) {
            throw new IllegalArgumentException("replyInTurn needs at least one answer");
        }
        List<Reply> turns = new ArrayList<>();
        for (Function<ScriptedRequest, String> answer : answers) {
            turns.add(computedText(answer));
        }
        return register(turns);
    }

    /**
     * As {@link #replyWithToolCall(String, String)} with arguments computed from each request, e.g. the
     * order id found in the user's message.
     *
     * <pre>{@code
     * server.when(lastMessageRole("user")).replyWithToolCall("lookup_order", request ->
     *     "{\"order_id\":\"" + orderId(request.lastUserMessage()) + "\"}");
     * }</pre>
     */
    public ScriptedRule replyWithToolCall(String name, Function<ScriptedRequest, String> jsonArguments) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(jsonArguments, "jsonArguments");
        return register(List.of(new Reply.Computed(request -> {
            String computed = jsonArguments.apply(request);
            JsonNode arguments = parse(computed, "tool call arguments");
            if (!arguments.isObject()) {
                throw new IllegalArgumentException("tool call arguments must be a JSON object, got: " + computed);
            }
            return new Reply.ToolCall(name, arguments);
        })));
    }

    private static Reply computedText(Function<ScriptedRequest, String> answer) {
        Objects.requireNonNull(answer, "answer");
        return new Reply.Computed(request -> {
            String text = answer.apply(request);
            return text == null ? null : new Reply.Text(text);
        });
    }

    /**
     * Answers with one call of the tool {@code name}: OpenAI {@code tool_calls} with {@code
     * finish_reason: tool_calls}, Anthropic a {@code tool_use} block with {@code stop_reason:
     * tool_use}.
     *
     * @param jsonArguments a JSON object, e.g. {@code {"city":"Paris"}}
     * @throws IllegalArgumentException when {@code jsonArguments} is not a JSON object
     */
    public ScriptedRule replyWithToolCall(String name, String jsonArguments) {
        JsonNode arguments = parse(jsonArguments, "tool call arguments");
        if (!arguments.isObject()) {
            throw new IllegalArgumentException("tool call arguments must be a JSON object, got: " + jsonArguments);
        }
        return register(List.of(new Reply.ToolCall(Objects.requireNonNull(name, "name"), arguments)));
    }

    /**
     * Answers with structured output: the JSON as the message text; for an Anthropic request that
     * forces a tool ({@code tool_choice: {"type":"tool","name":…}}) as that tool's {@code input}.
     *
     * @throws IllegalArgumentException when {@code json} is not valid JSON
     */
    public ScriptedRule replyJson(String json) {
        return register(List.of(new Reply.Json(parse(json, "replyJson"))));
    }

    /** As {@link #replyJson(String)}, serialising {@code value} (a map, record, list…) with Jackson. */
    public ScriptedRule replyJson(Object value) {
        return register(List.of(new Reply.Json(JSON.valueToTree(value))));
    }

    /**
     * Refuses: OpenAI {@code message.refusal} (content null, {@code finish_reason: stop}), Anthropic a
     * text block with {@code stop_reason: refusal}.
     */
    public ScriptedRule refuse(String refusal) {
        return register(List.of(new Reply.Refusal(Objects.requireNonNull(refusal, "refusal"))));
    }

    /**
     * Answers with an HTTP error in the provider's shape: OpenAI {@code {"error":{"message","type",
     * "param","code"}}}, Anthropic {@code {"type":"error","error":{"type","message"},"request_id"}}.
     */
    public ScriptedRule fail(int status, String errorType, String message) {
        return fail(status, errorType, message, null);
    }

    /** As {@link #fail(int, String, String)} with {@code retry-after} and {@code retry-after-ms} headers. */
    public ScriptedRule fail(int status, String errorType, String message, Duration retryAfter) {
        return register(
                List.of(error(status, Objects.requireNonNull(errorType), Objects.requireNonNull(message), retryAfter)));
    }

    static Reply.Error error(int status, String type, String message, Duration retryAfter) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an error status must be 4xx or 5xx, got " + status);
        }
        if (retryAfter != null && retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative: " + retryAfter);
        }
        return new Reply.Error(status, type, message, retryAfter);
    }

    ScriptedRule register(List<Reply> turns) {
        if (registered) {
            throw new IllegalStateException("this rule already has its reply; start a new one with when(...)");
        }
        registered = true;
        ScriptedRule rule = new ScriptedRule(
                predicate, turns, delay, failTimes, failure, truncateStream, streamError, cachedInputTokens);
        sink.accept(rule);
        return rule;
    }

    private static JsonNode parse(String json, String what) {
        try {
            JsonNode node = JSON.readTree(Objects.requireNonNull(json, what));
            if (node.isMissingNode()) {
                throw new IllegalArgumentException(what + " is empty; expected JSON");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
