package dev.junitllm.internal.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junitllm.GoldenCase;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CsvRowsTest {

    @Test
    void quoteStateAcrossLines() {
        assertThat(CsvRows.endsInsideQuotes("a,b,c", false)).isFalse();
        assertThat(CsvRows.endsInsideQuotes("a,\"b", false)).isTrue();
        assertThat(CsvRows.endsInsideQuotes("a,\"b\"", false)).isFalse();
        assertThat(CsvRows.endsInsideQuotes("a, \"b \"\"quoted\"\" c", false)).isTrue();
        assertThat(CsvRows.endsInsideQuotes("a,5\" screen", false)).isFalse();
        assertThat(CsvRows.endsInsideQuotes("still inside", true)).isTrue();
        assertThat(CsvRows.endsInsideQuotes("closes\",x", true)).isFalse();
        assertThat(CsvRows.endsInsideQuotes("a \"\"\" b", true)).isFalse();
    }

    @Test
    void strayQuotesAndQuotedLineBreaks() {
        String csv = "id,input,expected\n"
                + "a,My 5\" screen broke,\"Say \"\"sorry\"\"\"\n"
                + "b,\"two\n\nlines, with comma\",x\n"
                + "c,last,\n";

        List<GoldenCase> rows = read(csv);

        assertThat(rows).extracting(GoldenCase::id).containsExactly("a", "b", "c");
        assertThat(rows.get(0).input()).isEqualTo("My 5\" screen broke");
        assertThat(rows.get(0).expected()).isEqualTo("Say \"sorry\"");
        assertThat(rows.get(1).input()).isEqualTo("two\n\nlines, with comma");
        assertThat(rows).extracting(GoldenCase::source).containsExactly("x.csv:2", "x.csv:3", "x.csv:6");
    }

    @Test
    void windowsLineEndings() {
        List<GoldenCase> rows = read("id,input\r\na,hi\r\nb,\"x\r\ny\"\r\n");

        assertThat(rows).extracting(GoldenCase::input).containsExactly("hi", "x\ny");
    }

    private static List<GoldenCase> read(String csv) {
        try (Stream<GoldenCase> rows = GoldenDatasets.open(
                "x.csv", DatasetFormat.CSV, new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)))) {
            return rows.collect(Collectors.toList());
        }
    }
}
