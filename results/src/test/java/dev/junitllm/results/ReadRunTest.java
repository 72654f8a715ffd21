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

    /** {@link #part} as written by {@code build}, finished at {@code finishedAt}. */
    static LlmResults part(String testId, int from, int to, int failing, String build, Instant finishedAt) {
        LlmResults p = part(testId, from, to, failing);
        RunInfo r = p.run();
        return new LlmResults(
                p.schemaVersion(),
                new RunInfo(
                        finishedAt.minusSeconds(30).toString(),
                        finishedAt.toString(),
                        r.mode(),
                        r.models(),
                        r.judgeModel(),
                        r.gitCommit(),
                        r.priceTableDate(),
                        r.prompts(),
                        build),
                p.totals(),
                p.datasets(),
                p.comparisons(),
                p.tests());
    }

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final String B1 = "4001@2026-12-01T09:59:00Z";
    private static final String B2 = "4002@2026-12-01T10:09:00Z";
    private static final String B3 = "4003@2026-12-01T10:19:00Z";

    /** Earlier builds' per-JVM files stay in target/llm-results until `mvn clean`: only the newest build is read. */
    @Test
    void onlyTheNewestBuildsFilesAreReadWithoutAnyTimeLimit(@TempDir Path dir) {
        ResultsWriter.writePart(dir, part(TEST, 0, 4, 4, B1, T0), "11-a");
        ResultsWriter.writePart(dir, part(TEST, 4, 8, 4, B1, T0.plusSeconds(1)), "12-b");
        ResultsWriter.writePart(dir, part(TEST, 0, 4, 1, B2, T0.plusSeconds(600)), "21-a");
        ResultsWriter.writePart(dir, part(TEST, 4, 8, 0, B2, T0.plusSeconds(601)), "22-b");
        ResultsWriter.write(dir, part(TEST, 4, 8, 0, B2, T0.plusSeconds(601)));

        assertThat(ResultsReader.runFiles(List.of(dir), null))
                .containsExactly(dir.resolve("llm-results-21-a.json"), dir.resolve("llm-results-22-b.json"));
        LlmResults run = ResultsReader.readRun(dir).orElseThrow();
        assertThat(run.cases()).hasSize(8);
        assertThat(run.totals().failedCases()).isEqualTo(1);
        assertThat(run.run().build()).isEqualTo(B2);
        assertThat(run.run().finishedAt()).isEqualTo(T0.plusSeconds(601).toString());
    }

    /** An IDE run after a forked Maven build writes only llm-results.json: that newer file is the run. */
    @Test
    void aNewerSingleJvmRunBeatsAnEarlierForkedBuild(@TempDir Path dir) {
        ResultsWriter.writePart(dir, part(TEST, 0, 4, 0, B1, T0), "11-a");
        ResultsWriter.writePart(dir, part(TEST, 4, 8, 0, B1, T0.plusSeconds(1)), "12-b");
        ResultsWriter.write(dir, part(TEST, 0, 8, 3, B2, T0.plusSeconds(600)));

        assertThat(ResultsReader.runFiles(List.of(dir), null)).containsExactly(dir.resolve("llm-results.json"));
        assertThat(ResultsReader.readRun(dir).orElseThrow().totals().failedCases())
                .isEqualTo(3);
    }

    /** A rerun reads the previous build while the forks of its own build are already writing theirs. */
    @Test
    void thePreviousRunIsTheNewestOtherBuild(@TempDir Path dir) {
        ResultsWriter.writePart(dir, part(TEST, 0, 4, 4, B1, T0), "11-a");
        ResultsWriter.writePart(dir, part(TEST, 0, 4, 1, B2, T0.plusSeconds(600)), "21-a");
        ResultsWriter.writePart(dir, part(TEST, 4, 8, 2, B2, T0.plusSeconds(601)), "22-b");
        ResultsWriter.writePart(dir, part(TEST, 0, 4, 0, B3, T0.plusSeconds(1200)), "31-a");

        // a fork of B3 starting after its sibling 31-a finished
        assertThat(ResultsReader.previousRunFiles(dir, B3, "llm-results-32-b.json"))
                .containsExactly(dir.resolve("llm-results-21-a.json"), dir.resolve("llm-results-22-b.json"));
        // the JVM that wrote 31-a runs the tests again (a second launcher session in one JVM)
        assertThat(ResultsReader.previousRunFiles(dir, B3, "llm-results-31-a.json"))
                .containsExactly(dir.resolve("llm-results-31-a.json"));
        assertThat(ResultsReader.previousRunFiles(dir, "another", null))
                .containsExactly(dir.resolve("llm-results-31-a.json"));
        assertThat(ResultsReader.buildFiles(dir, B2)).hasSize(2);
        assertThat(ResultsReader.buildFiles(dir, B1)).containsExactly(dir.resolve("llm-results-11-a.json"));
        assertThat(ResultsReader.buildFiles(dir, "unknown")).isEmpty();
    }

    @Test
    void aBuildDeletesTheFilesOfBuildsBeforeThePreviousOneAndNeverItsOwnOrAConcurrentOnes(@TempDir Path dir) {
        Path b1a = ResultsWriter.writePart(dir, part(TEST, 0, 4, 4, B1, T0), "11-a");
        Path b1b = ResultsWriter.writePart(dir, part(TEST, 4, 8, 4, B1, T0.plusSeconds(1)), "12-b");
        Path legacy = ResultsWriter.writePart(dir, part(TEST, 0, 4, 0), "9-legacy"); // no build, older release
        Path b2 = ResultsWriter.writePart(dir, part(TEST, 0, 4, 1, B2, T0.plusSeconds(600)), "21-a");
        Path b3 = ResultsWriter.writePart(dir, part(TEST, 0, 4, 0, B3, T0.plusSeconds(1200)), "31-a");
        // a build started at 10:19:30 that is still running wrote this one after B3 started
        Path concurrent = ResultsWriter.writePart(dir, part(TEST, 4, 8, 0, "4004@x", T0.plusSeconds(1300)), "41-a");
        Path single = ResultsWriter.write(dir, part(TEST, 0, 4, 0, B1, T0));

        List<Path> deleted = ResultsWriter.deleteEarlierBuilds(dir, B3, T0.plusSeconds(1170));

        assertThat(deleted).containsExactlyInAnyOrder(b1a, b1b, legacy);
        assertThat(dir.resolve("llm-results-11-a.json")).doesNotExist();
        assertThat(b2).exists(); // the previous build: a later fork of B3 may rerun its failures
        assertThat(b3).exists();
        assertThat(concurrent).exists();
        assertThat(single).exists(); // llm-results.json is replaced by each write, never deleted
        assertThat(ResultsWriter.deleteEarlierBuilds(dir, B3, T0.plusSeconds(1170)))
                .isEmpty();
    }

    @Test
    void mergedInstantsCompareAsInstantsNotText() {
        LlmResults a = part(TEST, 0, 4, 0, B2, Instant.parse("2026-12-01T10:00:52Z"));
        LlmResults b = part(TEST, 4, 8, 0, B2, Instant.parse("2026-12-01T10:00:52.500Z"));
        LlmResults merged = RunMerge.merge(List.of(b, a));
        assertThat(merged.run().finishedAt()).isEqualTo("2026-12-01T10:00:52.500Z");
        assertThat(merged.run().build()).isEqualTo(B2);
        LlmResults shards = RunMerge.merge(List.of(a, part(TEST, 4, 8, 0, B3, T0)));
        assertThat(shards.run().build()).isNull();
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
