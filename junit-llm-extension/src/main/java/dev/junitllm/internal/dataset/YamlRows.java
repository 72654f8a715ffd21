package dev.junitllm.internal.dataset;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.junitllm.DatasetException;
import java.io.IOException;
import java.io.Reader;

/**
 * YAML: a top-level sequence of mappings, one per row. Read with Jackson's streaming parser, one
 * element at a time, so only the current row is ever in memory.
 */
final class YamlRows implements RowSource {
    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final String dataset;
    private final Reader reader;
    private JsonParser parser;
    private boolean finished;

    YamlRows(String dataset, Reader reader) {
        this.dataset = dataset;
        this.reader = reader;
    }

    @Override
    public RawRow next() throws IOException {
        if (finished) {
            return null;
        }
        try {
            if (parser == null) {
                parser = MAPPER.createParser(reader);
                JsonToken first = parser.nextToken();
                if (first == null) {
                    finished = true;
                    return null;
                }
                if (first != JsonToken.START_ARRAY) {
                    throw DatasetException.at(
                            dataset,
                            line(),
                            "expected a list of rows at the top level (each row starting with '- '), but found "
                                    + describe(first));
                }
            }
            JsonToken token = parser.nextToken();
            if (token == JsonToken.END_ARRAY || token == null) {
                finished = true;
                return null;
            }
            int line = line();
            if (token != JsonToken.START_OBJECT) {
                throw DatasetException.at(
                        dataset, line, "expected a row (a mapping of fields), but found " + describe(token));
            }
            ObjectNode row = MAPPER.readTree(parser);
            return new RawRow(line, row);
        } catch (JsonProcessingException e) {
            throw Json.malformed(dataset, "YAML", e, 0);
        }
    }

    private int line() {
        return parser.currentTokenLocation().getLineNr();
    }

    private static String describe(JsonToken token) {
        switch (token) {
            case START_OBJECT:
                return "a mapping";
            case START_ARRAY:
                return "a list";
            case VALUE_NULL:
                return "null";
            default:
                return "a single value";
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (parser != null) {
                parser.close();
            }
        } finally {
            reader.close();
        }
    }
}
