package dev.junitllm.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junitllm.results.LlmResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineTest {

    private static final String M = "openai:gpt-4o-mini";

    @Test
    void writesSortedAndReadsBack(@TempDir Path dir) throws Exception {
        LlmResults results = new ResultsBuilder(M)
                .addCase("a.B#z", "d.jsonl", "z1", M, true, false)
                .addCase("a.B#a", "d.jsonl", "a1", M, true)
                .build();
        Path file = dir.resolve("nested/llm-baseline.json");
        Baseline.write(file, CaseRecord.fromResults(results), results.run());

        String text = Files.readString(file);
        assertThat(text.indexOf("a.B#a#a1@")).isLessThan(text.indexOf("a.B#z#z1@"));
        assertThat(text).endsWith("}\n").doesNotContain("samples\" : [");
        List<CaseRecord> read = Baseline.read(file).orElseThrow();
        assertThat(read).extracting(CaseRecord::key).containsExactly("a.B#a#a1@" + M, "a.B#z#z1@" + M);
        assertThat(read.get(1).passRate()).isEqualTo(0.5);
        assertThat(read.get(1).score()).isEqualTo(0.5);
        assertThat(read.get(1).status()).isEqualTo("failed");
        assertThat(read.get(0).costUsd()).isCloseTo(0.0012, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void missingBaselineIsEmptyAndBrokenOneNamesTheFile(@TempDir Path dir) throws Exception {
        assertThat(Baseline.read(dir.resolve("none.json"))).isEmpty();
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"cases\": 3");
        assertThatThrownBy(() -> Baseline.read(broken))
                .hasMessageContaining(broken.toString())
                .hasMessageContaining("-Dllm.baseline.update=true");
        assertThatThrownBy(() -> Baseline.readResults(dir.resolve("missing.json")))
                .hasMessageContaining("missing.json")
                .hasMessageContaining("run the tests first");
    }

    @Test
    void keepsAnswerTagsAndFailingReasonsAndReadsOldBaselines(@TempDir Path dir) throws Exception {
        String longAnswer = "x".repeat(CaseRecord.ANSWER_LIMIT + 50);
        LlmResults results = new ResultsBuilder(M)
                .addCase("a.B#a", "d.jsonl", "a1", M, false, true)
                .tags("refund")
                .answer("Within 30 days.")
                .addCase("a.B#b", "d.jsonl", "b1", M, true, false, false)
                .answer(longAnswer)
                .build();
        Path file = dir.resolve("llm-baseline.json");
        Baseline.write(file, CaseRecord.fromResults(results), results.run());

        List<CaseRecord> read = Baseline.read(file).orElseThrow();
        CaseRecord a = read.get(0);
        assertThat(a.answer()).isEqualTo("Within 30 days.");
        assertThat(a.tags()).containsExactly("refund");
        assertThat(a.reasons()).containsExactly("containsIgnoringCase: does not contain \"30 days\"");
        CaseRecord b = read.get(1);
        assertThat(b.answer()).hasSize(CaseRecord.ANSWER_LIMIT);
        assertThat(b.tags()).isEmpty();
        // the same reason of two samples is kept once
        assertThat(b.reasons()).hasSize(1);
        String text = Files.readString(file);
        assertThat(text.indexOf("\"tags\"")).isGreaterThan(0);
        // a case without tags has no "tags" field: only what is known is written
        assertThat(text.split("\"tags\"", -1)).hasSize(2);

        // a baseline written before answers were kept still reads, with nothing known
        Path old = dir.resolve("old.json");
        Files.writeString(
                old,
                "{\"schemaVersion\":1,\"cases\":[{\"key\":\"a.B#a#a1@" + M
                        + "\",\"testId\":\"a.B#a\",\"caseId\":\"a1\",\"model\":\"" + M
                        + "\",\"status\":\"passed\",\"samples\":1,\"passedSamples\":1,\"passRate\":1.0}]}");
        CaseRecord before = Baseline.read(old).orElseThrow().get(0);
        assertThat(before.answer()).isNull();
        assertThat(before.reasons()).isEmpty();
        assertThat(before.tags()).isEmpty();
        assertThat(before.toSummary().has("answer")).isFalse();
        assertThat(before.toSummary().has("reasons")).isFalse();
    }
}
