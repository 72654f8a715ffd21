package dev.junitllm.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junitllm.GoldenCase;
import dev.junitllm.GoldenDataset;
import dev.junitllm.LlmConfiguration;
import dev.junitllm.LlmTest;
import dev.junitllm.Model;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Condition;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * What the dataset gate does when JUnit runs only some rows: an IDE's "rerun failed" selects rows
 * and the gate by unique id, and JUnit filters the invocations only after the provider yielded them
 * all. The gate must neither wait for rows that will not run nor pass a verdict on the dataset. A
 * regression hangs, so every test has a timeout.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GateSelectionTest {

    private static final String GATE = "dataset gate: fixtures/datasets/gate-100-3-failing.jsonl needs 95.0% of cases";

    @TempDir
    Path tmp;

    @Model("openai:gpt-4o-mini")
    static class Tolerant {
        @LlmTest
        @GoldenDataset(value = "fixtures/datasets/gate-100-3-failing.jsonl", minPassRate = 0.95)
        void answers(GoldenCase c) {
            LlmExtensionSamplesAndGatesTest.failIfMarked(c);
        }
    }

    /** Disables case-050 by an execution condition: JUnit creates its invocation but never runs it. */
    @Model("openai:gpt-4o-mini")
    @ExtendWith(DisablesCase050.class)
    static class OneRowDisabled {
        @LlmTest
        @GoldenDataset(value = "fixtures/datasets/gate-100-3-failing.jsonl", minPassRate = 0.95)
        void answers(GoldenCase c) {
            LlmExtensionSamplesAndGatesTest.failIfMarked(c);
        }
    }

    static class DisablesCase050 implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getDisplayName().startsWith("case-050")
                    ? ConditionEvaluationResult.disabled("not today")
                    : ConditionEvaluationResult.enabled("");
        }
    }

    /** The unique id of invocation {@code n} (1-based; 101 is the gate) of {@code Tolerant#answers}. */
    private static UniqueId invocation(Class<?> fixture, int n) {
        return UniqueId.forEngine("junit-jupiter")
                .append("class", fixture.getName())
                .append("test-template", "answers(dev.junitllm.GoldenCase)")
                .append("test-template-invocation", "#" + n);
    }

    private EngineExecutionResults run(boolean parallel, DiscoverySelector... selectors) {
        var kit = EngineTestKit.engine("junit-jupiter")
                .selectors(selectors)
                .configurationParameter(
                        LlmConfiguration.RESULTS_DIR, tmp.resolve("results").toString());
        if (parallel) {
            String[] config = EngineRuns.parallel(4);
            for (int i = 0; i < config.length; i += 2) {
                kit = kit.configurationParameter(config[i], config[i + 1]);
            }
        }
        return kit.execute();
    }

    private EngineExecutionResults runInvocations(boolean parallel, int... invocations) {
        return run(
                parallel,
                Arrays.stream(invocations)
                        .mapToObj(n -> selectUniqueId(invocation(Tolerant.class, n)))
                        .toArray(DiscoverySelector[]::new));
    }

    /** The gate's event when it ran over {@code ran} of {@code rows} rows. */
    static Condition<Event> noDatasetVerdict(int ran, int rows) {
        return event(
                test(),
                abortedWithReason(
                        message(m -> m.endsWith("over " + ran + " of " + rows + " rows: not a dataset verdict"))));
    }

    private JsonNode results() {
        return new EngineRuns(tmp).results();
    }

    @ParameterizedTest(name = "parallel={0}")
    @ValueSource(booleans = {false, true})
    void aRowAloneRunsWithoutItsGate(boolean parallel) {
        EngineExecutionResults r = runInvocations(parallel, 33);

        r.testEvents().assertStatistics(s -> s.started(1).failed(1));
        assertThat(results().path("datasets")).isEmpty();
    }

    @ParameterizedTest(name = "parallel={0}")
    @ValueSource(booleans = {false, true})
    void aRowAndItsGateRunAndTheGateSaysItIsNoDatasetVerdict(boolean parallel) {
        EngineExecutionResults r = runInvocations(parallel, 33, 101);

        r.testEvents().assertStatistics(s -> s.started(2).failed(1).aborted(1));
        r.testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                test(),
                                displayName(GATE),
                                abortedWithReason(
                                        message("Dataset gate of fixtures/datasets/gate-100-3-failing.jsonl on "
                                                + "openai:gpt-4o-mini over 1 of 100 rows: not a dataset verdict"))));
        assertThat(results().path("datasets")).isEmpty();
    }

    @ParameterizedTest(name = "parallel={0}")
    @ValueSource(booleans = {false, true})
    void theGateAloneRunsNoRowAndJudgesNothing(boolean parallel) {
        runInvocations(parallel, 101)
                .testEvents()
                .assertStatistics(s -> s.started(1).aborted(1))
                .assertThatEvents()
                .haveExactly(1, noDatasetVerdict(0, 100));
    }

    @ParameterizedTest(name = "parallel={0}")
    @ValueSource(booleans = {false, true})
    void twoRowsAndTheGate(boolean parallel) {
        runInvocations(parallel, 1, 33, 101)
                .testEvents()
                .assertStatistics(s -> s.started(3).succeeded(1).failed(1).aborted(1))
                .assertThatEvents()
                .haveExactly(1, noDatasetVerdict(2, 100));
    }

    @ParameterizedTest(name = "parallel={0}")
    @ValueSource(booleans = {false, true})
    void aMethodSelectionRunsEveryRowAndTheGateDecides(boolean parallel) {
        run(parallel, selectMethod(Tolerant.class, "answers", GoldenCase.class.getName()))
                .testEvents()
                .assertStatistics(s -> s.started(101).succeeded(98).failed(3))
                .assertThatEvents()
                .haveExactly(1, event(test(), displayName(GATE), finishedSuccessfully()));
        assertThat(results().at("/datasets/0/cases").asInt()).isEqualTo(100);
    }

    @ParameterizedTest(name = "parallel={0}")
    @ValueSource(booleans = {false, true})
    void aRowDisabledByAConditionIsNotWaitedForNorCounted(boolean parallel) {
        EngineExecutionResults r =
                run(parallel, org.junit.platform.engine.discovery.DiscoverySelectors.selectClass(OneRowDisabled.class));

        r.testEvents().assertStatistics(s -> s.skipped(1).succeeded(97).failed(3));
        JsonNode gate = results().at("/datasets/0");
        assertThat(gate.path("cases").asInt()).isEqualTo(99);
        assertThat(gate.path("passed").asBoolean()).isTrue();
    }
}
