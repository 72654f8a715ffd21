package dev.junitllm.internal.cassette;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from everything that is written: cassette entries, temporary files and error
 * messages.
 *
 * <p>It replaces
 *
 * <ul>
 *   <li>the value of every environment variable named {@code OPENAI_API_KEY}, {@code ANTHROPIC_API_KEY}
 *       or ending in {@code _API_KEY} or {@code _API_TOKEN}, wherever it occurs, with
 *       {@code [REDACTED:NAME]} (values shorter than {@value #MIN_SECRET_LENGTH} characters are
 *       ignored: redacting them would mangle ordinary text);
 *   <li>the value of {@code Authorization}, {@code x-api-key} and {@code api-key} headers written as
 *       {@code name: value} or {@code "name": "value"}, and of {@code api-key}, {@code api_key},
 *       {@code x-api-key} and {@code key} query parameters, with {@code [REDACTED]};
 *   <li>strings shaped like OpenAI and Anthropic keys ({@code sk-…}, 20+ characters), with
 *       {@code [REDACTED]}.
 * </ul>
 *
 * <pre>{@code
 * Redactor redactor = Redactor.fromEnvironment(System.getenv());
 * String safe = redactor.redact("Bearer " + System.getenv("OPENAI_API_KEY"));
 * }</pre>
 */
public final class Redactor {
    /** Secrets shorter than this are not searched for. */
    public static final int MIN_SECRET_LENGTH = 8;

    private static final Pattern HEADER = Pattern.compile(
            "(?i)(\"?(?:authorization|x-api-key|api-key)\"?\\s*[:=]\\s*\"?(?:bearer\\s+|basic\\s+)?)[^\\s\",;&\\\\]+");
    private static final Pattern QUERY = Pattern.compile("(?i)([?&](?:x-api-key|api-key|api_key|key)=)[^&\\s\"#\\\\]+");
    private static final Pattern SECRET_FIELD = Pattern.compile("(?i)authorization|x-api-key|api-key|api_key");
    private static final Pattern KEY_SHAPE = Pattern.compile("\\bsk-[A-Za-z0-9_-]{20,}");

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

    /** A redactor that knows no environment secrets (header and key-shape rules still apply). */
    public static Redactor none() {
        return new Redactor(List.of());
    }

    static boolean isSecretName(String name) {
        return name.endsWith("_API_KEY") || name.endsWith("_API_TOKEN");
    }

    /** {@code text} with every secret replaced; null stays null. */
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
        // cheap containment checks first: the regular expressions dominate replay time otherwise
        String lower = result.toLowerCase(Locale.ROOT);
        if (lower.contains("authorization") || lower.contains("api-key")) {
            result = replaceValue(HEADER, result);
        }
        if (lower.contains("key=")) {
            result = replaceValue(QUERY, result);
        }
        return result.contains("sk-") ? KEY_SHAPE.matcher(result).replaceAll("[REDACTED]") : result;
    }

    private static String replaceValue(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        do {
            String value = matcher.group().substring(matcher.group(1).length());
            boolean alreadyRedacted = value.startsWith("[REDACTED");
            matcher.appendReplacement(
                    out, Matcher.quoteReplacement(alreadyRedacted ? matcher.group() : matcher.group(1) + "[REDACTED]"));
        } while (matcher.find());
        matcher.appendTail(out);
        return out.toString();
    }

    /** A redacted deep copy of {@code node}: every string value and field name. */
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
                JsonNode value = field.getValue().isTextual()
                                && SECRET_FIELD.matcher(field.getKey()).matches()
                        ? JsonNodeFactory.instance.textNode("[REDACTED]")
                        : redact(field.getValue());
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

    /**
     * The last pass over a whole file's text before it is written: environment secrets and key-shaped
     * strings, whose characters never need JSON escaping, so the JSON stays valid.
     */
    String redactFileText(String text) {
        String result = text;
        for (Map.Entry<String, String> secret : secrets) {
            result = result.replace(secret.getValue(), "[REDACTED:" + secret.getKey() + "]");
        }
        return result.contains("sk-") ? KEY_SHAPE.matcher(result).replaceAll("[REDACTED]") : result;
    }

    /** Whether {@code text} still holds one of the environment secrets. */
    boolean leaks(String text) {
        return secrets.stream().anyMatch(s -> text.contains(s.getValue()));
    }
}
