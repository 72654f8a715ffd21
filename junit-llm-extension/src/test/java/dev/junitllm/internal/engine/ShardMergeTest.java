package dev.junitllm.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junitllm.GoldenCase;
import dev.junitllm.GoldenDataset;
import dev.junitllm.LlmConfiguration;
import dev.junitllm.LlmTest;
import dev.junitllm.Model;
import dev.junitllm.results.CaseResult;
import dev.junitllm.results.DatasetGateResult;
import dev.junitllm.results.LlmResults;
import dev.junitllm.results.ResultsReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sharded CI, with real engine runs: a dataset suite run as {@code llm.shard=k/4} for k = 1..4 into four
 * results folders (four CI jobs) and merged by the results module gives the verdicts of the same suite
 * run unsharded — including a gate that passes in a shard and fails over all rows, and one that fails
 * in a shard and passes over all rows. A test outside any dataset runs in every shard and counts once.
 */
class ShardMergeTest {

    /**
     * Rows fall into the 4 shards 26/33/18/23 (by the SHA-256 of their ids). Of the 3 failing rows of
     * gate-100-3, two are in shard 2 (31/33 = 93.9% < 95%: that shard's gate fails; 97/100 passes). The 6
     * failing rows of gate-100-6 fall 0/2/2/2: shard 1's gate passes (26/26), 94/100 fails.
     */
    @Model("openai:gpt-4o-mini")
    static class Suite {
        @LlmTest
        @GoldenDataset(value = "fixtures/datasets/gate-100-3-failing.jsonl", minPassRate = 0.95)
        void threeFailing(GoldenCase c) {
            LlmExtensionSamplesAndGatesTest.failIfMarked(c);
        }

        @LlmTest
        @GoldenDataset(value = "fixtures/datasets/gate-100-6-failing.jsonl", minPassRate = 0.95)
        void sixFailing(GoldenCase c) {
            LlmExtensionSamplesAndGatesTest.failIfMarked(c);
        }

        /** Not a dataset test: every shard runs it, the merged run counts it once. */
        @LlmTest
        void greets() {}
    }

    @Test
    void fourShardsMergedGiveTheVerdictsOfTheUnshardedRun(@TempDir Path tmp) {
        EngineRuns unshardedRun = new EngineRuns(tmp.resolve("unsharded"));
        unshardedRun
                .run(Suite.class)
                .testEvents()
                .assertStatistics(s -> s.started(203).failed(10));
        LlmResults unsharded = ResultsReader.readRun(unshardedRun.resultsDir()).orElseThrow();

        List<Path> shardDirs = new ArrayList<>();
        List<LlmResults> shards = new ArrayList<>();
        for (int k = 1; k <= 4; k++) {
            EngineRuns shard = new EngineRuns(tmp.resolve("shard-" + k));
            shard.run(Suite.class, LlmConfiguration.SHARD, k + "/4");
            shardDirs.add(shard.resultsDir());
            shards.add(ResultsReader.readRun(shard.resultsDir()).orElseThrow());
        }
        LlmResults merged = ResultsReader.readRun(shardDirs, null).orElseThrow();

        // each shard judged its own rows: the verdicts that differ from the whole run's
        assertThat(gate(shards.get(1), "threeFailing").passed()).isFalse();
        assertThat(gate(shards.get(0), "sixFailing").passed()).isTrue();
        assertThat(shards).allSatisfy(s -> assertThat(s.cases().size()).isLessThan(100));

        assertThat(gates(merged)).isEqualTo(gates(unsharded));
        assertThat(gate(merged, "threeFailing").passed()).isTrue();
        assertThat(gate(merged, "sixFailing").passed()).isFalse();
        assertThat(gate(merged, "sixFailing").passedCases()).isEqualTo(94);
        assertThat(gate(merged, "sixFailing").failingCaseIds())
                .containsExactly("case-016", "case-032", "case-048", "case-064", "case-080", "case-096");

        assertThat(merged.totals().cases())
                .isEqualTo(unsharded.totals().cases())
                .isEqualTo(201);
        assertThat(merged.totals().passedCases())
                .isEqualTo(unsharded.totals().passedCases())
                .isEqualTo(192);
        assertThat(merged.totals().failedCases()).isEqualTo(unsharded.totals().failedCases());
        assertThat(casesByDataset(merged)).isEqualTo(casesByDataset(unsharded));
        assertThat(merged.cases()).filteredOn(c -> c.caseId() == null).hasSize(1);
    }

    private static DatasetGateResult gate(LlmResults results, String method) {
        return results.datasets().stream()
                .filter(g -> g.testId().endsWith("#" + method))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no gate of " + method + " in " + results.datasets()));
    }

    /** Each gate as what decides it: dataset, model, rows, passed rows, failing ids, pass rate, verdict. */
    private static List<String> gates(LlmResults results) {
        return results.datasets().stream()
                .map(g -> String.join(
                        " | ",
                        g.testId(),
                        g.dataset(),
                        g.model(),
                        String.valueOf(g.minPassRate()),
                        g.cases() + "/" + g.passedCases(),
                        String.valueOf(g.passRate()),
                        String.valueOf(g.failingCaseIds()),
                        String.valueOf(g.passed())))
                .sorted()
                .toList();
    }

    /** Per dataset (or test, outside datasets): each case id with its status and samples passed. */
    private static Map<String, Map<String, String>> casesByDataset(LlmResults results) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        for (CaseResult c : results.cases()) {
            out.computeIfAbsent(c.dataset() == null ? c.testId() : c.dataset(), d -> new TreeMap<>())
                    .merge(
                            String.valueOf(c.caseId()),
                            c.status() + " " + c.passedSamples() + "/" + c.samplesRun(),
                            (a, b) -> a + ", " + b);
        }
        return out.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }
}
