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
}
