package dev.junitllm.internal.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junitllm.DatasetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Validates a raw row and turns it into a {@link DatasetCase}. */
final class RowMapper {
    private final String dataset;
    private final DatasetFormat format;

    RowMapper(String dataset, DatasetFormat format) {
        this.dataset = dataset;
        this.format = format;
    }

    DatasetCase toCase(RawRow row) {
        int line = row.line();
        ArrayNode turns = turns(row);
        if (turns != null) {
            // a conversation row: its input is its first user message, its turns are stored normalised
            row.fields().set("turns", turns);
            String first = turns.get(0).get("user").asText();
            JsonNode given = row.fields().get("input");
            if (given != null && !given.isNull() && !given.asText().equals(first)) {
                throw DatasetException.at(
                        dataset,
                        line,
                        "field 'input' differs from the first turn's 'user'; leave 'input' out of a row with"
                                + " 'turns' (its input is the first user message)");
            }
            row.fields().put("input", first);
        }
        JsonNode input = row.fields().get("input");
        if (input == null || input.isNull()) {
            throw DatasetException.at(dataset, line, "missing field 'input'");
        }
        if (input.isContainerNode()) {
            throw DatasetException.at(dataset, line, "field 'input' must be text, but was " + Json.kind(input));
        }
        if (input.asText().isBlank()) {
            throw DatasetException.at(dataset, line, "field 'input' is empty");
        }

        DatasetCase.Builder builder = DatasetCase.builder(id(row), input.asText())
                .expected(expected(row))
                .context(list(row, "context"))
                .tags(list(row, "tags"))
                .source(dataset + ":" + line);
        for (Map.Entry<String, JsonNode> field : row.fields().properties()) {
            String text = text(field.getValue());
            // CSV cannot tell an empty cell from a missing one: both count as absent.
            if (text != null && !(format == DatasetFormat.CSV && text.isEmpty())) {
                builder.field(field.getKey(), text);
            }
        }
        return builder.build();
    }

    /**
     * The row's {@code turns} as {@code [{"user": .., "expected": ..}, ..]}; null when it has none. A
     * turn is an object with {@code user} and optionally {@code expected}, or just the user's text.
     */
    private ArrayNode turns(RawRow row) {
        JsonNode node = row.fields().get("turns");
        if (node == null || node.isNull()) {
            return null;
        }
        int line = row.line();
        if (format == DatasetFormat.CSV && node.isTextual()) {
            if (node.asText().isBlank()) {
                return null;
            }
            try {
                node = Json.ONE_VALUE.readTree(node.asText());
            } catch (JsonProcessingException e) {
                throw DatasetException.at(
                        dataset,
                        line,
                        "field 'turns' must be a JSON list in a CSV cell: "
                                + e.getOriginalMessage().lines().findFirst().orElse(""));
            }
        }
        if (!node.isArray()) {
            throw DatasetException.at(
                    dataset,
                    line,
                    "field 'turns' must be a list of turns (each {user: ..., expected: ...} or the user's text),"
                            + " but was " + Json.kind(node));
        }
        if (node.isEmpty()) {
            throw DatasetException.at(dataset, line, "field 'turns' is empty; a conversation needs at least one turn");
        }
        ArrayNode turns = JsonNodeFactory.instance.arrayNode(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String where = "turns item " + (i + 1);
            ObjectNode turn = turns.addObject();
            if (item.isTextual()) {
                if (item.asText().isBlank()) {
                    throw DatasetException.at(dataset, line, where + " is empty");
                }
                turn.put("user", item.asText());
                continue;
            }
            if (!item.isObject()) {
                throw DatasetException.at(
                        dataset,
                        line,
                        where + " must be the user's text or an object with 'user' (and optionally 'expected'),"
                                + " but was " + Json.kind(item));
            }
            for (Map.Entry<String, JsonNode> field : item.properties()) {
                if (!TURN_FIELDS.contains(field.getKey())) {
                    throw DatasetException.at(
                            dataset,
                            line,
                            where + ": unknown field '" + field.getKey() + "' (a turn has 'user' and 'expected')");
                }
                if (!field.getValue().isNull() && !field.getValue().isValueNode()) {
                    throw DatasetException.at(
                            dataset,
                            line,
                            where + ": field '" + field.getKey() + "' must be text, but was "
                                    + Json.kind(field.getValue()));
                }
            }
            JsonNode user = item.get("user");
            if (user == null || user.isNull()) {
                throw DatasetException.at(dataset, line, where + ": missing field 'user'");
            }
            if (user.asText().isBlank()) {
                throw DatasetException.at(dataset, line, where + ": field 'user' is empty");
            }
            turn.put("user", user.asText());
            JsonNode expected = item.get("expected");
            if (expected != null && !expected.isNull()) {
                turn.put("expected", expected.asText());
            }
        }
        return turns;
    }

    private static final java.util.Set<String> TURN_FIELDS = java.util.Set.of("user", "expected");

    private String id(RawRow row) {
        JsonNode id = row.fields().get("id");
        if (id == null || id.isNull() || (id.isValueNode() && id.asText().isBlank())) {
            return "line-" + row.line();
        }
        if (id.isContainerNode()) {
            throw DatasetException.at(
                    dataset, row.line(), "field 'id' must be a string or a number, but was " + Json.kind(id));
        }
        return id.asText();
    }

    private static String expected(RawRow row) {
        String text = text(row.fields().get("expected"));
        return text == null ? "" : text;
    }

    private List<String> list(RawRow row, String name) {
        JsonNode node = row.fields().get(name);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (format == DatasetFormat.CSV && node.isTextual()) {
            return csvList(row.line(), name, node.asText().strip());
        }
        if (!node.isArray()) {
            throw DatasetException.at(
                    dataset, row.line(), "field '" + name + "' must be a list of strings, but was " + Json.kind(node));
        }
        List<String> items = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isValueNode() || item.isNull()) {
                throw DatasetException.at(
                        dataset,
                        row.line(),
                        "field '" + name + "' item " + (i + 1) + " must be a string, but was " + Json.kind(item));
            }
            items.add(item.asText());
        }
        return items;
    }

    /** A CSV cell holding a list: a JSON array of strings, or items separated by '|'. */
    private List<String> csvList(int line, String name, String cell) {
        if (cell.startsWith("[")) {
            JsonNode parsed;
            try {
                parsed = Json.ONE_VALUE.readTree(cell);
            } catch (JsonProcessingException e) {
                throw DatasetException.at(
                        dataset,
                        line,
                        "field '" + name + "' starts with '[' but is not a JSON list: "
                                + e.getOriginalMessage().lines().findFirst().orElse(""));
            }
            ArrayList<String> items = new ArrayList<>();
            for (int i = 0; i < parsed.size(); i++) {
                JsonNode item = parsed.get(i);
                if (!item.isValueNode() || item.isNull()) {
                    throw DatasetException.at(
                            dataset,
                            line,
                            "field '" + name + "' item " + (i + 1) + " must be a string, but was " + Json.kind(item));
                }
                items.add(item.asText());
            }
            return items;
        }
        List<String> items = new ArrayList<>();
        for (String part : cell.split("\\|", -1)) {
            if (!part.isBlank()) {
                items.add(part.strip());
            }
        }
        return items;
    }

    /** A field's text: strings as is, other scalars as their literal, lists and objects as JSON. */
    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        return node.isContainerNode() ? node.toString() : node.asText();
    }
}
