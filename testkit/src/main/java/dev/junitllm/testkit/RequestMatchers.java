package dev.junitllm.testkit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import org.apiguardian.api.API;

/**
 * Ready-made request predicates for {@link ScriptedLlmServer#when(Predicate)}; each describes
 * itself in {@code toString()} so a rule's description says what it matches. Text matching is
 * case-insensitive.
 *
 * <pre>{@code
 * import static dev.junitllm.testkit.RequestMatchers.*;
 *
 * server.when(systemContains("judge").and(userContains("refund"))).replyJson("{\"pass\":true}");
 * server.when(model("claude-haiku-4-5").and(lastMessageRole("tool"))).reply("Your order ships today.");
 * }</pre>
 */
@API(status = EXPERIMENTAL)
public final class RequestMatchers {

    private RequestMatchers() {}

    /** Matches every chat request. */
    public static Predicate<ScriptedRequest> anyRequest() {
        return new Described("any request", request -> true);
    }

    /** The text of the last user message contains {@code text}, ignoring case. */
    public static Predicate<ScriptedRequest> userContains(String text) {
        String needle = lower(text);
        return new Described(
                "last user message contains \"" + text + "\"",
                request -> lower(request.lastUserMessage()).contains(needle));
    }

    /** The system prompt contains {@code text}, ignoring case. */
    public static Predicate<ScriptedRequest> systemContains(String text) {
        String needle = lower(text);
        return new Described(
                "system prompt contains \"" + text + "\"",
                request -> lower(request.system()).contains(needle));
    }

    /** The request's {@code model} equals {@code model} exactly. */
    public static Predicate<ScriptedRequest> model(String model) {
        Objects.requireNonNull(model, "model");
        return new Described(
                "model is \"" + model + "\"", request -> request.model().equals(model));
    }

    /**
     * The last message has {@code role} ({@code user}, {@code assistant}, {@code tool}; see {@link
     * ScriptedRequest#lastMessageRole()}).
     */
    public static Predicate<ScriptedRequest> lastMessageRole(String role) {
        Objects.requireNonNull(role, "role");
        return new Described(
                "last message role is " + role,
                request -> request.lastMessageRole().equals(role));
    }

    /** The request went to {@code endpoint}. */
    public static Predicate<ScriptedRequest> endpoint(ScriptedRequest.Endpoint endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        return new Described("endpoint is " + endpoint, request -> request.endpoint() == endpoint);
    }

    private static String lower(String text) {
        return Objects.requireNonNull(text, "text").toLowerCase(Locale.ROOT);
    }

    /** A predicate that keeps a readable description through {@code and}, {@code or} and {@code negate}. */
    record Described(String description, Predicate<ScriptedRequest> test) implements Predicate<ScriptedRequest> {
        @Override
        public boolean test(ScriptedRequest request) {
            return test.test(request);
        }

        @Override
        public Predicate<ScriptedRequest> and(Predicate<? super ScriptedRequest> other) {
            return new Described(description + " and " + other, request -> test(request) && other.test(request));
        }

        @Override
        public Predicate<ScriptedRequest> or(Predicate<? super ScriptedRequest> other) {
            return new Described(
                    "(" + description + " or " + other + ")", request -> test(request) || other.test(request));
        }

        @Override
        public Predicate<ScriptedRequest> negate() {
            return new Described("not (" + description + ")", request -> !test(request));
        }

        @Override
        public String toString() {
            return description;
        }
    }
}
