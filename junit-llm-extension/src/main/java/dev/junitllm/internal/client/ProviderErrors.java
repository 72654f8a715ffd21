package dev.junitllm.internal.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junitllm.LlmProviderException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Turns a provider's error body (OpenAI, Anthropic, or plain text) into an {@link LlmProviderException}. */
public final class ProviderErrors {

    private static final Pattern SPEND_LIMIT = Pattern.compile(
            "insufficient_quota|billing|spend(ing)? limit|usage limit|quota|credit balance", Pattern.CASE_INSENSITIVE);

    private static final java.util.Set<String> BILLING_TYPES =
            java.util.Set.of("insufficient_quota", "billing_error", "billing_hard_limit_reached");

    private ProviderErrors() {}

    /** What an error body says. */
    public record Parsed(String type, String message, String requestId) {}

    /**
     * Reads {@code {"error":{"message","type","code"}}} (OpenAI), {@code {"type":"error","error":{"type",
     * "message"},"request_id"}} (Anthropic), {@code {"error":"text"}} (Ollama) or any text.
     */
    public static Parsed parse(String body) {
        JsonNode root = Json.tryParse(body);
        if (root != null && root.isObject()) {
            JsonNode error = root.get("error");
            String requestId = textOrNull(root.get("request_id"));
            if (error != null && error.isObject()) {
                String type = textOrNull(error.get("code"));
                if (type == null || type.isBlank()) {
                    type = textOrNull(error.get("type"));
                }
                return new Parsed(type, textOrNull(error.get("message")), requestId);
            }
            if (error != null && error.isTextual()) {
                return new Parsed(null, error.asText(), requestId);
            }
            if (root.hasNonNull("message")) {
                return new Parsed(
                        textOrNull(root.get("type")), root.get("message").asText(), requestId);
            }
        }
        String text = body == null ? "" : body.strip();
        return new Parsed(null, text.isEmpty() ? null : abbreviate(text, 500), null);
    }

    /** An error object as it arrives inside a stream ({@code error} event or data with an {@code error} key). */
    static Parsed parse(JsonNode root) {
        return parse(root == null ? null : root.toString());
    }

    /** A 429 that says the account's spend limit or quota is reached: waiting does not help. */
    public static boolean spendLimitReached(int status, Parsed parsed) {
        if (status != 429 && status != 402) {
            return false;
        }
        if (parsed.type() != null && BILLING_TYPES.contains(parsed.type().toLowerCase(Locale.ROOT))) {
            return true;
        }
        String all =
                (parsed.type() == null ? "" : parsed.type()) + " " + (parsed.message() == null ? "" : parsed.message());
        return SPEND_LIMIT.matcher(all).find() && !all.toLowerCase(Locale.ROOT).contains("rate limit");
    }

    public static LlmProviderException httpError(
            Exchange exchange,
            int status,
            String body,
            String headerRequestId,
            int attempts,
            boolean transientFailure) {
        Parsed p = parse(body);
        String requestId = headerRequestId != null ? headerRequestId : p.requestId();
        StringBuilder msg = new StringBuilder()
                .append(exchange.model())
                .append(' ')
                .append(exchange.path())
                .append(" failed with HTTP ")
                .append(status);
        if (p.type() != null) {
            msg.append(" (").append(p.type()).append(')');
        }
        msg.append(": ").append(p.message() == null ? "(no error message in the body)" : p.message());
        if (requestId != null) {
            msg.append(" [request id ").append(requestId).append(']');
        }
        msg.append(attempts > 1 ? " after " + attempts + " attempts" : "").append(hint(status, p));
        return new LlmProviderException(
                msg.toString(), status, p.type(), p.message(), requestId, transientFailure, null);
    }

    private static String hint(int status, Parsed p) {
        if (spendLimitReached(status, p)) {
            return ". The provider account's spend limit or quota is reached; retrying does not help.";
        }
        if (status == 401 || status == 403) {
            return ". Check the API key in the environment.";
        }
        return "";
    }

    static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    /** Compiled once: every call's request and answer summaries pass through {@link #abbreviate}. */
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    public static String abbreviate(String s, int max) {
        String oneLine = WHITESPACE.matcher(s).replaceAll(" ").strip();
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 1) + "…";
    }
}
