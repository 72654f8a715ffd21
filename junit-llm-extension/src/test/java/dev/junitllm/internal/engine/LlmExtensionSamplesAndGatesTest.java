package dev.junitllm.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junitllm.GoldenCase;
import dev.junitllm.GoldenDataset;
import dev.junitllm.LlmClient;
import dev.junitllm.LlmConfiguration;
import dev.junitllm.LlmTest;
import dev.junitllm.Models;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.Condition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Samples, early stop, the case verdict and the dataset gate, run through the JUnit Platform on
 * fixture classes whose bodies pass or fail on purpose (no model is called).
 */
class LlmExtensionSamplesAndGatesTest {

    @TempDir
    Path results;

    static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();

    @BeforeEach
    void reset() {
        RUNS.clear();
    }

    private EngineExecutionResults run(Class<?> fixture, String... config) {
        var kit = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(fixture))
                .configurationParameter(LlmConfiguration.RESULTS_DIR, results.toString())
                .configurationParameter(LlmConfiguration.MODEL, "openai:gpt-4o-mini");
        for (int i = 0; i < config.length; i += 2) {
            kit = kit.configurationParameter(config[i], config[i + 1]);
        }
        return kit.execute();
    }

    private JsonNode resultsFile() throws IOException {
        return new ObjectMapper().readTree(results.resolve("llm-results.json").toFile());
    }

    static Condition<Event> displayNameStartingWith(String prefix) {
        return new Condition<>(
                e -> e.getTestDescriptor().getDisplayName().startsWith(prefix), "display name starting with " + prefix);
    }

    private static int count(String key) {
        return RUNS.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    // ── samples ────────────────────────────────────────────────────────────────────────────────

    static class TwoOfFiveFail {
        @LlmTest(samples = 5, minPassRate = 0.6, earlyStop = false)
        void flaky() {
            int run = count("flaky");
            if (run == 2 || run == 4) {
                throw new AssertionError("sample " + run + " said 14 days");
            }
        }
    }

    @Test
    void caseWithEnoughPassingSamplesPassesAndKeepsEverySample() throws IOException {
        run(TwoOfFiveFail.class)
                .testEvents()
                .assertStatistics(s -> s.succeeded(1).failed(0));

        JsonNode c = resultsFile().at("/tests/0/cases/0");
        assertThat(RUNS.get("flaky")).hasValue(5);
        assertThat(c.path("status").asText()).isEqualTo("passed");
        assertThat(c.path("samplesRun").asInt()).isEqualTo(5);
        assertThat(c.path("passedSamples").asInt()).isEqualTo(3);
        assertThat(c.path("passRate").asDouble()).isEqualTo(0.6);
        assertThat(c.at("/samples/1/passed").asBoolean()).isFalse();
        assertThat(c.at("/samples/1/error").asText()).isEqualTo("sample 2 said 14 days");
        // Wilson 95% interval of 3/5
        assertThat(c.at("/interval/low").asDouble()).isCloseTo(0.2307, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(c.at("/interval/high").asDouble()).isCloseTo(0.8824, org.assertj.core.data.Offset.offset(1e-3));
    }

    static class ThreeOfFiveFail {
        @LlmTest(samples = 5, minPassRate = 0.6, earlyStop = false)
        void flaky() {
            int run = count("flaky");
            if (run != 1 && run != 5) {
                throw new AssertionError("sample " + run + " failed");
            }
        }
    }

    @Test
    void caseBelowItsPassRateFailsWithRateIntervalAndFirstFailure() {
        run(ThreeOfFiveFail.class)
                .testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                test(),
                                finishedWithFailure(
                                        instanceOf(AssertionError.class),
                                        message(m -> m.startsWith(
                                                        "2 of 5 samples passed (40.0%, 95% CI [11.8%, 76.9%]); the case needs 60.0%; first failure: sample 2 failed")
                                                && m.contains("failure 3: sample 4 failed")))));
    }

    static class AllPass {
        @LlmTest(samples = 5, minPassRate = 0.6)
        void stable() {
            count("stable");
        }
    }

    @Test
    void earlyStopEndsSamplingOnceThePassIsCertain() throws IOException {
        run(AllPass.class).testEvents().assertStatistics(s -> s.succeeded(1));

        assertThat(RUNS.get("stable")).hasValue(3);
        JsonNode c = resultsFile().at("/tests/0/cases/0");
        assertThat(c.path("samplesPlanned").asInt()).isEqualTo(5);
        assertThat(c.path("samplesRun").asInt()).isEqualTo(3);
    }

    static class AllFail {
        @LlmTest(samples = 10, minPassRate = 0.8)
        void broken() {
            count("broken");
            throw new AssertionError("wrong");
        }
    }

    @Test
    void earlyStopEndsSamplingOnceTheFailureIsCertain() {
        run(AllFail.class).testEvents().assertStatistics(s -> s.failed(1));
        // 8 of 10 must pass: the 3rd failure makes that impossible
        assertThat(RUNS.get("broken")).hasValue(3);
    }

    @Test
    void earlyStopCanBeSwitchedOffByConfiguration() {
        run(AllFail.class, LlmConfiguration.EARLY_STOP, "false");
        assertThat(RUNS.get("broken")).hasValue(10);
    }

    static class Erroring {
        @LlmTest(samples = 5, minPassRate = 0.2)
        void explodes() {
            count("explodes");
            throw new IllegalStateException("no recording");
        }
    }

    @Test
    void anErrorStopsTheCaseAtOnceAndIsNotAFailedSample() throws IOException {
        run(Erroring.class)
                .testEvents()
                .assertThatEvents()
                .haveExactly(1, event(test(), finishedWithFailure(instanceOf(IllegalStateException.class))));
        assertThat(RUNS.get("explodes")).hasValue(1);
        assertThat(resultsFile().at("/tests/0/cases/0/status").asText()).isEqualTo("error");
    }

    static class BadSamples {
        @LlmTest(samples = 0)
        void none() {}
    }

    @Test
    void invalidSamplesIsAConfigurationError() {
        run(BadSamples.class)
                .containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(finishedWithFailure(
                                instanceOf(ExtensionConfigurationException.class),
                                message("@LlmTest [none] samples must be at least 1 but was 0"))));
    }

    /** The gate fixtures' body: a row marked {@code "shouldFail": true} fails, every other passes. */
    static void failIfMarked(GoldenCase c) {
        if (c.get("shouldFail").orElse("false").equals("true")) {
            throw new AssertionError("answer for " + c.id() + " missed the point");
        }
    }

    // ── the dataset gate ───────────────────────────────────────────────────────────────────────

    static class ThreePercentFailing {
        @LlmTest
        @GoldenDataset(value = "fixtures/datasets/gate-100-3-failing.jsonl", minPassRate = 0.95)
        void answers(GoldenCase c) {
            failIfMarked(c);
        }
    }

    @Test
    void threePercentFailingPassesTheGateWhileEachFailingCaseFailsVisibly() throws IOException {
        EngineExecutionResults r = run(ThreePercentFailing.class);

        r.testEvents()
                .assertStatistics(s -> s.started(101).succeeded(98).aborted(0).failed(3));
        r.testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                test(),
                                displayName("case-033: question 33"),
                                finishedWithFailure(
                                        instanceOf(AssertionError.class),
                                        message("answer for case-033 missed the point"))))
                .haveExactly(
                        1,
                        event(
                                test(),
                                displayName(
                                        "dataset gate: fixtures/datasets/gate-100-3-failing.jsonl needs 95.0% of cases"),
                                finishedSuccessfully()));
        JsonNode gate = resultsFile().at("/datasets/0");
        assertThat(gate.path("passed").asBoolean()).isTrue();
        assertThat(gate.path("passRate").asDouble()).isEqualTo(0.97);
        assertThat(gate.path("failingCaseIds")).hasSize(3);
        assertThat(resultsFile().at("/totals/failedCases").asInt()).isEqualTo(3);
    }

    static class SixPercentFailing {
        @LlmTest
        @GoldenDataset(value = "fixtures/datasets/gate-100-6-failing.jsonl", minPassRate = 0.95)
        void answers(GoldenCase c) {
            failIfMarked(c);
        }
    }

    @Test
    void sixPercentFailingFailsTheGateWithRateIntervalAndFailingIds() throws IOException {
        EngineExecutionResults r = run(SixPercentFailing.class);

        r.testEvents()
                .assertStatistics(s -> s.started(101).succeeded(94).aborted(0).failed(7));
        r.testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                test(),
                                displayName(
                                        "dataset gate: fixtures/datasets/gate-100-6-failing.jsonl needs 95.0% of cases"),
                                finishedWithFailure(message(m -> m.startsWith(
                                                "Dataset gate failed: fixtures/datasets/gate-100-6-failing.jsonl on openai:gpt-4o-mini: "
                                                        + "94/100 cases passed = 94.0% (95% CI [87.5%, 97.2%]), required 95.0%; "
                                                        + "failing cases: case-016, case-032, case-048, case-064, case-080, case-096")
                                        && m.contains(System.lineSeparator()
                                                + "  case-016: answer for case-016 missed the point")))));
        assertThat(resultsFile().at("/datasets/0/passed").asBoolean()).isFalse();
    }

    static class StrictDataset {
        @LlmTest
        @GoldenDataset("fixtures/datasets/gate-100-3-failing.jsonl")
        void answers(GoldenCase c) {
            failIfMarked(c);
        }
    }

    @Test
    void withoutToleranceFailingCasesFailThemselves() {
        run(StrictDataset.class)
                .testEvents()
                .assertStatistics(s -> s.succeeded(97).failed(4).aborted(0));
    }

    @Test
    void gatePassesUnderParallelExecution() throws IOException {
        run(ThreePercentFailing.class, EngineRuns.parallel(4))
                .testEvents()
                .assertStatistics(s -> s.succeeded(98).aborted(0).failed(3));
        assertThat(resultsFile().at("/datasets/0/cases").asInt()).isEqualTo(100);
    }

    // ── models ─────────────────────────────────────────────────────────────────────────────────

    static class Matrix {
        @LlmTest
        @Models({"openai:gpt-4o-mini", "anthropic:claude-haiku-4-5"})
        @GoldenDataset(value = "fixtures/datasets/gate-100-3-failing.jsonl", minPassRate = 0.5)
        void answers(GoldenCase c, LlmClient llm) {
            int n = Integer.parseInt(c.id().substring(5));
            boolean candidate = llm.modelId().startsWith("anthropic");
            // baseline fails 1..10, candidate fails 1..25: 15 discordant one way, 0 the other
            if (n <= (candidate ? 25 : 10)) {
                throw new AssertionError("wrong");
            }
        }
    }

    @Test
    void modelMatrixRunsEveryCaseOnEveryModelAndComparesThemPaired() throws IOException {
        EngineExecutionResults r = run(Matrix.class);

        r.testEvents().assertStatistics(s -> s.started(202));
        JsonNode cmp = resultsFile().at("/comparisons/0");
        assertThat(cmp.path("baselineModel").asText()).isEqualTo("openai:gpt-4o-mini");
        assertThat(cmp.path("candidateModel").asText()).isEqualTo("anthropic:claude-haiku-4-5");
        assertThat(cmp.path("cases").asInt()).isEqualTo(100);
        assertThat(cmp.path("baselineOnlyPassed").asInt()).isEqualTo(15);
        assertThat(cmp.path("candidateOnlyPassed").asInt()).isEqualTo(0);
        // exact two-sided McNemar: 2 * 0.5^15
        assertThat(cmp.path("pValue").asDouble())
                .isCloseTo(2 * Math.pow(0.5, 15), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(cmp.path("significant").asBoolean()).isTrue();
    }

    static class NoModel {
        @LlmTest
        void needsAModel(LlmClient llm) {}
    }

    @Test
    void missingModelSaysHowToNameOne() {
        EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(NoModel.class))
                .configurationParameter(LlmConfiguration.RESULTS_DIR, results.toString())
                .execute()
                .containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                finishedWithFailure(
                                        message(
                                                "No model for @LlmTest [needsAModel]: annotate it with @Model(\"openai:gpt-4o-mini\") or set -Dllm.model=openai:gpt-4o-mini"))));
    }

    static class BadMode {
        @LlmTest
        void any() {}
    }

    @Test
    void invalidModeNamesKeyValueAndAllowedValues() {
        run(BadMode.class, LlmConfiguration.MODE, "rec")
                .containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                finishedWithFailure(
                                        message(
                                                "Invalid value [rec] for configuration parameter [llm.mode]: allowed are replay, record, auto, live"))));
    }

    // ── bad datasets ───────────────────────────────────────────────────────────────────────────

    static class Malformed {
        @LlmTest
        @GoldenDataset("fixtures/datasets/malformed.jsonl")
        void answers(GoldenCase c) {}
    }

    @Test
    void aMalformedLineIsAFailedCaseNamingFileAndLineAndFailsTheGateAfterTheGoodRowsRan() throws IOException {
        EngineExecutionResults r = run(Malformed.class);
        r.testEvents().assertStatistics(s -> s.started(3).succeeded(1).failed(2));
        r.testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                test(),
                                displayNameStartingWith("unreadable-dataset-line-2: "),
                                finishedWithFailure(message(m ->
                                        m.startsWith("@GoldenDataset [fixtures/datasets/malformed.jsonl] line 2")))))
                .haveExactly(
                        1,
                        event(
                                test(),
                                finishedWithFailure(message(m -> m.startsWith(
                                        "Dataset gate failed: fixtures/datasets/malformed.jsonl could not be read: "
                                                + "@GoldenDataset [fixtures/datasets/malformed.jsonl] line 2")))));
        r.containerEvents().assertStatistics(s -> s.failed(0));
        JsonNode results = resultsFile();
        assertThat(results.at("/datasets/0/passed").asBoolean()).isFalse();
        assertThat(results.at("/datasets/0/failingCaseIds/0").asText()).isEqualTo("unreadable-dataset-line-2");
        assertThat(results.at("/totals/failedCases").asInt()).isEqualTo(1);
    }

    static class MissingInput {
        @LlmTest
        @GoldenDataset("fixtures/datasets/missing-input.jsonl")
        void answers(GoldenCase c) {}
    }

    @Test
    void aRowWithoutInputFailsNamingFileLineAndField() {
        run(MissingInput.class)
                .testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                test(),
                                finishedWithFailure(
                                        message(
                                                "@GoldenDataset [fixtures/datasets/missing-input.jsonl] line 2: missing field 'input'"))));
    }

    static class UnknownFormat {
        @LlmTest
        @GoldenDataset("fixtures/datasets/cases.txt")
        void answers(GoldenCase c) {}
    }

    @Test
    void anUnknownFormatIsAFailedCaseNamingTheFileAndFailsTheGate() throws IOException {
        run(UnknownFormat.class)
                .testEvents()
                .assertStatistics(s -> s.started(2).failed(2))
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                test(),
                                displayNameStartingWith("unreadable-dataset: "),
                                finishedWithFailure(message(m -> m.contains("fixtures/datasets/cases.txt")))));
        assertThat(resultsFile().at("/datasets/0/passed").asBoolean()).isFalse();
    }
}
