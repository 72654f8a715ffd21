package dev.junitllm.internal.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
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
