package dev.junitllm.internal.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junitllm.internal.util.JsonLimits;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/** The one Jackson mapper of the client package. */
final class Json {
    static final ObjectMapper MAPPER = JsonLimits.mapper();

    private Json() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Parses JSON text; null when it is not JSON. */
    static JsonNode tryParse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /**
     * A value as a tree, built node by node for JSON-shaped values (maps, lists, strings, numbers,
     * booleans, null). Not {@code valueToTree}: that goes through databind's {@code TokenBuffer}, which
     * fails with {@code NoSuchMethodError} when an SDK brings an older jackson-core (Spring AI's 2.17)
     * than our jackson-databind. Other objects still go through databind.
     */
    static JsonNode tree(Object value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value == null) {
            return f.nullNode();
        }
        if (value instanceof JsonNode node) {
            return node;
        }
        if (value instanceof CharSequence s) {
            return f.textNode(s.toString());
        }
        if (value instanceof Boolean b) {
            return f.booleanNode(b);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return f.numberNode(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            return f.numberNode(((Number) value).doubleValue());
        }
        if (value instanceof BigDecimal d) {
            return f.numberNode(d);
        }
        if (value instanceof BigInteger i) {
            return f.numberNode(i);
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = f.objectNode();
            map.forEach((k, v) -> object.set(String.valueOf(k), tree(v)));
            return object;
        }
        if (value instanceof Iterable<?> list) {
            ArrayNode array = f.arrayNode();
            list.forEach(v -> array.add(tree(v)));
            return array;
        }
        if (value instanceof Object[] list) {
            ArrayNode array = f.arrayNode();
            for (Object v : list) {
                array.add(tree(v));
            }
            return array;
        }
        return MAPPER.valueToTree(value);
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
