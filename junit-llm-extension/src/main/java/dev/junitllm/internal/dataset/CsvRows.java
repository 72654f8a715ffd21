package dev.junitllm.internal.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.junitllm.DatasetException;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * CSV with a header row naming the fields; every cell is text; blank lines are skipped.
 *
 * <p>Records are cut from the file here, line by line (a record goes on while a quoted cell is
 * open), and each is parsed by jackson-dataformat-csv on its own.
 * That keeps reading lazy and gives exact line numbers, which Jackson's CSV locations do not for
 * quoted cells spanning lines or skipped blank lines.
 */
final class CsvRows implements RowSource {
    private static final CsvMapper MAPPER =
            CsvMapper.builder().enable(CsvParser.Feature.TRIM_SPACES).build();

    private final String dataset;
    private final BufferedReader reader;
    private int lineNumber;
    private ObjectReader rowReader;

    CsvRows(String dataset, BufferedReader reader) {
        this.dataset = dataset;
        this.reader = reader;
    }

    @Override
    public RawRow next() throws IOException {
        if (rowReader == null) {
            Record header = nextRecord();
            if (header == null) {
                return null;
            }
            rowReader = MAPPER.readerFor(JsonNode.class).with(schema(header));
        }
        Record record = nextRecord();
        if (record == null) {
            return null;
        }
        try {
            return new RawRow(record.line, (ObjectNode) rowReader.readValue(record.text));
        } catch (JsonProcessingException e) {
            throw malformed(record.line, e);
        }
    }

    private CsvSchema schema(Record header) throws IOException {
        String[] names;
        try {
            names = MAPPER.readerFor(String[].class)
                    .with(CsvSchema.emptySchema())
                    .readValue(header.text);
        } catch (JsonProcessingException e) {
            throw malformed(header.line, e);
        }
        Set<String> unique = new LinkedHashSet<>();
        CsvSchema.Builder schema = CsvSchema.builder();
        for (String name : names) {
            String column = name.strip();
            if (!unique.add(column)) {
                throw DatasetException.at(dataset, header.line, "the header names column '" + column + "' twice");
            }
            schema.addColumn(column, CsvSchema.ColumnType.STRING);
        }
        if (!unique.contains("input") && !unique.contains("turns")) {
            throw DatasetException.at(
                    dataset,
                    header.line,
                    "the header has no 'input' column (columns: " + String.join(", ", unique) + ")");
        }
        return schema.build();
    }

    private Record nextRecord() throws IOException {
        String line;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            int start = lineNumber;
            StringBuilder text = new StringBuilder(line);
            boolean inQuotes = endsInsideQuotes(line, false);
            while (inQuotes) {
                String more = reader.readLine();
                if (more == null) {
                    throw DatasetException.at(dataset, start, "malformed CSV: a quoted cell is never closed");
                }
                lineNumber++;
                text.append('\n').append(more);
                inQuotes = endsInsideQuotes(more, true);
            }
            return new Record(start, text.toString());
        }
        return null;
    }

    /**
     * Whether a quoted cell is still open at the end of this line. A {@code "} opens a quoted cell only
     * at the start of a cell (spaces aside); inside one, {@code ""} is a literal quote and a single
     * {@code "} closes it. A stray quote inside an unquoted cell ({@code 5" screen}) is just a character.
     */
    static boolean endsInsideQuotes(String line, boolean startInside) {
        boolean inQuotes = startInside;
        boolean atCellStart = !startInside;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (inQuotes) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        i++;
                    } else {
                        inQuotes = false;
                    }
                }
            } else if (c == ',') {
                atCellStart = true;
            } else if (c == '"' && atCellStart) {
                inQuotes = true;
                atCellStart = false;
            } else if (c != ' ' && c != '\t') {
                atCellStart = false;
            }
        }
        return inQuotes;
    }

    private DatasetException malformed(int line, JsonProcessingException e) {
        String detail = String.valueOf(e.getOriginalMessage()).strip();
        return new DatasetException(
                dataset, line, 0, "malformed CSV: " + detail.lines().findFirst().orElse(""), e);
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    private record Record(int line, String text) {}
}
