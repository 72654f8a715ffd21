package dev.junitllm.internal.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junitllm.DatasetException;
import dev.junitllm.GoldenCase;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GoldenDatasetsTest {

    private static final ClassLoader LOADER = GoldenDatasetsTest.class.getClassLoader();

    @TempDir
    Path dir;

    private static List<GoldenCase> read(String location) {
        try (Stream<GoldenCase> rows = GoldenDatasets.open(location, LOADER)) {
            return rows.collect(Collectors.toList());
        }
    }

    private List<GoldenCase> readText(String fileName, String content) throws IOException {
        Path file = dir.resolve(fileName);
        Files.writeString(file, content);
        try (Stream<GoldenCase> rows = GoldenDatasets.open(file)) {
            return rows.collect(Collectors.toList());
        }
    }

    private String path(String fileName) {
        return dir.resolve(fileName).toString();
    }

    @Nested
    class Formats {

        @Test
        void jsonl() {
            List<GoldenCase> rows = read("datasets/refunds.jsonl");

            assertThat(rows).extracting(GoldenCase::id).containsExactly("refund-01", "refund-02", "line-4");
            GoldenCase first = rows.get(0);
            assertThat(first.input()).isEqualTo("Can I return shoes after 20 days?");
            assertThat(first.expected()).isEqualTo("Yes, within 30 days.");
            assertThat(first.context()).isEmpty();
            assertThat(first.tags()).containsExactly("refunds");
            assertThat(first.get("channel")).contains("email");
            assertThat(first.get("nothing")).isEmpty();
            assertThat(first.source()).isEqualTo("datasets/refunds.jsonl:1");

            GoldenCase second = rows.get(1);
            assertThat(second.context()).containsExactly("Refunds are accepted within 30 days of delivery.");
            assertThat(second.tags()).containsExactly("refunds", "edge");
            assertThat(second.get("meta")).contains("{\"priority\":2}");
            assertThat(second.get("tags")).contains("[\"refunds\",\"edge\"]");
            assertThat(second.source()).isEqualTo("datasets/refunds.jsonl:3");

            GoldenCase third = rows.get(2);
            assertThat(third.expected()).isEmpty();
            assertThat(third.get("rating")).contains("4.5");
            assertThat(third.get("urgent")).contains("true");
            assertThat(third.get("id")).isEmpty();
        }

        @Test
        void csv() {
            List<GoldenCase> rows = read("datasets/refunds.csv");

            assertThat(rows).extracting(GoldenCase::id).containsExactly("refund-01", "refund-02", "line-6");
            GoldenCase first = rows.get(0);
            assertThat(first.expected()).isEqualTo("Yes, within 30 days.");
            assertThat(first.context()).isEmpty();
            assertThat(first.tags()).containsExactly("refunds");
            assertThat(first.get("channel")).contains("email");
            assertThat(first.source()).isEqualTo("datasets/refunds.csv:2");

            GoldenCase second = rows.get(1);
            assertThat(second.input()).isEqualTo("Can I return shoes\nafter 40 days?");
            assertThat(second.context())
                    .containsExactly("Refunds are accepted within 30 days.", "Sale items are final.");
            assertThat(second.tags()).containsExactly("refunds", "edge");
            assertThat(second.source()).isEqualTo("datasets/refunds.csv:3");

            GoldenCase third = rows.get(2);
            assertThat(third.context()).containsExactly("Parcels ship in 2 days", "Tracking is emailed");
            assertThat(third.get("channel")).contains("web");
            assertThat(third.source()).isEqualTo("datasets/refunds.csv:6");
        }

        @Test
        void yaml() {
            List<GoldenCase> rows = read("datasets/refunds.yaml");

            assertThat(rows).extracting(GoldenCase::id).containsExactly("refund-01", "refund-02", "line-17");
            GoldenCase first = rows.get(0);
            assertThat(first.expected()).isEqualTo("Yes, within 30 days.");
            assertThat(first.tags()).containsExactly("refunds");
            assertThat(first.get("channel")).contains("email");
            assertThat(first.source()).isEqualTo("datasets/refunds.yaml:2");

            GoldenCase second = rows.get(1);
            assertThat(second.input()).isEqualTo("Can I return shoes\nafter 40 days?\n");
            assertThat(second.context()).containsExactly("Refunds are accepted within 30 days of delivery.");
            assertThat(second.get("meta")).contains("{\"priority\":2}");
            assertThat(second.source()).isEqualTo("datasets/refunds.yaml:8");

            assertThat(rows.get(2).tags()).containsExactly("shipping");
        }

        @Test
        void ndjsonAndYmlAreAliases() throws IOException {
            assertThat(readText("a.ndjson", "{\"input\":\"hi\"}\n")).hasSize(1);
            assertThat(readText("a.yml", "- input: hi\n")).hasSize(1);
            assertThat(readText("A.JSONL", "{\"input\":\"hi\"}\n")).hasSize(1);
        }

        @Test
        void openedAsAFilePathWhenNotOnTheClasspath() throws IOException {
            Files.writeString(dir.resolve("rows.jsonl"), "{\"id\":\"a\",\"input\":\"hi\"}\n");

            List<GoldenCase> rows = read(path("rows.jsonl"));

            assertThat(rows).extracting(GoldenCase::source).containsExactly(path("rows.jsonl") + ":1");
        }

        @Test
        void leadingSlashOnAClasspathResourceIsIgnored() {
            assertThat(read("/datasets/refunds.jsonl")).hasSize(3);
        }

        @Test
        void byteOrderMarkIsIgnored() throws IOException {
            List<GoldenCase> rows = readText("bom.csv", "\uFEFFid,input\na,hi\n");

            assertThat(rows).extracting(GoldenCase::id).containsExactly("a");
        }

        @Test
        void scalarIdsAndExpectedObjectsAreText() throws IOException {
            List<GoldenCase> rows =
                    readText("x.jsonl", "{\"id\": 17, \"input\": \"hi\", \"expected\": {\"intent\": \"refund\"}}\n");

            assertThat(rows.get(0).id()).isEqualTo("17");
            assertThat(rows.get(0).expected()).isEqualTo("{\"intent\":\"refund\"}");
        }

        @Test
        void csvEmptyCellsAreAbsentAndListsAcceptBothForms() throws IOException {
            List<GoldenCase> rows = readText(
                    "x.csv",
                    "id,input,context,tags,extra\n"
                            + "a,hi,,\"[\"\"x\"\", \"\"y\"\"]\",\n"
                            + "b,ho, one |  | two ,a|b,\n");

            assertThat(rows.get(0).context()).isEmpty();
            assertThat(rows.get(0).tags()).containsExactly("x", "y");
            assertThat(rows.get(0).get("extra")).isEmpty();
            assertThat(rows.get(1).context()).containsExactly("one", "two");
            assertThat(rows.get(1).tags()).containsExactly("a", "b");
        }
    }

    @Nested
    class Errors {

        private void assertFails(String fileName, String content, String problem) throws IOException {
            Files.writeString(dir.resolve(fileName), content);
            assertThatThrownBy(() -> read(path(fileName)))
                    .isInstanceOf(DatasetException.class)
                    .hasMessage(
                            "@GoldenDataset [" + path(fileName) + "]" + (problem.startsWith(":") ? "" : " ") + problem);
        }

        @Test
        void missingInput() throws IOException {
            assertFails("x.jsonl", "{\"input\":\"a\"}\n\n{\"id\":\"b\"}\n", "line 3: missing field 'input'");
            assertFails("x.yaml", "- input: a\n- id: b\n  input: null\n", "line 2: missing field 'input'");
        }

        @Test
        void emptyInput() throws IOException {
            assertFails("x.csv", "id,input\na,\n", "line 2: field 'input' is empty");
            assertFails("x.jsonl", "{\"input\":\"  \"}\n", "line 1: field 'input' is empty");
        }

        @Test
        void inputOfTheWrongType() throws IOException {
            assertFails(
                    "x.jsonl",
                    "{\"input\":[{\"role\":\"user\"}]}\n",
                    "line 1: field 'input' must be text, but was a list");
        }

        @Test
        void csvHeaderWithoutInput() throws IOException {
            assertFails(
                    "x.csv", "id,question\na,hi\n", "line 1: the header has no 'input' column (columns: id, question)");
        }

        @Test
        void malformedJsonLineWithColumn() throws IOException {
            Files.writeString(dir.resolve("x.jsonl"), "{\"input\":\"a\"}\n{\"input\": \"b\",, }\n");

            assertThatThrownBy(() -> read(path("x.jsonl")))
                    .isInstanceOf(DatasetException.class)
                    .hasMessageStartingWith(
                            "@GoldenDataset [" + path("x.jsonl") + "] line 2, column 15: malformed JSON: ")
                    .hasMessageContaining("Unexpected character (','")
                    .satisfies(e -> assertThat(((DatasetException) e).line()).hasValue(2));
        }

        @Test
        void twoObjectsOnOneLine() throws IOException {
            Files.writeString(dir.resolve("x.jsonl"), "{\"input\":\"a\"} {\"input\":\"b\"}\n");

            assertThatThrownBy(() -> read(path("x.jsonl")))
                    .isInstanceOf(DatasetException.class)
                    .hasMessageStartingWith("@GoldenDataset [" + path("x.jsonl") + "] line 1, column ")
                    .hasMessageContaining("malformed JSON: Trailing token");
        }

        @Test
        void lineThatIsNotAnObject() throws IOException {
            assertFails("x.jsonl", "[\"input\"]\n", "line 1: expected a JSON object per line, but found a list");
        }

        @Test
        void duplicateKeyInARow() throws IOException {
            Files.writeString(dir.resolve("x.jsonl"), "{\"input\":\"a\",\"input\":\"b\"}\n");

            assertThatThrownBy(() -> read(path("x.jsonl")))
                    .isInstanceOf(DatasetException.class)
                    .hasMessageStartingWith("@GoldenDataset [" + path("x.jsonl") + "] line 1, column ")
                    .hasMessageContaining("malformed JSON: Duplicate field 'input'");
        }

        @Test
        void duplicateIdNamesBothLines() throws IOException {
            assertFails(
                    "x.jsonl",
                    "{\"id\":\"a\",\"input\":\"1\"}\n{\"id\":\"b\",\"input\":\"2\"}\n\n{\"id\":\"a\",\"input\":\"3\"}\n",
                    "line 4: duplicate id 'a', already used on line 1");
            assertFails("x.csv", "id,input\na,1\nb,2\na,3\n", "line 4: duplicate id 'a', already used on line 2");
        }

        @Test
        void emptyDataset() throws IOException {
            assertFails("x.jsonl", "\n  \n", ": no rows; add at least one row with an 'input' field");
            assertFails("x.csv", "id,input\n", ": no rows; add at least one row with an 'input' field");
            assertFails("x.yaml", "# nothing yet\n", ": no rows; add at least one row with an 'input' field");
            assertFails("y.yaml", "[]\n", ": no rows; add at least one row with an 'input' field");
        }

        @Test
        void contextThatIsNotAList() throws IOException {
            assertFails(
                    "x.jsonl",
                    "{\"input\":\"a\",\"context\":\"one passage\"}\n",
                    "line 1: field 'context' must be a list of strings, but was a string");
            assertFails(
                    "x.yaml",
                    "- input: a\n  tags: refunds\n",
                    "line 1: field 'tags' must be a list of strings, but was a string");
            assertFails(
                    "y.jsonl",
                    "{\"input\":\"a\",\"context\":[\"ok\", {\"text\":\"no\"}]}\n",
                    "line 1: field 'context' item 2 must be a string, but was an object");
            assertFails(
                    "x.csv",
                    "input,tags\nhi,\"[\"\"a\"\",\"\n",
                    "line 2: field 'tags' starts with '[' but is not a JSON list: Unexpected end-of-input within/between Array entries");
        }

        @Test
        void idOfTheWrongType() throws IOException {
            assertFails(
                    "x.jsonl",
                    "{\"id\":{\"n\":1},\"input\":\"a\"}\n",
                    "line 1: field 'id' must be a string or a number, but was an object");
        }

        @Test
        void yamlThatIsNotAList() throws IOException {
            assertFails(
                    "x.yaml",
                    "input: a\n",
                    "line 1: expected a list of rows at the top level (each row starting with '- '), but found a mapping");
            assertFails(
                    "y.yaml",
                    "- input: a\n- just text\n",
                    "line 2: expected a row (a mapping of fields), but found a single value");
        }

        @Test
        void malformedYaml() throws IOException {
            assertFails(
                    "x.yaml",
                    "- input: a\n- input: [unclosed\n  id: b\n",
                    "line 3, column 5: malformed YAML: while parsing a flow sequence: expected ',' or ']', but got :");
            assertFails(
                    "y.yaml",
                    "- input: a\n  bad: : :\n",
                    "line 2, column 6: malformed YAML: mapping values are not allowed here");
            assertFails(
                    "z.yaml", "- input: a\n  input: b\n", "line 2, column 8: malformed YAML: Duplicate field 'input'");
        }

        @Test
        void yamlAliasesAreRejectedWithTheirLine() throws IOException {
            assertFails(
                    "x.yaml",
                    "- id: a\n  input: &x hello\n- id: b\n  input: *x\n",
                    "line 4, column 10: YAML aliases are not supported (*x): write the value out in full");
            assertFails(
                    "y.yaml",
                    "- &row {id: a, input: hello}\n- *row\n",
                    "line 2, column 3: YAML aliases are not supported (*row): write the value out in full");
            assertFails(
                    "z.yaml",
                    "- &base {id: a, input: hello}\n- <<: *base\n  id: b\n",
                    "line 2, column 7: YAML aliases are not supported (*base): write the value out in full");
        }

        @Test
        void aFiftyMegabyteJsonLineIsRead() throws IOException {
            String big = "y".repeat(25_000_000);
            Path file = dir.resolve("big.jsonl");
            Files.writeString(
                    file, "{\"input\":\"small\"}\n{\"input\":\"" + big + "\",\"expected\":\"" + big + "\"}\n");
            try (Stream<GoldenCase> rows = GoldenDatasets.open(file)) {
                assertThat(rows.skip(1).findFirst().orElseThrow().input()).hasSize(25_000_000);
            }
        }

        @Test
        void aYamlFileOverThreeMillionCharactersIsRead() throws IOException {
            // SnakeYAML's default stops a document at 3,145,728 code points
            List<GoldenCase> rows = readText("big.yaml", "- input: small\n- input: " + "z".repeat(4_000_000) + "\n");
            assertThat(rows.get(1).input()).hasSize(4_000_000);
        }

        @Test
        void aValueBeyondTheReadingLimitsNamesItsLineAndTheLimit() throws IOException {
            String deep = "[".repeat(1001) + "]".repeat(1001);
            Files.writeString(dir.resolve("deep.jsonl"), "{\"input\":\"a\"}\n{\"input\":\"b\",\"x\":" + deep + "}\n");
            assertThatThrownBy(() -> read(path("deep.jsonl")))
                    .isInstanceOf(DatasetException.class)
                    .hasMessageStartingWith("@GoldenDataset [" + path("deep.jsonl") + "] line 2")
                    .hasMessageContaining("beyond the reading limits")
                    .hasMessageContaining("nesting depth up to 1,000");
        }

        @Test
        void truncatedJsonLine() throws IOException {
            assertFails(
                    "x.jsonl",
                    "{\"input\":\"a\"\n",
                    "line 1, column 13: malformed JSON: Unexpected end-of-input: expected close marker for Object");
        }

        @Test
        void csvStructure() throws IOException {
            assertFails("x.csv", "id,input\na,\"hi\n\n", "line 2: malformed CSV: a quoted cell is never closed");
            assertFails("y.csv", "id,input,id\na,hi,b\n", "line 1: the header names column 'id' twice");
        }

        @Test
        void csvRowWithTooManyCells() throws IOException {
            Files.writeString(dir.resolve("x.csv"), "id,input\na,hi\nb,ho,extra\n");

            assertThatThrownBy(() -> read(path("x.csv")))
                    .isInstanceOf(DatasetException.class)
                    .hasMessageStartingWith("@GoldenDataset [" + path("x.csv") + "] line 3")
                    .hasMessageContaining("malformed CSV: Too many entries");
        }

        @ParameterizedTest
        @ValueSource(strings = {"datasets/x.txt", "datasets/x.json", "datasets/x"})
        void unknownFormat(String location) {
            String extension =
                    location.contains(".") ? "'" + location.substring(location.lastIndexOf('.')) + "'" : null;
            assertThatThrownBy(() -> GoldenDatasets.open(location, LOADER))
                    .isInstanceOf(DatasetException.class)
                    .hasMessage("@GoldenDataset [" + location + "]: unknown format "
                            + (extension == null ? "(no file extension)" : extension)
                            + "; use .jsonl, .ndjson, .csv, .yaml or .yml");
        }

        @Test
        void notFound() {
            assertThatThrownBy(() -> GoldenDatasets.open("datasets/missing.jsonl", LOADER))
                    .isInstanceOf(DatasetException.class)
                    .hasMessage(
                            "@GoldenDataset [datasets/missing.jsonl]: not found as a classpath resource or as a file"
                                    + " (working directory " + Path.of("").toAbsolutePath()
                                    + "); put it under src/test/resources/ or give a file path");
            Path missing = dir.resolve("missing.csv");
            assertThatThrownBy(() -> GoldenDatasets.open(missing))
                    .isInstanceOf(DatasetException.class)
                    .hasMessage("@GoldenDataset [" + missing + "]: file not found (" + missing.toAbsolutePath() + ")");
        }

        @Test
        void rowsBeforeAnErrorAreDelivered() throws IOException {
            Files.writeString(dir.resolve("x.jsonl"), "{\"input\":\"a\"}\n{\"input\":\"b\"}\n{oops\n");

            try (Stream<GoldenCase> rows = GoldenDatasets.open(dir.resolve("x.jsonl"))) {
                var iterator = rows.iterator();
                assertThat(iterator.next().input()).isEqualTo("a");
                assertThat(iterator.next().input()).isEqualTo("b");
                assertThatThrownBy(iterator::next).hasMessageContaining("line 3, column 2: malformed JSON");
            }
        }
    }

    @Nested
    class Streaming {

        private Path bigDataset(String tail) throws IOException {
            Path file = dir.resolve("big.jsonl");
            String rows = IntStream.rangeClosed(1, 10_000)
                    .mapToObj(i -> "{\"id\":\"case-" + i + "\",\"input\":\"question " + i + "\",\"tags\":[\"t" + (i % 3)
                            + "\"]}")
                    .collect(Collectors.joining("\n", "", "\n"));
            Files.writeString(file, rows + tail);
            return file;
        }

        @Test
        void tenThousandRowsStream() throws IOException {
            Path file = bigDataset("");

            try (Stream<GoldenCase> rows = GoldenDatasets.open(file)) {
                assertThat(rows.count()).isEqualTo(10_000);
            }
        }

        @Test
        void onlyTheRowsConsumedAreParsed() throws IOException {
            Path file = bigDataset("{this line is malformed\n");

            try (Stream<GoldenCase> rows = GoldenDatasets.open(file)) {
                assertThat(rows.limit(3).map(GoldenCase::id)).containsExactly("case-1", "case-2", "case-3");
            }
            try (Stream<GoldenCase> rows = GoldenDatasets.open(file)) {
                assertThatThrownBy(rows::count).hasMessageContaining("line 10001, column 2: malformed JSON");
            }
        }

        @Test
        void aLimitedSelectionStopsReading() throws IOException {
            Path file = bigDataset("{this line is malformed\n");

            try (Stream<GoldenCase> rows =
                    DatasetSelection.parse("t1", "5", null).apply(GoldenDatasets.open(file))) {
                assertThat(rows.map(GoldenCase::id))
                        .containsExactly("case-1", "case-4", "case-7", "case-10", "case-13");
            }
        }

        @Test
        void yamlAndCsvStreamToo() throws IOException {
            String yaml = IntStream.rangeClosed(1, 10_000)
                    .mapToObj(i -> "- id: y" + i + "\n  input: q" + i + "\n")
                    .collect(Collectors.joining());
            Files.writeString(dir.resolve("big.yaml"), yaml + "- input: [unclosed\n");
            String csv = IntStream.rangeClosed(1, 10_000)
                    .mapToObj(i -> "c" + i + ",q" + i + "\n")
                    .collect(Collectors.joining("", "id,input\n", ""));
            Files.writeString(dir.resolve("big.csv"), csv + "x,y,z\n");

            try (Stream<GoldenCase> rows = GoldenDatasets.open(dir.resolve("big.yaml"))) {
                assertThat(rows.limit(2).map(GoldenCase::id)).containsExactly("y1", "y2");
            }
            try (Stream<GoldenCase> rows = GoldenDatasets.open(dir.resolve("big.csv"))) {
                assertThat(rows.limit(2).map(GoldenCase::id)).containsExactly("c1", "c2");
            }
            try (Stream<GoldenCase> rows = GoldenDatasets.open(dir.resolve("big.csv"))) {
                assertThatThrownBy(rows::count).hasMessageContaining("line 10002");
            }
        }

        @Test
        void closingTheStreamClosesTheInput() {
            AtomicBoolean closed = new AtomicBoolean();
            InputStream in =
                    new ByteArrayInputStream(
                            "{\"input\":\"a\"}\n{\"input\":\"b\"}\n".getBytes(StandardCharsets.UTF_8)) {
                        @Override
                        public void close() {
                            closed.set(true);
                        }
                    };

            Stream<GoldenCase> rows = GoldenDatasets.open("in-memory.jsonl", DatasetFormat.JSONL, in);
            assertThat(rows.findFirst()).isPresent();
            assertThat(closed).isFalse();
            rows.close();
            assertThat(closed).isTrue();
        }

        @Test
        void readingToTheEndClosesTheInput() {
            AtomicBoolean closed = new AtomicBoolean();
            InputStream in = new ByteArrayInputStream("- input: a\n".getBytes(StandardCharsets.UTF_8)) {
                @Override
                public void close() {
                    closed.set(true);
                }
            };

            assertThat(GoldenDatasets.open("in-memory.yaml", DatasetFormat.YAML, in)
                            .count())
                    .isEqualTo(1);
            assertThat(closed).isTrue();
        }
    }

    @Test
    void concurrentReadersDoNotInterfere() throws Exception {
        List<String> fixtures = List.of("datasets/refunds.jsonl", "datasets/refunds.csv", "datasets/refunds.yaml");
        Map<String, List<GoldenCase>> expected =
                fixtures.stream().collect(Collectors.toMap(f -> f, GoldenDatasetsTest::read));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 240; i++) {
                String fixture = fixtures.get(i % fixtures.size());
                results.add(pool.submit(() -> read(fixture).equals(expected.get(fixture))));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void displayNameIsIdAndAShortInputOnOneLine() {
        GoldenCase c = DatasetCase.builder("refund-03", "Can I return\n shoes after 40 days?")
                .build();

        assertThat(GoldenDatasets.displayName(c, 24)).isEqualTo("refund-03: Can I return shoes after…");
        assertThat(GoldenDatasets.displayName(c, 100)).isEqualTo("refund-03: Can I return shoes after 40 days?");
    }

    @Test
    void casesAreImmutableValues() {
        DatasetCase c = DatasetCase.builder("a", "hi")
                .expected("ho")
                .context(List.of("p1"))
                .tags(List.of("x", "y", "x"))
                .field("channel", "email")
                .source("d.jsonl:1")
                .build();

        assertThat(c.tags()).containsExactly("x", "y");
        assertThat(c.fieldNames()).containsExactly("channel");
        assertThat(c)
                .isEqualTo(DatasetCase.builder("a", "hi")
                        .expected("ho")
                        .context(List.of("p1"))
                        .tags(Set.of("x", "y"))
                        .field("channel", "email")
                        .source("d.jsonl:1")
                        .build());
        assertThat(c).hasToString("GoldenCase[a at d.jsonl:1]");
        assertThatThrownBy(() -> c.context().add("p2")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> c.tags().add("z")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(c.get("channel")).isEqualTo(Optional.of("email"));
        assertThat(Map.of("k", c)).isNotEmpty();
    }
}
