package dev.junitllm.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junitllm.stats.Interval;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsWriterTest {

    static CaseResult caseResult(String caseId, CaseStatus status) {
        CallResult call = new CallResult(
                CallResult.Role.JUDGE,
                "openai:gpt-4o-mini",
                "gpt-4o-mini-2024-07-18",
                true,
                new Tokens(100, 22, 0, 0, 0),
                null,
                120,
                null,
                null,
                "Can I return shoes?",
                "No.",
                null);
        return caseResult(caseId, status, List.of(call));
    }

    static CaseResult caseResult(String caseId, CaseStatus status, List<CallResult> calls) {
        return new CaseResult(
                "[engine:junit-jupiter]/" + caseId,
                "[openai:gpt-4o-mini] " + caseId,
                "dev.example.RefundTest#refunds",
                caseId,
                "datasets/refunds.jsonl",
                "openai:gpt-4o-mini",
                "replay",
                "Can I return shoes?",
                null,
                List.of("policy"),
                List.of("refunds"),
                List.of(new PromptInfo("prompts/p.md", null, "a1b2")),
                status,
                1,
                1,
                status == CaseStatus.PASSED ? 1 : 0,
                0.8,
                status == CaseStatus.PASSED ? 1.0 : 0.0,
                Interval.wilson(status == CaseStatus.PASSED ? 1 : 0, 1),
                Map.of("1", 1.0),
                Map.of("1", 1.0),
                null,
                new Tokens(100, 22, 0, 0, 0),
                new Cost(0.0, 0.0, 0.0, 1),
                120L,
                List.of(new SampleResult(
                        0,
                        status == CaseStatus.PASSED,
                        null,
                        List.of(new VerdictResult("contains", 1.0, 1.0, true, "ok")),
                        calls)));
    }

    static LlmResults results(List<CaseResult> cases) {
        return new LlmResults(
                LlmResults.SCHEMA_VERSION,
                new RunInfo(
                        "2026-11-27T14:00:00Z",
                        "2026-11-27T14:00:09Z",
                        "replay",
                        List.of("openai:gpt-4o-mini"),
                        null,
                        "3f2a9c1",
                        "2026-07-01",
                        List.of()),
                new Totals(
                        1,
                        cases.size(),
                        1,
                        cases.size() - 1,
                        cases.size(),
                        cases.size(),
                        Tokens.NONE,
                        Cost.NONE,
                        Latency.of(List.of(120L))),
                List.of(DatasetGateResult.of(
                        "dev.example.RefundTest#refunds",
                        "datasets/refunds.jsonl",
                        "openai:gpt-4o-mini",
                        0.95,
                        2,
                        1,
                        List.of("r-2"),
                        false)),
                List.of(),
                List.of(new TestResult("dev.example.RefundTest#refunds", "dev.example.RefundTest", "refunds", cases)));
    }

    @Test
    void whatIsWrittenReadsBackEqual(@TempDir Path dir) {
        LlmResults written =
                results(List.of(caseResult("r-1", CaseStatus.PASSED), caseResult("r-2", CaseStatus.FAILED)));

        Path file = ResultsWriter.write(dir, written);

        assertThat(file).hasFileName(ResultsWriter.FILE_NAME);
        assertThat(ResultsReader.read(file)).isEqualTo(written);
    }

    @Test
    void theFileHasTheDocumentedFieldsInTheDocumentedOrder(@TempDir Path dir) throws Exception {
        Path file = ResultsWriter.write(dir, results(List.of(caseResult("r-1", CaseStatus.PASSED))));
        JsonNode root = new ObjectMapper().readTree(file.toFile());

        assertThat(names(root)).containsExactly("schemaVersion", "run", "totals", "datasets", "comparisons", "tests");
        assertThat(names(root.at("/totals")))
                .containsExactly(
                        "tests",
                        "cases",
                        "passedCases",
                        "failedCases",
                        "samples",
                        "calls",
                        "tokens",
                        "costUsd",
                        "latencyMs");
        assertThat(names(root.at("/datasets/0")))
                .containsExactly(
                        "testId",
                        "dataset",
                        "model",
                        "minPassRate",
                        "cases",
                        "passedCases",
                        "passRate",
                        "interval",
                        "passed",
                        "failingCaseIds");
        JsonNode c = root.at("/tests/0/cases/0");
        assertThat(names(c))
                .startsWith("uniqueId", "displayName", "testId", "caseId")
                .endsWith("latencyMs", "samples");
        assertThat(c.path("status").asText()).isEqualTo("passed");
        assertThat(c.at("/passAtK/1").asDouble()).isEqualTo(1.0);
        assertThat(c.at("/samples/0/calls/0/role").asText()).isEqualTo("judge");
        assertThat(c.at("/samples/0/calls/0/costUsd").isNull()).isTrue();
        assertThat(c.at("/interval/low").isNumber()).isTrue();
        assertThat(root.at("/totals/latencyMs/p95").asLong()).isEqualTo(120);
        assertThat(Files.readString(file)).doesNotContain("\"passed\" : null");
    }

    @Test
    void aRunWithoutCallsHasAnEmptyLatencyObject(@TempDir Path dir) throws Exception {
        LlmResults empty = new LlmResults(1, RunInfo.EMPTY, Totals.EMPTY, List.of(), List.of(), List.of());
        JsonNode root =
                new ObjectMapper().readTree(ResultsWriter.write(dir, empty).toFile());
        assertThat(root.at("/totals/latencyMs").size()).isZero();
    }

    @Test
    void theReaderToleratesMissingArraysAndUnknownFieldsButNotAnotherSchemaVersion() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        LlmResults lenient = ResultsReader.read(
                mapper.readTree(
                        "{\"schemaVersion\": 1, \"addedLater\": true, \"tests\": [{\"testId\": \"T#m\", \"cases\": [{\"status\": \"failed\"}]}]}"));
        assertThat(lenient.cases()).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(CaseStatus.FAILED);
            assertThat(c.samples()).isEmpty();
            assertThat(c.passRate()).isNull();
        });
        assertThat(lenient.datasets()).isEmpty();

        assertThatThrownBy(() -> ResultsReader.read(mapper.readTree("{\"schemaVersion\": 2, \"tests\": []}")))
                .hasMessageContaining("unsupported results schemaVersion 2");
        assertThatThrownBy(() -> ResultsReader.read(mapper.readTree("{\"cases\": []}")))
                .hasMessageContaining("not a junit-llm results document");
    }

    @Test
    void aCaseConvertsToTheTreeListenersAttach() {
        CaseResult c = caseResult("r-1", CaseStatus.PASSED);
        assertThat(ResultsWriter.toTree(c).path("caseId").asText()).isEqualTo("r-1");
        assertThat(ResultsReader.readCase(ResultsWriter.toTree(c))).isEqualTo(c);
    }

    @Test
    void aCallKeepsItsStartAndFinishReasonInTheDocumentedOrder(@TempDir Path dir) throws Exception {
        CallResult answered = new CallResult(
                CallResult.Role.MODEL,
                "openai:gpt-4o-mini",
                "gpt-4o-mini-2024-07-18",
                false,
                new Tokens(10, 3, 0, 0, 0),
                0.00001,
                "2026-11-27T14:00:01.250Z",
                120,
                null,
                null,
                "Hi",
                "Hello",
                "length",
                null,
                List.of());
        CallResult failed = new CallResult(
                CallResult.Role.MODEL,
                "openai:gpt-4o-mini",
                null,
                false,
                null,
                null,
                "2026-11-27T14:00:02Z",
                5,
                null,
                null,
                "Hi",
                null,
                null,
                "HTTP 500",
                List.of());
        CaseResult c = caseResult("r-1", CaseStatus.PASSED, List.of(answered, failed));
        LlmResults written = results(List.of(c));

        Path file = ResultsWriter.write(dir, written);

        assertThat(ResultsReader.read(file)).isEqualTo(written);
        JsonNode calls = new ObjectMapper().readTree(file.toFile()).at("/tests/0/cases/0/samples/0/calls");
        assertThat(names(calls.get(0)))
                .containsExactly(
                        "role",
                        "model",
                        "providerModel",
                        "replayed",
                        "tokens",
                        "costUsd",
                        "startedAt",
                        "latencyMs",
                        "timeToFirstTokenMs",
                        "fallbackReason",
                        "request",
                        "response",
                        "finishReason",
                        "error");
        assertThat(calls.at("/0/startedAt").asText()).isEqualTo("2026-11-27T14:00:01.250Z");
        assertThat(calls.at("/0/finishReason").asText()).isEqualTo("length");
        assertThat(calls.at("/1/startedAt").asText()).isEqualTo("2026-11-27T14:00:02Z");
        assertThat(calls.at("/1/finishReason").isNull()).isTrue();
    }

    @Test
    void aCallOfAnEarlierFileReadsWithoutStartAndFinishReason() throws Exception {
        String call = "{\"role\": \"model\", \"model\": \"openai:gpt-4o-mini\", \"replayed\": true,"
                + " \"latencyMs\": 120, \"request\": \"Hi\", \"response\": \"Hello\", \"error\": null}";
        LlmResults old = ResultsReader.read(new ObjectMapper()
                .readTree("{\"schemaVersion\": 1, \"tests\": [{\"testId\": \"T#m\", \"cases\": [{\"status\":"
                        + " \"passed\", \"samples\": [{\"index\": 0, \"passed\": true, \"calls\": [" + call
                        + "]}]}]}]}"));

        CallResult read = old.cases().get(0).samples().get(0).calls().get(0);
        assertThat(read.latencyMs()).isEqualTo(120);
        assertThat(read.response()).isEqualTo("Hello");
        assertThat(read.startedAt()).isNull();
        assertThat(read.finishReason()).isNull();
        // the constructors of earlier releases still build a call, without the two
        CallResult built = new CallResult(
                CallResult.Role.MODEL, "m", null, true, null, null, 120, null, null, "Hi", "Hello", null);
        assertThat(built.startedAt()).isNull();
        assertThat(built.finishReason()).isNull();
        assertThat(built.latencyMs()).isEqualTo(120);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
