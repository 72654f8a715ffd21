package dev.junitllm.testkit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Reads a script file into rules, keeping the line and column of every key so that an error can
 * point at it. The format is documented in {@code docs/scripted-server.md}.
 */
final class ScriptReader {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final List<String> ROOT_KEYS = List.of("rules", "fallback", "comment");
    private static final List<String> ANSWER_KEYS = List.of("reply", "replies", "toolCall", "json", "refusal", "error");
    private static final List<String> MODIFIER_KEYS =
            List.of("delayMillis", "failTimes", "truncateStream", "failMidStream", "cachedInputTokens", "comment");
    private static final List<String> MATCH_KEYS =
            List.of("contains", "systemContains", "model", "lastRole", "provider");

    /** The rules of one script, registered only once all of them were read without error. */
    record Script(List<ScriptedRule> rules, ScriptedRule fallback) {
        void register(Consumer<ScriptedRule> ruleSink, Consumer<ScriptedRule> fallbackSink) {
            rules.forEach(ruleSink);
            if (fallback != null) {
                fallbackSink.accept(fallback);
            }
        }
    }

    private final String source;
    private final Map<JsonNode, JsonLocation> starts = new IdentityHashMap<>();
    private final Map<JsonNode, Map<String, JsonLocation>> keys = new IdentityHashMap<>();
    private final Map<JsonNode, List<JsonLocation>> elements = new IdentityHashMap<>();

    private ScriptReader(String source) {
        this.source = source;
    }

    static Script read(String source, InputStream in, boolean yaml) throws IOException {
        ScriptReader reader = new ScriptReader(source);
        JsonFactory factory = yaml ? new YAMLFactory() : new JsonFactory();
        JsonNode root;
        try (JsonParser parser = factory.createParser(in)) {
            if (parser.nextToken() == null) {
                throw new ScriptException(source, 1, 1, ": the script is empty; expected {\"rules\": [...]}");
            }
            root = reader.readValue(parser);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ScriptException(
                    source,
                    at == null ? 0 : at.getLineNr(),
                    at == null ? 0 : at.getColumnNr(),
                    ": not valid " + (yaml ? "YAML" : "JSON") + ": " + e.getOriginalMessage());
        }
        return reader.script(root);
    }

    // ------------------------------------------------------------ tree with locations

    private JsonNode readValue(JsonParser p) throws IOException {
        JsonLocation at = p.currentTokenLocation();
        JsonToken token = p.currentToken();
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = F.objectNode();
                Map<String, JsonLocation> fieldLocations = new HashMap<>();
                starts.put(object, at);
                keys.put(object, fieldLocations);
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonLocation keyAt = p.currentTokenLocation();
                    if (object.has(name)) {
                        throw new ScriptException(
                                source, keyAt.getLineNr(), keyAt.getColumnNr(), ": duplicate key '" + name + "'");
                    }
                    p.nextToken();
                    object.set(name, readValue(p));
                    fieldLocations.put(name, keyAt);
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = F.arrayNode();
                List<JsonLocation> itemLocations = new ArrayList<>();
                starts.put(array, at);
                elements.put(array, itemLocations);
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    itemLocations.add(p.currentTokenLocation());
                    array.add(readValue(p));
                }
                return array;
            }
            case VALUE_STRING -> {
                return F.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return F.numberNode(p.getBigIntegerValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return F.numberNode(p.getDecimalValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return F.booleanNode(p.getBooleanValue());
            }
            case VALUE_NULL -> {
                return F.nullNode();
            }
            default -> throw new ScriptException(source, at.getLineNr(), at.getColumnNr(), ": unexpected " + token);
        }
    }

    // ------------------------------------------------------------ the script itself

    private Script script(JsonNode root) {
        if (!root.isObject()) {
            throw error(starts.get(root), "", "the script must be an object like {\"rules\": [...]}");
        }
        checkKeys(root, "", ROOT_KEYS);
        JsonNode rules = root.get("rules");
        if (rules == null || !rules.isArray()) {
            throw error(
                    rules == null ? starts.get(root) : keyAt(root, "rules"),
                    "rules",
                    "'rules' must be a list of rules");
        }
        List<ScriptedRule> parsed = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            JsonLocation at = elements.get(rules).get(i);
            parsed.add(rule(rules.get(i), at, "rules[" + i + "]", true));
        }
        ScriptedRule fallback = null;
        if (root.has("fallback")) {
            fallback = rule(root.get("fallback"), keyAt(root, "fallback"), "fallback", false);
        }
        return new Script(parsed, fallback);
    }

    private ScriptedRule rule(JsonNode rule, JsonLocation at, String path, boolean canMatch) {
        if (!rule.isObject()) {
            throw error(
                    at,
                    path,
                    "a rule must be an object with an answer key (one of " + String.join(", ", ANSWER_KEYS) + ")");
        }
        List<String> allowed = new ArrayList<>(ANSWER_KEYS);
        allowed.addAll(MODIFIER_KEYS);
        if (canMatch) {
            allowed.add("match");
        }
        checkKeys(rule, path, allowed);
        List<String> answers = new ArrayList<>();
        for (String key : ANSWER_KEYS) {
            if (rule.has(key)) {
                answers.add(key);
            }
        }
        if (answers.size() != 1) {
            throw error(
                    at,
                    path,
                    answers.isEmpty()
                            ? "a rule needs exactly one answer key: one of " + String.join(", ", ANSWER_KEYS)
                            : "a rule needs exactly one answer key, found " + String.join(" and ", answers));
        }
        Predicate<ScriptedRequest> predicate = rule.has("match")
                ? match(rule.get("match"), keyAt(rule, "match"), path + ".match")
                : RequestMatchers.anyRequest();
        List<ScriptedRule> sink = new ArrayList<>();
        RuleBuilder builder = new RuleBuilder(predicate, sink::add);
        if (rule.has("delayMillis")) {
            builder.delay(Duration.ofMillis(nonNegativeInt(rule, "delayMillis", path)));
        }
        if (rule.has("cachedInputTokens")) {
            builder.cachedInputTokens(nonNegativeInt(rule, "cachedInputTokens", path));
        }
        if (rule.has("truncateStream")) {
            JsonNode value = rule.get("truncateStream");
            if (!value.isBoolean()) {
                throw error(keyAt(rule, "truncateStream"), path + ".truncateStream", "must be true or false");
            }
            if (value.asBoolean()) {
                builder.truncateStream();
            }
        }
        if (rule.has("failMidStream")) {
            JsonNode value = object(rule, "failMidStream", path, List.of("type", "message"));
            builder.failMidStream(
                    text(value, "type", path + ".failMidStream", true),
                    text(value, "message", path + ".failMidStream", true));
        }
        if (rule.has("failTimes")) {
            String at2 = path + ".failTimes";
            JsonNode value = object(rule, "failTimes", path, List.of("count", "status", "retryAfterSeconds"));
            int count = requiredInt(value, "count", at2, 0, Integer.MAX_VALUE);
            int status = requiredInt(value, "status", at2, 400, 599);
            builder.failTimes(count, status, retryAfter(value, at2));
        }
        String answer = answers.get(0);
        JsonNode value = rule.get(answer);
        String answerPath = path + "." + answer;
        JsonLocation answerAt = keyAt(rule, answer);
        List<Reply> turns = new ArrayList<>();
        switch (answer) {
            case "reply" -> turns.add(new Reply.Text(requireText(value, answerAt, answerPath)));
            case "replies" -> {
                if (!value.isArray() || value.isEmpty()) {
                    throw error(answerAt, answerPath, "must be a non-empty list of strings");
                }
                for (int i = 0; i < value.size(); i++) {
                    turns.add(new Reply.Text(
                            requireText(value.get(i), elements.get(value).get(i), answerPath + "[" + i + "]")));
                }
            }
            case "refusal" -> turns.add(new Reply.Refusal(requireText(value, answerAt, answerPath)));
            case "json" -> turns.add(new Reply.Json(value));
            case "toolCall" -> {
                JsonNode call = object(rule, "toolCall", path, List.of("name", "arguments"));
                String name = text(call, "name", answerPath, true);
                JsonNode arguments = call.get("arguments");
                if (arguments == null) {
                    arguments = F.objectNode();
                } else if (arguments.isTextual()) {
                    try {
                        arguments = ScriptedLlmServer.JSON.readTree(arguments.asText());
                    } catch (JsonProcessingException e) {
                        throw error(
                                keyAt(call, "arguments"),
                                answerPath + ".arguments",
                                "is not valid JSON: " + e.getOriginalMessage());
                    }
                }
                if (arguments == null || !arguments.isObject()) {
                    throw error(
                            keyAt(call, "arguments"),
                            answerPath + ".arguments",
                            "must be a JSON object (or a string holding one)");
                }
                turns.add(new Reply.ToolCall(name, arguments));
            }
            case "error" -> {
                JsonNode error = object(rule, "error", path, List.of("status", "type", "message", "retryAfterSeconds"));
                int status = requiredInt(error, "status", answerPath, 400, 599);
                turns.add(RuleBuilder.error(
                        status,
                        text(error, "type", answerPath, false),
                        text(error, "message", answerPath, false),
                        retryAfter(error, answerPath)));
            }
            default -> throw new IllegalStateException(answer);
        }
        builder.register(turns);
        return sink.get(0);
    }

    private Predicate<ScriptedRequest> match(JsonNode match, JsonLocation at, String path) {
        if (!match.isObject()) {
            throw error(at, path, "must be an object with any of: " + String.join(", ", MATCH_KEYS));
        }
        checkKeys(match, path, MATCH_KEYS);
        Predicate<ScriptedRequest> predicate = null;
        for (Iterator<String> names = match.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            String value = text(match, key, path, true);
            Predicate<ScriptedRequest> next = switch (key) {
                case "contains" -> RequestMatchers.userContains(value);
                case "systemContains" -> RequestMatchers.systemContains(value);
                case "model" -> RequestMatchers.model(value);
                case "lastRole" -> RequestMatchers.lastMessageRole(value);
                case "provider" ->
                    switch (value) {
                        case "openai" -> RequestMatchers.endpoint(ScriptedRequest.Endpoint.OPENAI_CHAT_COMPLETIONS);
                        case "anthropic" -> RequestMatchers.endpoint(ScriptedRequest.Endpoint.ANTHROPIC_MESSAGES);
                        default ->
                            throw error(
                                    keyAt(match, key),
                                    path + ".provider",
                                    "must be 'openai' or 'anthropic', got '" + value + "'");
                    };
                default -> throw new IllegalStateException(key);
            };
            predicate = predicate == null ? next : predicate.and(next);
        }
        return predicate == null ? RequestMatchers.anyRequest() : predicate;
    }

    // ------------------------------------------------------------ helpers

    private void checkKeys(JsonNode object, String path, List<String> allowed) {
        Set<String> allowedSet = Set.copyOf(allowed);
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowedSet.contains(name)) {
                throw error(
                        keyAt(object, name),
                        path,
                        "unknown key '" + name + "'; allowed: " + String.join(", ", allowed));
            }
        }
    }

    private JsonNode object(JsonNode parent, String key, String path, List<String> allowed) {
        JsonNode value = parent.get(key);
        if (!value.isObject()) {
            throw error(
                    keyAt(parent, key), path + "." + key, "must be an object with keys " + String.join(", ", allowed));
        }
        checkKeys(value, path + "." + key, allowed);
        return value;
    }

    private String text(JsonNode parent, String key, String path, boolean required) {
        JsonNode value = parent.get(key);
        if (value == null) {
            if (required) {
                throw error(starts.get(parent), path, "missing key '" + key + "'");
            }
            return null;
        }
        return requireText(value, keyAt(parent, key), path + "." + key);
    }

    private String requireText(JsonNode value, JsonLocation at, String path) {
        if (!value.isTextual()) {
            throw error(
                    at,
                    path,
                    "must be a string, got " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        return value.asText();
    }

    private int requiredInt(JsonNode parent, String key, String path, int min, int max) {
        JsonNode value = parent.get(key);
        if (value == null) {
            throw error(starts.get(parent), path, "missing key '" + key + "'");
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < min || value.asInt() > max) {
            throw error(
                    keyAt(parent, key),
                    path + "." + key,
                    "must be an integer in " + min + ".." + max + ", got " + value);
        }
        return value.asInt();
    }

    private int nonNegativeInt(JsonNode parent, String key, String path) {
        return requiredInt(parent, key, path, 0, Integer.MAX_VALUE);
    }

    private Duration retryAfter(JsonNode parent, String path) {
        JsonNode value = parent.get("retryAfterSeconds");
        if (value == null) {
            return null;
        }
        if (!value.isNumber() || value.asDouble() < 0) {
            throw error(
                    keyAt(parent, "retryAfterSeconds"),
                    path + ".retryAfterSeconds",
                    "must be a number of seconds >= 0, got " + value);
        }
        return Duration.ofMillis(Math.round(value.asDouble() * 1000));
    }

    private JsonLocation keyAt(JsonNode parent, String key) {
        return keys.get(parent).get(key);
    }

    private ScriptException error(JsonLocation at, String path, String message) {
        return new ScriptException(
                source,
                at == null ? 0 : at.getLineNr(),
                at == null ? 0 : at.getColumnNr(),
                (path.isEmpty() ? "" : "(" + path + ")") + ": " + message);
    }
}
