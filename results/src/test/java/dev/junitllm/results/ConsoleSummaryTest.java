package dev.junitllm.results;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConsoleSummaryTest {

    private static String print(String json, Path file) throws Exception {
        LlmResults results = ResultsReader.read(new ObjectMapper().readTree(json));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleSummary.print(results, file, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theHeaderCountsCasesThatRanInAnotherModeThanTheRun() throws Exception {
        String out = print("""
                {"run": {"mode": "replay"},
                 "tests": [{"cases": [{"mode": "replay", "status": "passed"}, {"mode": "live", "status": "passed"},
                                      {"mode": "auto", "status": "passed"}, {"mode": "live", "status": "passed"}]}]}
                """, Path.of("target/llm-results/llm-results.json"));
        assertThat(out).contains("junit-llm ── mode replay (1 case auto, 2 cases live) ── ");
    }

    @Test
    void aRunWhoseCasesAllRanInItsModeSaysOnlyTheMode() throws Exception {
        String out = print("""
                {"run": {"mode": "record"}, "tests": [{"cases": [{"mode": "record", "status": "passed"}]}]}
                """, Path.of("target/llm-results/llm-results.json"));
        assertThat(out).contains("junit-llm ── mode record ── ");
    }

    @Test
    void aResultsFileThatWasNotWrittenIsSaidSo() throws Exception {
        String out = print("{\"run\": {\"mode\": \"replay\"}, \"tests\": []}", null);
        assertThat(out).contains("results: not written (see the error above)");
    }
}
