package dev.junitllm.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.junitllm.LlmConfiguration;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/** {@code llm.dataset.ids} and {@code llm.rerun=failed}, through the JUnit Platform. */
class SelectAndRerunTest {

    private static final Class<?> FIXTURE = GateSelectionTest.Tolerant.class;

    @TempDir
    Path tmp;

    private EngineExecutionResults run(String... config) {
        return new EngineRuns(tmp).run(FIXTURE, config);
    }

    private static List<String> started(EngineExecutionResults r) {
        return r.testEvents().started().stream()
                .map(Event::getTestDescriptor)
                .map(d -> d.getDisplayName())
                .toList();
    }

    @Test
    void idsRunOnlyThoseCasesAndTheGateGivesNoDatasetVerdict() {
        EngineExecutionResults r = run(LlmConfiguration.DATASET_IDS, "case-066, case-002");

        assertThat(started(r))
                .containsExactly(
                        "case-002: question 2",
                        "case-066: question 66",
                        "dataset gate: fixtures/datasets/gate-100-3-failing.jsonl needs 95.0% of cases");
        r.testEvents()
                .assertStatistics(s -> s.succeeded(1).failed(1).aborted(1))
                .assertThatEvents()
                .haveExactly(1, GateSelectionTest.noDatasetVerdict(2, 100));
        assertThat(new EngineRuns(tmp).results().path("datasets")).isEmpty();
    }

    @Test
    void anIdThatLooksLikeATypoFailsTheGateNamingTheCloseIds() {
        run(LlmConfiguration.DATASET_IDS, "case-033,case-33")
                .testEvents()
                .assertStatistics(s -> s.started(2).failed(2))
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                test(),
                                finishedWithFailure(
                                        instanceOf(ExtensionConfigurationException.class),
                                        message(
                                                m -> m.startsWith(
                                                        "Invalid value for configuration parameter [llm.dataset.ids]: "
                                                                + "not a case of fixtures/datasets/gate-100-3-failing.jsonl: case-33 (close: case-033, ")))));
    }

    @Test
    void rerunFailedRunsTheCasesThatDidNotPassLastTime() {
        run().testEvents().assertStatistics(s -> s.started(101).failed(3));

        EngineExecutionResults rerun = run(LlmConfiguration.RERUN, "failed");

        assertThat(started(rerun))
                .containsExactly(
                        "case-033: question 33",
                        "case-066: question 66",
                        "case-099: question 99",
                        "dataset gate: fixtures/datasets/gate-100-3-failing.jsonl needs 95.0% of cases");
    }

    @Test
    void rerunFailedWithIdsRunsOnlyIdsInBoth() {
        run();

        assertThat(started(run(LlmConfiguration.RERUN, "failed", LlmConfiguration.DATASET_IDS, "case-066,case-001")))
                .containsExactly(
                        "case-066: question 66",
                        "dataset gate: fixtures/datasets/gate-100-3-failing.jsonl needs 95.0% of cases");
    }

    @Test
    void rerunFailedWithoutAPreviousRunSaysWhatIsMissing() {
        run(LlmConfiguration.RERUN, "failed")
                .containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(finishedWithFailure(
                                message(m -> m.startsWith("llm.rerun=failed needs the results of a previous run")
                                        && m.contains("llm-results.json")))));
    }

    @Test
    void anInvalidRerunValueNamesTheKeyAndWhatIsAllowed() {
        run(LlmConfiguration.RERUN, "failures")
                .containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                finishedWithFailure(
                                        message(
                                                "Invalid value [failures] for configuration parameter [llm.rerun]: allowed is failed"))));
    }
}
