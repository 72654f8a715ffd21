package dev.junitllm.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelsFileTest {

    private static final String H1 = "0123456789abcdef";
    private static final String H2 = "fedcba9876543210";

    private static HumanLabel label(String caseId, String hash, String verdict) {
        return new HumanLabel(caseId, "States the 30-day window", hash, verdict, null, "ana", "2026-12-01");
    }

    @Test
    void hashIsTheFirst16HexDigitsOfSha256WithLineEndsNormalised() {
        // sha256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
        assertThat(LabelsFile.hash("abc")).isEqualTo("ba7816bf8f01cfea");
        assertThat(LabelsFile.hash("a\r\nb")).isEqualTo(LabelsFile.hash("a\nb"));
        assertThat(LabelsFile.hash("a b")).isNotEqualTo(LabelsFile.hash("a  b"));
    }

    @Test
    void aVerdictJudgedWithMoreThanTheAnswerIsHashedWithAllOfIt() {
        List<String> ctx = List.of("Refunds within 30 days.", "A receipt is required.");
        String a = "Refunds within 30 days.";
        // nothing else given: the answer's own hash, so rubric labels keep their keys
        assertThat(LabelsFile.hash(a, null, null, null, null)).isEqualTo(LabelsFile.hash(a));
        assertThat(LabelsFile.hash(a, null, List.of(), null, null)).isEqualTo(LabelsFile.hash(a));
        String withContext = LabelsFile.hash(a, null, ctx, null, null);
        assertThat(withContext).isNotEqualTo(LabelsFile.hash(a)).matches("[0-9a-f]{16}");
        // every part counts, and where it sits counts
        assertThat(LabelsFile.hash(a, null, List.of("Refunds within 30 days."), null, null))
                .isNotEqualTo(withContext);
        assertThat(LabelsFile.hash(a, null, List.of(ctx.get(1), ctx.get(0)), null, null))
                .isNotEqualTo(withContext);
        assertThat(LabelsFile.hash(a, null, ctx, "30 days", null)).isNotEqualTo(withContext);
        assertThat(LabelsFile.hash(a, "q?", null, null, null)).isNotEqualTo(LabelsFile.hash(a));
        assertThat(LabelsFile.hash(a, null, null, null, "other"))
                .isNotEqualTo(LabelsFile.hash("other", null, null, null, a));
        assertThat(LabelsFile.hash(a, null, null, "x", null)).isNotEqualTo(LabelsFile.hash(a, null, null, null, "x"));
        // the documented form: the hash of the compact JSON object (docs/results-schema.md's example)
        assertThat(LabelsFile.hash(
                        "Refunds within 30 days, plus free shipping.",
                        null,
                        List.of("Refunds are accepted within 30 days.", "A receipt is required."),
                        null,
                        null))
                .isEqualTo(LabelsFile.hash("{\"answer\":\"Refunds within 30 days, plus free shipping.\",\"context\":"
                        + "[\"Refunds are accepted within 30 days.\",\"A receipt is required.\"]}"))
                .isEqualTo("c83e30c1e1821959");
        // line ends do not count
        assertThat(LabelsFile.hash("x\r\ny", null, List.of("p\r\nq"), null, null))
                .isEqualTo(LabelsFile.hash("x\ny", null, List.of("p\nq"), null, null));
    }

    @Test
    void theFileOfADatasetMirrorsItsResourcePath() {
        assertThat(LabelsFile.relativePath("datasets/refunds.csv")).isEqualTo("datasets/refunds.jsonl");
        assertThat(LabelsFile.relativePath("/refunds.jsonl")).isEqualTo("refunds.jsonl");
        assertThat(LabelsFile.relativePath("data.v2/refunds")).isEqualTo("data.v2/refunds.jsonl");
    }

    @Test
    void readsWhatItWritesSortedOneLabelALineWithKeysInAFixedOrder(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("llm-labels/datasets/refunds.jsonl");
        LabelsFile.write(
                file,
                List.of(
                        label("refund-2", H1, "pass"),
                        new HumanLabel(
                                "refund-1",
                                "States the 30-day window",
                                H2,
                                "fail",
                                "Says 14 days",
                                "ana",
                                "2026-12-01")));

        assertThat(Files.readString(file))
                .isEqualTo("{\"caseId\":\"refund-1\",\"criterion\":\"States the 30-day window\",\"answerHash\":\"" + H2
                        + "\",\"label\":\"fail\",\"note\":\"Says 14 days\",\"reviewer\":\"ana\",\"date\":\"2026-12-01\"}\n"
                        + "{\"caseId\":\"refund-2\",\"criterion\":\"States the 30-day window\",\"answerHash\":\"" + H1
                        + "\",\"label\":\"pass\",\"reviewer\":\"ana\",\"date\":\"2026-12-01\"}\n");
        List<HumanLabel> read = LabelsFile.read(file);
        assertThat(read).extracting(HumanLabel::caseId).containsExactly("refund-1", "refund-2");
        assertThat(read.get(0).passed()).isFalse();
        assertThat(read.get(0).note()).isEqualTo("Says 14 days");
        assertThat(read.get(1).note()).isNull();
    }

    @Test
    void aLabelMayNameTheModelWhoseAnswerItIsAbout() {
        HumanLabel l = LabelsFile.parse(
                        "{\"caseId\":\"a\",\"model\":\"openai:gpt-4o-mini\",\"criterion\":\"c\",\"answerHash\":\"" + H1
                                + "\",\"label\":\"pass\",\"reviewer\":\"ana\",\"date\":\"2026-12-01\"}",
                        "f")
                .get(0);
        assertThat(l.model()).isEqualTo("openai:gpt-4o-mini");
        assertThat(l.appliesToModel("openai:gpt-4o-mini")).isTrue();
        assertThat(l.appliesToModel("anthropic:claude-haiku-4-5")).isFalse();
        assertThat(label("a", H1, "pass").appliesToModel("anything")).isTrue();
        assertThat(LabelsFile.format(List.of(l)))
                .startsWith("{\"caseId\":\"a\",\"model\":\"openai:gpt-4o-mini\",\"criterion\"");
    }

    @Test
    void aMissingFileHasNoLabels(@TempDir Path dir) {
        assertThat(LabelsFile.read(dir.resolve("none.jsonl"))).isEmpty();
    }

    @Test
    void upsertReplacesTheLabelOfTheSameAnswerAndKeepsEveryOtherLineByteForByte(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("refunds.jsonl");
        LabelsFile.write(file, List.of(label("a", H1, "pass"), label("b", H1, "pass"), label("c", H1, "pass")));
        List<String> before = Files.readAllLines(file);

        LabelsFile.upsert(file, List.of(label("b", H1, "fail"), label("b", H2, "pass")));

        List<String> after = Files.readAllLines(file);
        assertThat(after).hasSize(4);
        assertThat(after.get(0)).isEqualTo(before.get(0));
        assertThat(after.get(1)).contains("\"caseId\":\"b\"", H1, "\"label\":\"fail\"");
        assertThat(after.get(2)).contains("\"caseId\":\"b\"", H2);
        assertThat(after.get(3)).isEqualTo(before.get(2));
    }

    @Test
    void badLinesNameFileLineAndWhatToDo() {
        String good = "{\"caseId\":\"a\",\"criterion\":\"c\",\"answerHash\":\"" + H1
                + "\",\"label\":\"pass\",\"reviewer\":\"ana\",\"date\":\"2026-12-01\"}";
        assertThatThrownBy(() -> LabelsFile.parse(good + "\n\n{oops", "refunds.jsonl"))
                .hasMessageStartingWith("refunds.jsonl line 3: not valid JSON")
                .hasMessageContaining("each line is {\"caseId\"");
        assertThatThrownBy(() -> LabelsFile.parse(good.replace("\"label\":\"pass\"", "\"label\":\"ok\""), "f"))
                .hasMessage("f line 1: 'label' must be \"pass\" or \"fail\" but was \"ok\"");
        assertThatThrownBy(() -> LabelsFile.parse(good.replace("\"reviewer\":\"ana\",", ""), "f"))
                .hasMessageStartingWith("f line 1: missing field 'reviewer'");
        assertThatThrownBy(() -> LabelsFile.parse(good.replace("label\"", "lable\""), "f"))
                .hasMessageStartingWith("f line 1: unknown field 'lable'");
        assertThatThrownBy(() -> LabelsFile.parse(good.replace(H1, "xyz"), "f"))
                .hasMessageContaining("'answerHash' must be 16 lower-case hex digits");
        assertThatThrownBy(() -> LabelsFile.parse(good.replace("2026-12-01", "yesterday"), "f"))
                .hasMessageContaining("'date' must be an ISO date yyyy-mm-dd");
        assertThatThrownBy(() -> LabelsFile.parse(good + "\n" + good.replace("pass", "fail"), "f"))
                .hasMessageStartingWith("f line 2: a second label for case 'a'")
                .hasMessageContaining("(the first is on line 1); keep one of the two lines");
    }

    @Test
    void readsUtf8(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("l.jsonl");
        Files.writeString(
                file,
                "{\"caseId\":\"a\",\"criterion\":\"Höflich\",\"answerHash\":\"" + H1
                        + "\",\"label\":\"pass\",\"reviewer\":\"Zoë\",\"date\":\"2026-12-01\"}\n",
                StandardCharsets.UTF_8);
        assertThat(LabelsFile.read(file).get(0).reviewer()).isEqualTo("Zoë");
    }
}
