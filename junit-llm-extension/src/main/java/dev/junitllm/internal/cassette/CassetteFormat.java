package dev.junitllm.internal.cassette;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junitllm.internal.client.SseEvent;
import dev.junitllm.internal.util.JsonLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads and writes cassette files: pretty JSON with stable field order, stream event data kept as
 * JSON when it is JSON, no base64. Reading checks the shape and reports problems by line and column.
 *
 * <pre>{@code
 * {
 *   "version": 1,
 *   "testClass": "dev.example.RefundTest",
 *   "entries": [
 *     { "key": "3f9a…", "test": "dev.example.RefundTest#refunds[refund-03]", "role": "model",
 *       "sample": 0, "occurrence": 0, "provider": "openai", "path": "/chat/completions",
 *       "model": "gpt-4o-mini", "providerModel": "gpt-4o-mini-2024-07-18",
 *       "recordedAt": "2026-11-27T14:00:00Z", "latencyMs": 812,
 *       "request": { … }, "response": { "status": 200, "body": { … } } }
 *   ]
 * }
 * }</pre>
 */
final class CassetteFormat {
    static final int VERSION = 1;

    private static final StreamReadConstraints LIMITS = JsonLimits.CONSTRAINTS;
    private static final ObjectMapper MAPPER = JsonLimits.mapper();
    /** Reading a file: the same limits, and a key twice in one object (a bad merge) is an error. */
    private static final ObjectMapper READER = JsonLimits.strictMapper();

    private static final JsonFactory FACTORY = READER.getFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CassetteFormat() {}

    // ---------------------------------------------------------------- reading

    /**
     * The entries of {@code file}, keys recomputed from the stored requests (so a hand-edited request
     * or a newly volatile field still matches).
     *
     * @throws CorruptCassetteException with the path, line and column of the problem
     * @throws IOException when the file cannot be read at all
     */
    static List<CassetteEntry> read(Path file, String recordCommand) throws IOException {
        List<CassetteEntry> entries = new ArrayList<>();
        // bytes, not a Reader: Jackson's own UTF-8 decoding reports invalid bytes with their line and column
        try (InputStream in = Files.newInputStream(file);
                JsonParser parser = FACTORY.createParser(in)) {
            try {
                readInto(entries, parser, file, recordCommand);
            } catch (JsonProcessingException e) {
                throw unreadable(file, parser, e, recordCommand);
            }
        }
        return entries;
    }

    private static void readInto(List<CassetteEntry> entries, JsonParser parser, Path file, String recordCommand)
            throws IOException {
        Map<String, JsonLocation> seen = new HashMap<>();
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw corrupt(file, parser.currentLocation(), "the file is empty", recordCommand, null);
        }
        if (first != JsonToken.START_OBJECT) {
            throw corrupt(
                    file, parser.currentTokenLocation(), "expected a JSON object at the top", recordCommand, null);
        }
        boolean sawVersion = false;
        boolean sawEntries = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            JsonLocation at = parser.currentTokenLocation();
            switch (field) {
                case "version" -> {
                    if (value != JsonToken.VALUE_NUMBER_INT || parser.getIntValue() != VERSION) {
                        throw corrupt(
                                file,
                                at,
                                "unsupported \"version\" " + parser.getText() + " (this junit-llm reads version "
                                        + VERSION + ")",
                                recordCommand,
                                null);
                    }
                    sawVersion = true;
                }
                case "entries" -> {
                    if (value != JsonToken.START_ARRAY) {
                        throw corrupt(file, at, "\"entries\" must be an array", recordCommand, null);
                    }
                    int index = 0;
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        JsonLocation start = parser.currentTokenLocation();
                        if (parser.currentToken() != JsonToken.START_OBJECT) {
                            throw corrupt(file, start, "entries[" + index + "] must be an object", recordCommand, null);
                        }
                        JsonNode tree = READER.readTree(parser);
                        CassetteEntry entry;
                        try {
                            entry = entry(tree);
                        } catch (IllegalArgumentException e) {
                            throw corrupt(
                                    file, start, "entries[" + index + "]: " + e.getMessage(), recordCommand, null);
                        }
                        JsonLocation earlier = seen.putIfAbsent(entry.id(), start);
                        if (earlier != null) {
                            throw corrupt(
                                    file,
                                    start,
                                    "entries[" + index + "] records the same request as the entry at line "
                                            + earlier.getLineNr() + " (a merge gone wrong?)",
                                    recordCommand,
                                    null);
                        }
                        entries.add(entry);
                        index++;
                    }
                    sawEntries = true;
                }
                default -> parser.skipChildren(); // tolerated: added by a newer minor version or by hand
            }
        }
        if (parser.currentToken() != JsonToken.END_OBJECT) {
            throw corrupt(file, parser.currentTokenLocation(), "expected a field name", recordCommand, null);
        }
        if (parser.nextToken() != null) {
            throw corrupt(
                    file,
                    parser.currentTokenLocation(),
                    "unexpected content after the cassette object",
                    recordCommand,
                    null);
        }
        if (!sawVersion || !sawEntries) {
            throw corrupt(
                    file,
                    parser.currentLocation(),
                    "missing " + (sawVersion ? "\"entries\"" : "\"version\"") + " at the top level",
                    recordCommand,
                    null);
        }
    }

    /** A parse error in words a user can act on: where, what, and for invalid bytes or limits, why. */
    private static CorruptCassetteException unreadable(
            Path file, JsonParser parser, JsonProcessingException e, String recordCommand) {
        JsonLocation at = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
        String detail = e.getOriginalMessage();
        String problem;
        if (e instanceof StreamConstraintsException) {
            problem = String.format(
                    Locale.ROOT,
                    "a value is beyond the reading limits (junit-llm reads cassettes with strings up to %,d"
                            + " characters, names up to %,d characters, numbers up to %,d digits and nesting depth up"
                            + " to %,d): %s",
                    LIMITS.getMaxStringLength(),
                    LIMITS.getMaxNameLength(),
                    LIMITS.getMaxNumberLength(),
                    LIMITS.getMaxNestingDepth(),
                    detail);
        } else if (detail != null && detail.startsWith("Duplicate field '")) {
            String name = detail.substring("Duplicate field '".length(), detail.lastIndexOf('\''));
            problem = "duplicate key \"" + name + "\" in one object (a merge gone wrong?)";
        } else if (detail != null && detail.contains("Invalid UTF-8")) {
            problem = "not valid UTF-8 (" + detail.strip() + ", at byte offset " + at.getByteOffset()
                    + "); cassettes are written as UTF-8: save it as UTF-8 (or restore it from version control)";
        } else {
            problem = "not valid JSON: " + detail;
        }
        return corrupt(file, at, problem, recordCommand, e);
    }

    private static CorruptCassetteException corrupt(
            Path file, JsonLocation at, String problem, String recordCommand, Throwable cause) {
        String where = at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
        String message = "Corrupted cassette [" + file + where + "]: " + problem
                + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
                + ". It is left untouched: fix it (e.g. resolve a merge), or delete it and re-record with: "
                + recordCommand;
        return cause == null ? new CorruptCassetteException(message) : new CorruptCassetteException(message, cause);
    }

    private static CassetteEntry entry(JsonNode node) {
        String owner = text(node, "test");
        String role = text(node, "role");
        if (!role.equals("model") && !role.equals("judge")) {
            throw new IllegalArgumentException("\"role\" must be \"model\" or \"judge\", was \"" + role + "\"");
        }
        int sample = natural(node, "sample");
        int occurrence = natural(node, "occurrence");
        String provider = text(node, "provider");
        String path = text(node, "path");
        String model = text(node, "model");
        String providerModel = optionalText(node, "providerModel");
        Instant recordedAt = null;
        String recorded = optionalText(node, "recordedAt");
        if (recorded != null) {
            try {
                recordedAt = Instant.parse(recorded);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(
                        "\"recordedAt\" must be an ISO-8601 instant, was \"" + recorded + "\"");
            }
        }
        long latencyMs = node.has("latencyMs") ? natural(node, "latencyMs") : 0;
        Long ttftMs = node.hasNonNull("ttftMs") ? (long) natural(node, "ttftMs") : null;
        JsonNode request = node.get("request");
        if (request == null || !request.isObject()) {
            throw new IllegalArgumentException("missing object field \"request\"");
        }
        ObjectNode canonical = CanonicalRequest.canonicalBody(request);
        String key = CanonicalRequest.key(provider, path, role, sample, occurrence, canonical);

        JsonNode response = node.get("response");
        JsonNode stream = node.get("stream");
        if ((response == null) == (stream == null)) {
            throw new IllegalArgumentException("needs exactly one of \"response\" and \"stream\"");
        }
        int status = 200;
        JsonNode body = null;
        List<SseEvent> events = null;
        if (response != null) {
            if (!response.isObject() || !response.path("status").isInt()) {
                throw new IllegalArgumentException("\"response\" must be an object with an integer \"status\"");
            }
            status = response.get("status").intValue();
            body = response.get("body");
        } else {
            events = events(stream);
        }
        return new CassetteEntry(
                key,
                owner,
                role,
                sample,
                occurrence,
                provider,
                path,
                model,
                providerModel,
                recordedAt,
                latencyMs,
                ttftMs,
                canonical,
                status,
                body,
                events);
    }

    private static List<SseEvent> events(JsonNode stream) {
        if (!stream.isArray()) {
            throw new IllegalArgumentException("\"stream\" must be an array of events");
        }
        List<SseEvent> events = new ArrayList<>(stream.size());
        for (int i = 0; i < stream.size(); i++) {
            JsonNode event = stream.get(i);
            if (!event.isObject() || !event.has("data") || event.get("data").isNull()) {
                throw new IllegalArgumentException("stream[" + i + "] must be an object with \"data\"");
            }
            JsonNode data = event.get("data");
            String name = event.hasNonNull("event") ? event.get("event").asText() : null;
            events.add(new SseEvent(name, data.isTextual() ? data.textValue() : CanonicalRequest.compact(data)));
        }
        return events;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("missing string field \"" + field + "\"");
        }
        return value.textValue();
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a string");
        }
        return value.textValue();
    }

    private static int natural(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isInt() || value.intValue() < 0) {
            throw new IllegalArgumentException("\"" + field + "\" must be a whole number >= 0");
        }
        return value.intValue();
    }

    // ---------------------------------------------------------------- writing

    /** The file text for {@code entries}, which must already be redacted and sorted. */
    static String write(String testClass, List<CassetteEntry> entries) {
        ObjectNode root = NODES.objectNode();
        root.put("version", VERSION);
        root.put("testClass", testClass);
        ArrayNode array = root.putArray("entries");
        entries.forEach(e -> array.add(toJson(e)));
        StringBuilder out = new StringBuilder(4096 + entries.size() * 1024);
        print(root, 0, out);
        return out.append('\n').toString();
    }

    private static ObjectNode toJson(CassetteEntry e) {
        ObjectNode node = NODES.objectNode();
        node.put("key", e.key());
        node.put("test", e.owner());
        node.put("role", e.role());
        node.put("sample", e.sample());
        node.put("occurrence", e.occurrence());
        node.put("provider", e.provider());
        node.put("path", e.path());
        node.put("model", e.model());
        if (e.providerModel() != null) {
            node.put("providerModel", e.providerModel());
        }
        if (e.recordedAt() != null) {
            node.put("recordedAt", e.recordedAt().toString());
        }
        node.put("latencyMs", e.latencyMs());
        if (e.ttftMs() != null) {
            node.put("ttftMs", e.ttftMs());
        }
        node.set("request", e.request());
        if (e.streaming()) {
            ArrayNode stream = node.putArray("stream");
            for (SseEvent event : e.events()) {
                ObjectNode item = stream.addObject();
                if (event.event() != null) {
                    item.put("event", event.event());
                }
                item.set("data", eventData(event.data()));
            }
        } else {
            ObjectNode response = node.putObject("response");
            response.put("status", e.status());
            response.set("body", e.body() == null ? NODES.nullNode() : e.body());
        }
        return node;
    }

    /** JSON objects and arrays stay JSON (readable, diffable); anything else, e.g. {@code [DONE]}, a string. */
    static JsonNode eventData(String data) {
        String trimmed = data.strip();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try {
                JsonNode parsed = MAPPER.readTree(trimmed);
                if (parsed != null && parsed.isContainerNode()) {
                    return parsed;
                }
            } catch (JsonProcessingException notJson) {
                // kept as the string it is
            }
        }
        return NODES.textNode(data);
    }

    /**
     * Two-space indentation, one field per line (stream events one per line); arrays of scalars (embeddings, stop lists) on one line
     * so that a 1,536-number vector is one line in a diff, not 1,536.
     */
    private static void print(JsonNode node, int depth, StringBuilder out) {
        if (node.isObject()) {
            if (node.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append("{\n");
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                indent(depth + 1, out);
                out.append(CanonicalRequest.compact(NODES.textNode(field.getKey())))
                        .append(": ");
                if (field.getKey().equals("stream") && field.getValue().isArray() && depth == 2) {
                    printOneLinePerElement(field.getValue(), depth + 1, out);
                } else {
                    print(field.getValue(), depth + 1, out);
                }
                out.append(fields.hasNext() ? ",\n" : "\n");
            }
            indent(depth, out);
            out.append('}');
        } else if (node.isArray()) {
            boolean scalars = true;
            for (JsonNode element : node) {
                scalars &= element.isValueNode();
            }
            if (node.isEmpty() || scalars) {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    out.append(i == 0 ? "" : ", ").append(CanonicalRequest.compact(node.get(i)));
                }
                out.append(']');
                return;
            }
            out.append("[\n");
            for (int i = 0; i < node.size(); i++) {
                indent(depth + 1, out);
                print(node.get(i), depth + 1, out);
                out.append(i < node.size() - 1 ? ",\n" : "\n");
            }
            indent(depth, out);
            out.append(']');
        } else {
            out.append(CanonicalRequest.compact(node));
        }
    }

    /** A stream: one event per line, so a 300-token answer is 300 lines that diff line by line. */
    private static void printOneLinePerElement(JsonNode array, int depth, StringBuilder out) {
        if (array.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append("[\n");
        for (int i = 0; i < array.size(); i++) {
            indent(depth + 1, out);
            out.append(CanonicalRequest.compact(array.get(i)));
            out.append(i < array.size() - 1 ? ",\n" : "\n");
        }
        indent(depth, out);
        out.append(']');
    }

    private static void indent(int depth, StringBuilder out) {
        out.append("  ".repeat(depth));
    }
}
