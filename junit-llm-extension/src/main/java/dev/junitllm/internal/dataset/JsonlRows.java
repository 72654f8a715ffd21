package dev.junitllm.internal.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junitllm.DatasetException;
import java.io.BufferedReader;
import java.io.IOException;

/** JSON Lines: one object per line; blank lines are skipped. */
final class JsonlRows implements RowSource {
    private final String dataset;
    private final BufferedReader reader;
    private int lineNumber;

    JsonlRows(String dataset, BufferedReader reader) {
        this.dataset = dataset;
        this.reader = reader;
    }

    @Override
    public RawRow next() throws IOException {
        String line;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = Json.ONE_VALUE.readTree(line);
            } catch (StreamConstraintsException e) {
                throw Json.beyondLimits(dataset, lineNumber, e);
            } catch (JsonProcessingException e) {
                // Each line is parsed on its own, so Jackson's line is always 1: report the file's line.
                throw Json.malformed(dataset, "JSON", e, lineNumber - 1);
            }
            if (!node.isObject()) {
                throw DatasetException.at(
                        dataset, lineNumber, "expected a JSON object per line, but found " + Json.kind(node));
            }
            return new RawRow(lineNumber, (ObjectNode) node);
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
