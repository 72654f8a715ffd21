package dev.junitllm.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junitllm.report.CaseRecord;
import dev.junitllm.results.LlmResults;
import dev.junitllm.results.ResultsReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The build gate on the fixture runs: run 1 is the accepted state, run 2 a model update that regressed. */
class GateTest {

    static final Path FIXTURE = Path.of("src/it/llm-report");

    static LlmResults run(int n) {
        return ResultsReader.read(FIXTURE.resolve("run" + n + "/allure-results/llm-results.json"));
    }

    @Test
    void acceptedRunPassesEvenWithAFailingRowInsideAPassingDatasetGate() throws Exception {
        LlmResults run1 = run(1);
        assertThat(CaseRecord.fromResults(run1)).filteredOn(c -> !c.passed()).hasSize(1);
        assertThat(Gate.failures(run1, CaseRecord.fromResults(run1), true, true, 1.0, 0.05))
                .isEmpty();
    }

    @Test
    void regressedRunFailsOnTheGateTheCasesAndTheRegression() throws Exception {
        List<String> failures = Gate.failures(run(2), CaseRecord.fromResults(run(1)), true, true, null, 0.05);
        assertThat(failures)
                .filteredOn(f -> f.startsWith("dataset gate failed: "))
                .singleElement()
                .asString()
                .contains("datasets/refunds.jsonl [openai:gpt-4o-mini]", "41.7% (5/12) below the gate 75.0%");
        assertThat(failures)
                .filteredOn(f -> f.startsWith("case failed: "))
                .hasSize(8)
                .noneMatch(f -> f.contains("anthropic"))
                .anyMatch(f -> f.contains("dev.example.GreetingTest#greets#@openai:gpt-4o-mini"));
        assertThat(failures)
                .filteredOn(f -> f.startsWith("significant regression against the baseline: "))
                .singleElement()
                .asString()
                .contains("datasets/refunds.jsonl [openai:gpt-4o-mini]", "100.0% -> 41.7%", "p=0.0156");
    }

    @Test
    void eachConditionCanBeSwitchedOff() throws Exception {
        LlmResults run2 = run(2);
        List<String> failures = Gate.failures(run2, CaseRecord.fromResults(run(1)), false, false, null, 0.05);
        assertThat(failures).singleElement().asString().startsWith("dataset gate failed: ");
        assertThat(Gate.failures(run2, null, false, true, null, 0.05)).hasSize(1);
    }

    @Test
    void budget() throws Exception {
        LlmResults run1 = run(1);
        assertThat(Gate.failures(run1, null, true, true, 0.001, 0.05))
                .containsExactly("total cost $0.0076 exceeds maxCostUsd $0.0010 (replay: this is the recorded cost"
                        + " of the replayed calls, nothing was spent in this run)");
        assertThat(Gate.failures(run1, null, true, true, 0.01, 0.05)).isEmpty();
    }

    @Test
    void consoleSummaryListsTotalsRowsAndComparisons() throws Exception {
        var summary = dev.junitllm.report.ReportSummary.builder(List.of(run(2)))
                .baseline(CaseRecord.fromResults(run(1)))
                .build();
        List<String> lines = ConsoleSummary.lines(summary);
        assertThat(lines.get(0))
                .startsWith("junit-llm: 25 cases, 16 passed (64.0%, 95% CI 44.5-79.8%), cost $0.0076"
                        + " (model $0.0059, judge $0.0016), 13,230 tokens, latency p50 500 ms / p95 650 ms");
        assertThat(lines)
                .anyMatch(l ->
                        l.contains("openai:gpt-4o-mini") && l.contains("5/12") && l.contains("gate >= 75.0% FAILED"))
                .anyMatch(l -> l.contains("anthropic:claude-haiku-4-5") && l.contains("gate >= 75.0% ok"))
                .anyMatch(l -> l.startsWith("  vs baseline: 96.0% -> 64.0% on 25 paired cases")
                        && l.endsWith("SIGNIFICANT REGRESSION"));
    }

    /** A baseline with none of this run's cases is "not compared", and check fails on it unless told not to. */
    @Test
    void zeroPairedCasesFailTheCheckUnlessConfiguredNotTo() throws Exception {
        LlmResults run1 = run(1);
        List<CaseRecord> otherProject = CaseRecord.fromResults(run1).stream()
                .map(c -> new CaseRecord(
                        c.key().replace("dev.example.", "dev.other."),
                        c.testId().replace("dev.example.", "dev.other."),
                        c.dataset(),
                        c.caseId(),
                        c.model(),
                        c.displayName(),
                        c.status(),
                        c.samples(),
                        c.passedSamples(),
                        c.passRate(),
                        c.score(),
                        c.modelCostUsd(),
                        c.judgeCostUsd(),
                        c.costUsd(),
                        c.inputTokens(),
                        c.outputTokens(),
                        c.latencyMs(),
                        c.failureReason(),
                        c.callLatenciesMs()))
                .toList();
        assertThat(Gate.failures(run1, otherProject, true, true, null, 0.05))
                .singleElement()
                .asString()
                .startsWith("not compared with the baseline: 0 of this run's 25 cases pair")
                .endsWith("(set llm.failOnNotCompared=false to accept this)");
        assertThat(Gate.failures(run1, otherProject, true, true, false, null, 0.05))
                .isEmpty();
        var summary = dev.junitllm.report.ReportSummary.builder(List.of(run1))
                .baseline(otherProject)
                .build();
        assertThat(ConsoleSummary.lines(summary))
                .filteredOn(ConsoleSummary::isWarning)
                .singleElement()
                .asString()
                .startsWith("  vs baseline: NOT COMPARED — 0 of this run's 25 cases");
    }

    @Test
    void modelsOfAMatrixAreListed() throws Exception {
        var summary = dev.junitllm.report.ReportSummary.builder(List.of(run(2))).build();
        assertThat(ConsoleSummary.lines(summary))
                .anyMatch(l -> l.startsWith("  models on datasets/refunds.jsonl: ") && l.contains("paired cases"));
    }

    @Test
    void maxCostUsdFromTheCommandLineOverridesThePom() throws Exception {
        CheckMojo mojo = new CheckMojo();
        System.setProperty("llm.maxCostUsd", "2.5");
        try {
            assertThat(mojo.commandLineOverride("llm.maxCostUsd", 0.5)).isEqualTo(2.5);
        } finally {
            System.clearProperty("llm.maxCostUsd");
        }
        assertThat(mojo.commandLineOverride("llm.maxCostUsd", 0.5)).isEqualTo(0.5);
    }
}
