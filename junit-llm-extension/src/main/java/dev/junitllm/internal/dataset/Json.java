package dev.junitllm.internal.dataset;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.junitllm.DatasetException;
import dev.junitllm.internal.util.JsonLimits;
import java.util.Locale;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** The shared, thread-safe Jackson objects of this package and the error texts built from Jackson's. */
final class Json {
    private Json() {}

    private static final Pattern START_MARKER = Pattern.compile("\\s*\\(start marker at \\[Source:[^\\]]*\\]\\)");

    static final StreamReadConstraints LIMITS = JsonLimits.CONSTRAINTS;

    static final ObjectMapper MAPPER = JsonLimits.strictMapper();

    /** Reads exactly one JSON value; anything after it on the line is an error. */
    static final ObjectReader ONE_VALUE =
            MAPPER.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** "an object", "a list", "a string", ...: for messages about wrong types. */
    static String kind(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "null";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        return "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** A value beyond {@link #LIMITS}, at {@code line}: what the limits are and what Jackson found. */
    static DatasetException beyondLimits(String dataset, int line, StreamConstraintsException e) {
        return new DatasetException(
                dataset,
                line,
                0,
                String.format(
                        Locale.ROOT,
                        "a value is beyond the reading limits (junit-llm reads datasets with strings up to %,d"
                                + " characters, numbers up to %,d digits and nesting depth up to %,d): %s",
                        LIMITS.getMaxStringLength(),
                        LIMITS.getMaxNumberLength(),
                        LIMITS.getMaxNestingDepth(),
                        e.getOriginalMessage()),
                e);
    }

    /**
     * A parse error at its line (counted from {@code firstLine}) and column: Jackson's own message
     * without its location suffix, first line only (YAML messages add a snippet below).
     */
    static DatasetException malformed(String dataset, String format, JsonProcessingException e, int lineOffset) {
        JsonLocation location = e.getLocation();
        int line = location == null ? 0 : location.getLineNr() + lineOffset;
        int column = location == null ? 0 : location.getColumnNr();
        String detail = String.valueOf(e.getOriginalMessage()).strip();
        if (e.getCause() instanceof MarkedYAMLException yaml) {
            // SnakeYAML's message spans lines with source snippets; its context and problem say it all.
            detail = yaml.getContext() == null ? yaml.getProblem() : yaml.getContext() + ": " + yaml.getProblem();
        }
        int newline = detail.indexOf('\n');
        if (newline >= 0) {
            detail = detail.substring(0, newline).strip();
        }
        // Jackson names a start marker as "[Source: REDACTED ...; line: 1, column: 1]": noise here.
        detail = START_MARKER.matcher(detail).replaceAll("");
        return new DatasetException(
                dataset, Math.max(line, 0), Math.max(column, 0), "malformed " + format + ": " + detail, e);
    }
}
