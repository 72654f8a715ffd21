package dev.junitllm.internal.redact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from everything that is written: cassette entries, results, attachments and error
 * messages. Redaction is structural: it never runs patterns over free text (prompts, answers, stream
 * events), so a recorded answer that merely talks about {@code Authorization:} is stored unchanged and
 * replays identically.
 *
 * <ul>
 *   <li>The whole value of a JSON field named like a credential ({@code authorization},
 *       {@code proxy-authorization}, {@code x-api-key}, {@code api-key}, {@code api_key}, {@code apikey},
 *       {@code x-goog-api-key}; any case), whatever its scheme ({@code Bearer}, {@code Basic},
 *       {@code Token custom-scheme-…}), becomes {@code [REDACTED]}.
 *   <li>The value of every environment variable named {@code OPENAI_API_KEY}, {@code ANTHROPIC_API_KEY}
 *       or ending in {@code _API_KEY} or {@code _API_TOKEN} becomes {@code [REDACTED:NAME]}, wherever it
 *       occurs, by exact match (values shorter than {@value #MIN_SECRET_LENGTH} characters are ignored:
 *       redacting them would mangle ordinary text).
 *   <li>As a safety net, strings shaped like OpenAI and Anthropic keys ({@code sk-…}, 20+ letters,
 *       digits, {@code _} or {@code -}) become {@code [REDACTED]}; no JSON escaping is involved, so JSON
 *       stays valid.
 * </ul>
 *
 * <p>{@link #redactMessage(String)} is for the text of an exception or a log line, which is never
 * replayed: it also redacts header-shaped lines ({@code Authorization: <credential>}) of an HTTP error
 * echo and key-like URL query parameters.
 *
 * <pre>{@code
 * Redactor redactor = Redactor.fromEnvironment(System.getenv());
 * JsonNode safe = redactor.redact(requestBody);
 * throw new LlmException(redactor.redactMessage("HTTP 401: " + responseText));
 * }</pre>
 */
public final class Redactor {
    /** Secrets shorter than this are not searched for. */
    public static final int MIN_SECRET_LENGTH = 8;

    private static final String REDACTED = "[REDACTED]";
    private static final Set<String> SECRET_FIELDS = Set.of(
            "authorization", "proxy-authorization", "x-api-key", "api-key", "api_key", "apikey", "x-goog-api-key");
    /** A header line of an HTTP echo: optional indentation and quotes, a credential header name, a colon; the value is the rest of the line. */
    private static final Pattern HEADER_LINE = Pattern.compile(
            "(?im)^([ \\t>]*\"?(?:proxy-authorization|authorization|x-api-key|api-key|api_key|x-goog-api-key)\"?[ \\t]*:[ \\t]*)(\\S.*?)[ \\t]*$");
    /** A credential field of a JSON echo inside a message: {@code "authorization": "<anything>"}. */
    private static final Pattern JSON_FIELD = Pattern.compile(
            "(?i)(\"(?:proxy-authorization|authorization|x-api-key|api-key|api_key|apikey|x-goog-api-key)\"\\s*:\\s*\")((?:[^\"\\\\]|\\\\.)*)(\")");
    /** A value that is already redacted, with or without its scheme word and quotes. */
    private static final Pattern ALREADY_REDACTED =
            Pattern.compile("\"?(?:[A-Za-z]+ )?\\[REDACTED(?::[A-Za-z0-9_]+)?]\"?");

    private static final Pattern QUERY = Pattern.compile("(?i)([?&](?:x-api-key|api-key|api_key|key)=)[^&\\s\"#\\\\]+");
    private static final Pattern KEY_SHAPED = Pattern.compile("\\bsk-[A-Za-z0-9_-]{20,}");

    private final List<Map.Entry<String, String>> secrets;

    private Redactor(List<Map.Entry<String, String>> secrets) {
        this.secrets = secrets;
    }

    /** A redactor for the API keys in {@code environment} (usually {@code System.getenv()}). */
    public static Redactor fromEnvironment(Map<String, String> environment) {
        List<Map.Entry<String, String>> secrets = new ArrayList<>();
        environment.forEach((name, value) -> {
            if (isSecretName(name) && value != null && value.strip().length() >= MIN_SECRET_LENGTH) {
                secrets.add(Map.entry(name, value.strip()));
            }
        });
        // the longest first, so that a key containing another key is replaced whole
        secrets.sort(Comparator.comparingInt(
                        (Map.Entry<String, String> e) -> -e.getValue().length())
                .thenComparing(Map.Entry::getKey));
        return new Redactor(List.copyOf(secrets));
    }

    /** A redactor that knows no environment secrets (credential fields and key shapes are still redacted). */
    public static Redactor none() {
        return new Redactor(List.of());
    }

    public static boolean isSecretName(String name) {
        return name.endsWith("_API_KEY") || name.endsWith("_API_TOKEN");
    }

    /**
     * {@code text} with environment key values and key-shaped strings replaced; nothing else changes (a
     * prompt that says "Authorization: or api-key" stays as it is). Null stays null.
     */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (Map.Entry<String, String> secret : secrets) {
            if (result.contains(secret.getValue())) {
                result = result.replace(secret.getValue(), "[REDACTED:" + secret.getKey() + "]");
            }
        }
        return result.contains("sk-") ? KEY_SHAPED.matcher(result).replaceAll(REDACTED) : result;
    }

    /**
     * The text of an exception or log line (e.g. an HTTP error that echoes the request) made safe to
     * show and store: {@link #redact(String)}, plus the whole credential of header-shaped lines ({@code
     * Authorization: Token custom-scheme-…}, {@code x-api-key: …}, any scheme) and key-like URL query
     * parameters ({@code ?key=…}). Only for messages: stored prompts and answers go through {@link
     * #redact(JsonNode)}. Null stays null.
     */
    public String redactMessage(String message) {
        String result = redact(message);
        if (result == null || result.isEmpty()) {
            return result;
        }
        String lower = result.toLowerCase(Locale.ROOT);
        if (lower.contains("authorization") || lower.contains("api-key") || lower.contains("api_key")) {
            result = replaceValue(HEADER_LINE, replaceValue(JSON_FIELD, result));
        }
        return lower.contains("key=") ? replaceValue(QUERY, result) : result;
    }

    /** Replaces each match's value (group 2, else what follows group 1), unless it is already redacted. */
    private static String replaceValue(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        do {
            String value = matcher.groupCount() >= 2
                    ? matcher.group(2)
                    : matcher.group().substring(matcher.group(1).length());
            String rest = matcher.group().substring(matcher.group(1).length() + value.length());
            String replacement = isRedacted(value) ? value : REDACTED;
            matcher.appendReplacement(out, Matcher.quoteReplacement(matcher.group(1) + replacement + rest));
        } while (matcher.find());
        matcher.appendTail(out);
        return out.toString();
    }

    private static boolean isRedacted(String value) {
        return ALREADY_REDACTED.matcher(value).matches();
    }

    /**
     * A redacted copy of {@code node}: the whole value of credential fields (see the class comment; a
     * string, or each string of an array), and {@link #redact(String)} on every other string and field
     * name.
     */
    public JsonNode redact(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            String redacted = redact(node.textValue());
            return redacted.equals(node.textValue()) ? node : JsonNodeFactory.instance.textNode(redacted);
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode value =
                        isSecretField(field.getKey()) ? credential(field.getValue()) : redact(field.getValue());
                copy.set(redact(field.getKey()), value);
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode(node.size());
            node.forEach(element -> copy.add(redact(element)));
            return copy;
        }
        return node;
    }

    /** Whether a JSON field or header of this name holds a credential. */
    public static boolean isSecretField(String name) {
        return SECRET_FIELDS.contains(name.toLowerCase(Locale.ROOT));
    }

    /** The value of a credential field: every string in it replaced whole. */
    private JsonNode credential(JsonNode value) {
        if (value.isTextual()) {
            return isRedacted(value.textValue()) ? value : JsonNodeFactory.instance.textNode(REDACTED);
        }
        if (value.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode(value.size());
            value.forEach(element -> copy.add(credential(element)));
            return copy;
        }
        return redact(value);
    }

    /**
     * The last pass over a whole file's text before it is written: environment secrets and key-shaped
     * strings, whose characters never need JSON escaping, so the JSON stays valid.
     */
    public String redactFileText(String text) {
        String result = text;
        for (Map.Entry<String, String> secret : secrets) {
            result = result.replace(secret.getValue(), "[REDACTED:" + secret.getKey() + "]");
        }
        return result.contains("sk-") ? KEY_SHAPED.matcher(result).replaceAll("[REDACTED]") : result;
    }

    /** Whether {@code text} still holds one of the environment secrets. */
    public boolean leaks(String text) {
        return secrets.stream().anyMatch(s -> text.contains(s.getValue()));
    }
}
