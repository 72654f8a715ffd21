package dev.junitllm.internal.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junitllm.Conversation;
import dev.junitllm.DatasetException;
import dev.junitllm.GoldenCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dataset rows with {@code turns}: a conversation per row, in JSONL, YAML and CSV, and their errors. */
class ConversationRowsTest {

    @TempDir
    Path dir;

    private List<GoldenCase> read(String fileName, String content) throws IOException {
        Path file = dir.resolve(fileName);
        Files.writeString(file, content);
        try (Stream<GoldenCase> rows = GoldenDatasets.open(file)) {
            return rows.collect(Collectors.toList());
        }
    }

    private void assertFails(String fileName, String content, String problem) {
        assertThatThrownBy(() -> read(fileName, content))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(dir.resolve(fileName).toString())
                .hasMessageContaining(problem);
    }

    @Test
    void aJsonlRowWithTurnsIsAConversationWhoseInputIsTheFirstUserMessage() throws IOException {
        List<GoldenCase> rows = read("c.jsonl", """
                {"id":"conv-1","turns":[{"user":"I'm Dana, order A-1001."},{"user":"Can I return it?","expected":"Yes, within 30 days."}],"tags":["refunds"]}
                {"id":"conv-2","turns":["Hi","Where is my parcel?"]}
                {"id":"single","input":"What is the refund window?","expected":"30 days."}
                """);

        assertThat(rows)
                .extracting(GoldenCase::input)
                .containsExactly("I'm Dana, order A-1001.", "Hi", "What is the refund window?");
        Conversation first = Conversation.of(rows.get(0));
        assertThat(first.id()).isEqualTo("conv-1");
        assertThat(first.size()).isEqualTo(2);
        assertThat(first.userMessages()).containsExactly("I'm Dana, order A-1001.", "Can I return it?");
        assertThat(first.expected(1)).isEmpty();
        assertThat(first.expected(2)).contains("Yes, within 30 days.");
        assertThat(rows.get(0).tags()).containsExactly("refunds");
        // plain strings are user messages without expected replies, stored in the normal form
        assertThat(rows.get(1).get("turns")).contains("[{\"user\":\"Hi\"},{\"user\":\"Where is my parcel?\"}]");
        assertThat(Conversation.of(rows.get(1)).userMessages()).containsExactly("Hi", "Where is my parcel?");
        // a row without turns is a conversation of one turn
        Conversation single = Conversation.of(rows.get(2));
        assertThat(single.userMessages()).containsExactly("What is the refund window?");
        assertThat(single.expected(1)).contains("30 days.");
        assertThatThrownBy(() -> first.expected(3))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("turns are numbered 1 to 2");
        assertThatThrownBy(() -> first.reply(1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has not been played");
    }

    @Test
    void yamlAndCsvRowsCarryTurnsToo() throws IOException {
        List<GoldenCase> yaml = read("c.yaml", """
                - id: conv-1
                  turns:
                    - user: I'm Dana, order A-1001.
                    - user: Can I return it?
                      expected: Yes, within 30 days.
                - id: conv-2
                  turns: [Hi, "Where is my parcel?"]
                """);
        assertThat(Conversation.of(yaml.get(0)).expected(2)).contains("Yes, within 30 days.");
        assertThat(Conversation.of(yaml.get(1)).userMessages()).containsExactly("Hi", "Where is my parcel?");
        assertThat(yaml.get(0).source()).endsWith("c.yaml:1");
        assertThat(yaml.get(1).source()).endsWith("c.yaml:6");

        List<GoldenCase> csv = read("c.csv", """
                id,turns
                conv-1,"[{""user"":""Hi""},{""user"":""Bye"",""expected"":""Goodbye""}]"
                """);
        assertThat(Conversation.of(csv.get(0)).userMessages()).containsExactly("Hi", "Bye");
        assertThat(Conversation.of(csv.get(0)).expected(2)).contains("Goodbye");
    }

    @Test
    void badTurnsFailWithTheFileTheLineAndWhatIsWrong() {
        assertFails(
                "x.jsonl",
                "{\"input\":\"a\"}\n{\"turns\":\"hello\"}\n",
                "line 2: field 'turns' must be a list of turns");
        assertFails("x.jsonl", "{\"turns\":[]}\n", "line 1: field 'turns' is empty");
        assertFails(
                "x.jsonl",
                "{\"turns\":[{\"user\":\"a\"},{\"expected\":\"b\"}]}\n",
                "line 1: turns item 2: missing field 'user'");
        assertFails("x.jsonl", "{\"turns\":[{\"usr\":\"a\"}]}\n", "line 1: turns item 1: unknown field 'usr'");
        assertFails("x.jsonl", "{\"turns\":[{\"user\":\"  \"}]}\n", "line 1: turns item 1: field 'user' is empty");
        assertFails("x.jsonl", "{\"turns\":[42]}\n", "line 1: turns item 1 must be the user's text or an object");
        assertFails(
                "x.jsonl",
                "{\"turns\":[{\"user\":\"a\",\"expected\":[\"b\"]}]}\n",
                "turns item 1: field 'expected' must be text, but was a list");
        assertFails(
                "x.jsonl",
                "{\"input\":\"x\",\"turns\":[\"a\"]}\n",
                "line 1: field 'input' differs from the first turn's 'user'");
        assertFails(
                "x.yaml",
                "- input: a\n- id: b\n  turns:\n    - expected: c\n",
                "line 2: turns item 1: missing field 'user'");
        assertFails("x.csv", "id,turns\na,[oops\n", "line 2: field 'turns' must be a JSON list in a CSV cell");
    }

    @Test
    void aHandBuiltCaseWithBrokenTurnsNamesItsSource() {
        GoldenCase c = DatasetCase.builder("c1", "hi")
                .field("turns", "{\"user\":1}")
                .source("mine.jsonl:4")
                .build();
        assertThatThrownBy(() -> Conversation.of(c))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("case c1 [mine.jsonl:4]: field 'turns' must be a non-empty JSON list");
    }
}
