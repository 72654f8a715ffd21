package dev.junitllm.internal.cassette;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junitllm.internal.util.Text;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The canonical form of a request body and the recording key derived from it.
 *
 * <p>Canonical means: object keys sorted recursively, array order kept (message order matters),
 * numbers normalised ({@code 1.0} and {@code 1} are the same temperature) and volatile fields
 * removed. Volatile fields are the ones that SDKs or applications fill with per-run values without
 * changing what the model is asked: see {@link #VOLATILE_TOP_LEVEL} and
 * {@link #VOLATILE_STREAM_OPTIONS}.
 */
final class CanonicalRequest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper COMPACT = new ObjectMapper();

    /**
     * Top-level body fields never part of a key: end-user and tracing identifiers ({@code user},
     * {@code safety_identifier}, {@code metadata}), storage and cache-routing hints ({@code store},
     * {@code prompt_cache_key}). They change per run or per environment without changing the answer.
     */
    static final Set<String> VOLATILE_TOP_LEVEL =
            Set.of("user", "metadata", "store", "safety_identifier", "prompt_cache_key");

    /** Fields inside {@code stream_options} never part of a key (random padding switch). */
    static final Set<String> VOLATILE_STREAM_OPTIONS = Set.of("include_obfuscation");

    /** Length of the hex key kept in cassettes: 64 bits of SHA-256, ample for one class's entries. */
    static final int KEY_HEX_LENGTH = 16;

    private CanonicalRequest() {}

    /** A canonical copy of {@code body}: the input is not modified. */
    static ObjectNode canonicalBody(JsonNode body) {
        ObjectNode canonical = (ObjectNode) canonical(body);
        VOLATILE_TOP_LEVEL.forEach(canonical::remove);
        JsonNode streamOptions = canonical.get("stream_options");
        if (streamOptions instanceof ObjectNode options) {
            VOLATILE_STREAM_OPTIONS.forEach(options::remove);
            if (options.isEmpty()) {
                canonical.remove("stream_options");
            }
        }
        return canonical;
    }

    /**
     * The key of a recording: a short SHA-256 over provider, path, role, sample, occurrence and the
     * compact canonical body. {@code canonicalBody} must already be canonical (and redacted).
     */
    static String key(String provider, String path, String role, int sample, int occurrence, ObjectNode canonicalBody) {
        return key(provider, path, role, sample, occurrence, compact(canonicalBody));
    }

    /** The same, from the compact text of the canonical body (computed once per call). */
    static String key(String provider, String path, String role, int sample, int occurrence, String compactBody) {
        String text = provider + '\n' + path + '\n' + role + '\n' + sample + '\n' + occurrence + '\n' + compactBody;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, KEY_HEX_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    static String compact(JsonNode node) {
        try {
            return COMPACT.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree always serializes", e);
        }
    }

    /**
     * The first place where two canonical bodies differ, as a JSON path with both values, e.g.
     * {@code messages[1].content: "Hi" vs "Hello"}; null when they are equal.
     */
    static String firstDifference(JsonNode recorded, JsonNode requested, String path) {
        if (recorded.equals(requested)) {
            return null;
        }
        if (recorded.isObject() && requested.isObject()) {
            List<String> names = new ArrayList<>();
            recorded.fieldNames().forEachRemaining(names::add);
            requested.fieldNames().forEachRemaining(n -> {
                if (!recorded.has(n)) {
                    names.add(n);
                }
            });
            Collections.sort(names);
            for (String name : names) {
                String child = path.isEmpty() ? name : path + "." + name;
                JsonNode a = recorded.get(name);
                JsonNode b = requested.get(name);
                if (a == null || b == null) {
                    return child + ": " + describe(a) + " recorded vs " + describe(b) + " now";
                }
                String difference = firstDifference(a, b, child);
                if (difference != null) {
                    return difference;
                }
            }
        }
        if (recorded.isArray() && requested.isArray()) {
            int common = Math.min(recorded.size(), requested.size());
            for (int i = 0; i < common; i++) {
                String difference = firstDifference(recorded.get(i), requested.get(i), path + "[" + i + "]");
                if (difference != null) {
                    return difference;
                }
            }
            return path + ": " + recorded.size() + " elements recorded vs " + requested.size() + " now";
        }
        return (path.isEmpty() ? "body" : path) + ": " + describe(recorded) + " recorded vs " + describe(requested)
                + " now";
    }

    private static String describe(JsonNode node) {
        return node == null ? "absent" : Text.abbreviate(compact(node), 60);
    }

    private static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            ObjectNode sorted = NODES.objectNode();
            for (String name : names) {
                sorted.set(name, canonical(node.get(name)));
            }
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode array = NODES.arrayNode(node.size());
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                array.add(canonical(it.next()));
            }
            return array;
        }
        if (node.isNumber()) {
            return normalise(node);
        }
        return node.deepCopy();
    }

    private static JsonNode normalise(JsonNode number) {
        if (number.isIntegralNumber()) {
            return number.canConvertToLong() ? NODES.numberNode(number.longValue()) : number;
        }
        BigDecimal value = number.decimalValue().stripTrailingZeros();
        if (value.scale() <= 0 && value.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0) {
            return NODES.numberNode(value.longValueExact());
        }
        return NODES.numberNode(number.doubleValue());
    }
}
