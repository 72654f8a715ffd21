package dev.junitllm.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Promotes a reviewed answer to a case's golden answer: sets the {@code expected} field of the row with
 * the given id in a JSONL dataset. Only the value's characters change (or the field is appended when
 * the row has none); every other byte of the file, the row's other fields and its line end included,
 * stays as it was, so the pull request shows exactly one changed line.
 *
 * <pre>{@code
 * GoldenPromotion.promote(Path.of("src/test/resources/datasets/refunds.jsonl"), "refund-03",
 *         "No: the refund window is 30 days.");
 * }</pre>
 */
public final class GoldenPromotion {

    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern LINE = Pattern.compile("[^\\n]*(\\n|$)");

    private GoldenPromotion() {}

    /**
     * @throws IllegalArgumentException when the dataset is not JSONL, or no row or several rows have
     *     this id
     * @throws UncheckedIOException when the file cannot be read or written
     */
    public static void promote(Path dataset, String caseId, String expected) {
        String name = dataset.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (!name.endsWith(".jsonl")) {
            throw new IllegalArgumentException("Promoting an answer to golden supports JSONL datasets; " + dataset
                    + " is not one: edit its expected value by hand");
        }
        try {
            String text = Files.readString(dataset, StandardCharsets.UTF_8);
            StringBuilder out = new StringBuilder(text.length() + expected.length());
            Matcher m = LINE.matcher(text);
            int found = 0;
            int number = 0;
            int end = 0;
            while (end < text.length() && m.find(end)) {
                number++;
                String line = m.group();
                end = m.end();
                String body = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
                String replaced = body.isBlank() ? null : replaceExpected(body, caseId, expected, dataset, number);
                if (replaced != null) {
                    found++;
                    out.append(replaced).append(line, body.length(), line.length());
                } else {
                    out.append(line);
                }
                if (m.end() == m.start()) {
                    break;
                }
            }
            if (found == 0) {
                throw new IllegalArgumentException(
                        "No row with id '" + caseId + "' in " + dataset + "; was the dataset's case renamed?");
            }
            if (found > 1) {
                throw new IllegalArgumentException("Several rows have id '" + caseId + "' in " + dataset);
            }
            dev.junitllm.results.AtomicFiles.writeString(dataset, out.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Could not promote '" + caseId + "' in " + dataset + ": " + e.getMessage(), e);
        }
    }

    /** The row with {@code expected} replaced, or null when the row's id is another. */
    private static String replaceExpected(String row, String caseId, String expected, Path dataset, int number)
            throws IOException {
        String body = row.endsWith("\r") ? row.substring(0, row.length() - 1) : row;
        String cr = row.substring(body.length());
        String id = null;
        int valueStart = -1;
        int valueEnd = -1;
        int objectEnd = -1;
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.END_OBJECT && p.getParsingContext().inRoot()) {
                    objectEnd = (int) p.getTokenLocation().getCharOffset();
                    break;
                }
                if (t == JsonToken.FIELD_NAME
                        && p.getParsingContext().getParent().inRoot()) {
                    String field = p.currentName();
                    JsonToken value = p.nextToken();
                    if (field.equals("id") && value.isScalarValue()) {
                        id = p.getText();
                    } else if (field.equals("expected")) {
                        valueStart = (int) p.getTokenLocation().getCharOffset();
                        p.skipChildren();
                        p.getText();
                        valueEnd = (int) p.currentLocation().getCharOffset();
                    } else {
                        p.skipChildren();
                    }
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(dataset + " line " + number + ": not valid JSON ("
                    + e.getOriginalMessage() + "); fix the row first");
        }
        if (!caseId.equals(id)) {
            return null;
        }
        String literal = MAPPER.writeValueAsString(expected);
        if (valueStart >= 0) {
            return body.substring(0, valueStart) + literal + body.substring(valueEnd) + cr;
        }
        String separator = body.contains("\": ") ? ", \"expected\": " : ",\"expected\":";
        return body.substring(0, objectEnd) + separator + literal + body.substring(objectEnd) + cr;
    }
}
