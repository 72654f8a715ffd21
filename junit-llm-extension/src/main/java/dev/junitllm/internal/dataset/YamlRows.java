package dev.junitllm.internal.dataset;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.junitllm.DatasetException;
import java.io.IOException;
import java.io.Reader;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * YAML: a top-level sequence of mappings, one per row. Read with Jackson's streaming parser, one
 * element at a time, so only the current row is ever in memory. Aliases ({@code *name}) are rejected
 * with their line: Jackson would read an alias as its anchor's name, and expanding them unbounded is
 * the "billion laughs" attack; rows are small enough to write out.
 */
final class YamlRows implements RowSource {
    private static final YAMLMapper MAPPER = YAMLMapper.builder(YAMLFactory.builder()
                    .streamReadConstraints(Json.LIMITS)
                    .loaderOptions(loaderOptions())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final String dataset;
    private final Reader reader;
    private JsonParser parser;
    private boolean finished;

    YamlRows(String dataset, Reader reader) {
        this.dataset = dataset;
        this.reader = reader;
    }

    /** SnakeYAML stops at 3 M code points per document by default: a whole dataset is one document. */
    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Integer.MAX_VALUE);
        return options;
    }

    @Override
    public RawRow next() throws IOException {
        if (finished) {
            return null;
        }
        try {
            if (parser == null) {
                parser = new NoAliases(MAPPER.createParser(reader));
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
        } catch (StreamConstraintsException e) {
            throw Json.beyondLimits(dataset, parser.currentLocation().getLineNr(), e);
        } catch (JsonProcessingException e) {
            throw Json.malformed(dataset, "YAML", e, 0);
        }
    }

    /** Fails on an alias token, wherever it is: a row, a field value, a list element or a merge key. */
    private final class NoAliases extends JsonParserDelegate {
        NoAliases(JsonParser yaml) {
            super(yaml);
        }

        @Override
        public JsonToken nextToken() throws IOException {
            JsonToken token = super.nextToken();
            if (((YAMLParser) delegate).isCurrentAlias()) {
                JsonLocation at = delegate.currentTokenLocation();
                throw new DatasetException(
                        dataset,
                        at.getLineNr(),
                        at.getColumnNr(),
                        "YAML aliases are not supported (*" + delegate.getText() + "): write the value out in full",
                        null);
            }
            return token;
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
