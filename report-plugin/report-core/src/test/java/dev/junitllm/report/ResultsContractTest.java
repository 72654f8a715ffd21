package dev.junitllm.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junitllm.GoldenCase;
import dev.junitllm.GoldenDataset;
import dev.junitllm.LlmClient;
import dev.junitllm.LlmConfiguration;
import dev.junitllm.LlmTest;
import dev.junitllm.Model;
import dev.junitllm.results.LlmResults;
import dev.junitllm.testkit.ScriptedLlmServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The contract between the extension that writes {@code llm-results.json} and the report that reads
 * it: a fixture {@code @LlmTest} is recorded against the scripted server and replayed from its
 * cassette through the real extension, and what report-core aggregates from the file agrees with what
 * the file says.
 */
class ResultsContractTest {

    @TempDir
    Path tmp;

    @Model("openai:gpt-4o-mini")
    static class RefundFixture {
        @LlmTest(samples = 2, minPassRate = 0.5, earlyStop = false)
        @GoldenDataset(value = "contract/refunds.jsonl", minPassRate = 0.75)
        void refunds(GoldenCase c, LlmClient llm) {
            String answer = llm.chat(c.input()).text();
            if (!answer.contains(c.expected())) {
                throw new AssertionError("no refund window in: " + answer);
            }
        }
    }

    private EngineExecutionResults run(String mode, String baseUrl) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(RefundFixture.class))
                .configurationParameter(LlmConfiguration.MODE, mode)
                .configurationParameter(
                        LlmConfiguration.CASSETTES_DIR, tmp.resolve("cassettes").toString())
                .configurationParameter(
                        LlmConfiguration.RESULTS_DIR, tmp.resolve("results").toString())
                .configurationParameter(LlmConfiguration.OPENAI_BASE_URL, baseUrl)
                .execute();
    }

    @Test
    void whatTheReportAggregatesAgreesWithWhatTheExtensionWrote() throws Exception {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.whenUserContains("shoes").reply("No: the refund window is 30 days.");
            server.whenUserContains("jacket").reply("Yes, within 30 days of delivery.");
            server.whenUserContains("laptop").replyInTurn("Within 30 days.", "Whenever you like.");
            server.whenUserContains("shirt").reply("Whenever you like.");
            run("record", server.openAiBaseUrl());
        }
        // replayed from the cassettes, with nothing listening on the recorded address
        run("replay", "http://127.0.0.1:9");

        Path file = tmp.resolve("results/llm-results.json");
        JsonNode raw = new ObjectMapper().readTree(file.toFile());
        LlmResults results = Baseline.readResults(file);
        List<CaseRecord> cases = CaseRecord.fromResults(results);
        ObjectNode summary = ReportSummary.builder(List.of(results)).build();

        // pass rates: 3 of 4 cases (r-3 passes one sample of two, enough for minPassRate 0.5)
        assertThat(raw.at("/totals/cases").asInt()).isEqualTo(4);
        assertThat(raw.at("/totals/passedCases").asInt()).isEqualTo(3);
        assertThat(summary.at("/totals/cases").asInt()).isEqualTo(4);
        assertThat(summary.at("/totals/passedCases").asInt()).isEqualTo(3);
        assertThat(summary.at("/totals/passRate").asDouble()).isEqualTo(0.75);
        assertThat(cases).extracting(CaseRecord::caseId).containsExactlyInAnyOrder("r-1", "r-2", "r-3", "r-4");
        assertThat(cases)
                .filteredOn(c -> "r-3".equals(c.caseId()))
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.passRate()).isEqualTo(0.5);
                    assertThat(c.passed()).isTrue();
                });
        // per tag, from the rows' tags as the extension wrote them
        assertThat(summary.path("byTag"))
                .extracting(t -> t.path("tag").asText() + " "
                        + t.path("passedCases").asInt() + "/" + t.path("cases").asInt())
                .containsExactly("edge 0/1", "refunds 1/2");
        // what a baseline keeps for old vs new: the row's tags, the last sample's answer, the failure's reason
        assertThat(cases)
                .filteredOn(c -> "r-4".equals(c.caseId()))
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.tags()).containsExactlyInAnyOrder("refunds", "edge");
                    assertThat(c.answer()).isEqualTo("Whenever you like.");
                    assertThat(c.reasons()).containsExactly("no refund window in: Whenever you like.");
                });

        // gates: the extension's decision is what the report shows
        JsonNode gate = raw.at("/datasets/0");
        JsonNode row = summary.at("/datasets/0");
        assertThat(gate.path("passed").asBoolean()).isTrue();
        assertThat(row.path("gatePassed").asBoolean())
                .isEqualTo(gate.path("passed").asBoolean());
        assertThat(row.path("minPassRate").asDouble()).isEqualTo(0.75);
        assertThat(row.path("passRate").asDouble())
                .isEqualTo(gate.path("passRate").asDouble());
        assertThat(row.at("/interval/low").asDouble())
                .isEqualTo(gate.at("/interval/low").asDouble());
        assertThat(ReportSummary.failedGates(List.of(results))).isEmpty();

        // costs: replayed calls still cost what they cost when recorded, and every view agrees
        double total = raw.at("/totals/costUsd/total").asDouble();
        assertThat(total).isPositive();
        assertThat(summary.at("/totals/costUsd/total").asDouble()).isEqualTo(total);
        assertThat(summary.at("/datasets/0/costUsd/total").asDouble()).isCloseTo(total, within(1e-12));
        assertThat(cases.stream().mapToDouble(CaseRecord::costUsd).sum()).isCloseTo(total, within(1e-12));
        assertThat(summary.at("/totals/costUsd/judge").asDouble()).isZero();
        assertThat(summary.at("/totals/calls").asInt()).isEqualTo(8);
        assertThat(summary.at("/totals/tokens/input").asLong())
                .isEqualTo(raw.at("/totals/tokens/input").asLong())
                .isPositive();
    }
}
