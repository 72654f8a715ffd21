package dev.junitllm.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Forked Surefire (every JVM its own file) and CI shards (several directories) read as one run. */
class ReadRunTest {

    private static final String TEST = "dev.example.RefundTest#refunds";
    private static final String DATASET = "datasets/refunds.jsonl";
    private static final String MODEL = "openai:gpt-4o-mini";

    /** One JVM's (or shard's) part of a run: its rows and its own gate over them (min pass rate 0.75). */
    static LlmResults part(String testId, int from, int to, int failing) {
        List<CaseResult> cases = new ArrayList<>();
        List<String> failingIds = new ArrayList<>();
        for (int i = from; i < to; i++) {
            boolean fails = i - from < failing;
            cases.add(ResultsWriterTest.caseResult("refund-" + i, fails ? CaseStatus.FAILED : CaseStatus.PASSED));
            if (fails) {
                failingIds.add("refund-" + i);
            }
        }
        int n = to - from;
        DatasetGateResult gate = DatasetGateResult.of(
                testId, DATASET, MODEL, 0.75, n, n - failing, failingIds, (double) (n - failing) / n >= 0.75);
        Totals totals = new Totals(
                1,
                n,
                n - failing,
                failing,
                n,
                n,
                new Tokens(n, n, 0, 0, 0),
                new Cost(0.001 * n, 0.0, 0.001 * n, 0),
                Latency.NONE);
        RunInfo run = new RunInfo(
                "2026-11-27T14:00:0" + from % 10 + "Z",
                "2026-11-27T14:01:0" + from % 10 + "Z",
                "replay",
                List.of(MODEL),
                null,
                null,
                null,
                List.of());
        return new LlmResults(
                1,
                run,
                totals,
                List.of(gate),
                List.of(),
                List.of(new TestResult(testId, "dev.example.RefundTest", "refunds", cases)));
    }

    @Test
    void everyJvmsFileIsReadAsOneRunWithGatesDecidedOverAllRows(@TempDir Path dir) {
        // fork 1 ran 4 rows, all passing; fork 2 ran 4 rows, 2 failing: 6/8 = 75% passes the 0.75 gate
        // although fork 2's own gate (2/4) failed
        ResultsWriter.write(dir, part(TEST, 4, 8, 2)); // llm-results.json: the last fork's copy
        ResultsWriter.writePart(dir, part(TEST, 0, 4, 0), "101-a");
        ResultsWriter.writePart(dir, part(TEST, 4, 8, 2), "102-b");
        ResultsWriter.writePart(dir, part("dev.example.GreetingTest#greets", 0, 1, 0), "103-c");

        LlmResults run = ResultsReader.readRun(dir).orElseThrow();

        assertThat(run.tests()).extracting(TestResult::testId).containsExactly(TEST, "dev.example.GreetingTest#greets");
        assertThat(run.cases()).hasSize(9);
        assertThat(run.totals().cases()).isEqualTo(9);
        assertThat(run.totals().failedCases()).isEqualTo(2);
        assertThat(run.totals().costUsd().total()).isCloseTo(0.009, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(run.run().startedAt()).isEqualTo("2026-11-27T14:00:00Z");
        DatasetGateResult refunds = run.datasets().stream()
                .filter(d -> d.testId().equals(TEST))
                .findFirst()
                .orElseThrow();
        assertThat(refunds.cases()).isEqualTo(8);
        assertThat(refunds.passedCases()).isEqualTo(6);
        assertThat(refunds.passed()).isTrue();
        assertThat(refunds.failingCaseIds()).containsExactly("refund-4", "refund-5");
    }

    @Test
    void aSingleJvmRunIsItsLlmResultsJson(@TempDir Path dir) {
        ResultsWriter.write(dir, part(TEST, 0, 4, 1));
        assertThat(ResultsReader.runFiles(List.of(dir), null)).containsExactly(dir.resolve("llm-results.json"));
        assertThat(ResultsReader.readRun(dir).orElseThrow().cases()).hasSize(4);
        assertThat(ResultsReader.readRun(dir.resolve("missing"))).isEmpty();
    }

    @Test
    void filesOfAnEarlierBuildAreLeftOut(@TempDir Path dir) throws Exception {
        Path old = ResultsWriter.writePart(dir, part(TEST, 0, 4, 0), "1-old");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minusSeconds(3600)));
        ResultsWriter.writePart(dir, part(TEST, 4, 8, 0), "2-new");
        Instant buildStart = Instant.now().minusSeconds(60);
        assertThat(ResultsReader.readRun(List.of(dir), buildStart).orElseThrow().cases())
                .hasSize(4);
        assertThat(ResultsReader.readRun(List.of(dir), null).orElseThrow().cases())
                .hasSize(8);
    }

    /** Four CI shards merged decide the gate as the unsharded run does. */
    @Test
    void fourShardsMergedGiveTheUnshardedVerdicts(@TempDir Path root) {
        // unsharded: 16 rows, 5 failing -> 11/16 = 68.75% < 75%: the gate fails
        LlmResults unsharded = part(TEST, 0, 16, 5);
        // shards of 4 rows: the failing rows fall 3, 2, 0, 0 -> shard gates fail, fail, pass, pass
        List<Path> shards = new ArrayList<>();
        int[] failing = {3, 2, 0, 0};
        for (int k = 0; k < 4; k++) {
            Path dir = root.resolve("shard-" + (k + 1));
            ResultsWriter.write(dir, part(TEST, 4 * k, 4 * k + 4, failing[k]));
            shards.add(dir);
        }
        LlmResults merged = ResultsReader.readRun(shards, null).orElseThrow();
        DatasetGateResult m = merged.datasets().get(0);
        DatasetGateResult u = unsharded.datasets().get(0);
        assertThat(merged.datasets()).hasSize(1);
        assertThat(m.passed()).isEqualTo(u.passed()).isFalse();
        assertThat(m.cases()).isEqualTo(u.cases());
        assertThat(m.passedCases()).isEqualTo(u.passedCases());
        assertThat(m.passRate()).isEqualTo(u.passRate());
        assertThat(merged.cases())
                .extracting(CaseResult::caseId)
                .containsExactlyElementsOf(
                        unsharded.cases().stream().map(CaseResult::caseId).toList());
    }
}
