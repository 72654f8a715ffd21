package dev.junitllm.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportSummaryTest {

    private static final String REFUNDS = "dev.example.RefundTest#refunds";
    private static final String MINI = "openai:gpt-4o-mini";
    private static final String HAIKU = "anthropic:claude-haiku-4-5";

    @Test
    void readsTheSchemaExample() throws Exception {
        JsonNode doc;
        try (InputStream in = getClass().getResourceAsStream("/schema-example.json")) {
            doc = new ObjectMapper().readTree(in);
        }
        ObjectNode summary =
                ReportSummary.builder(List.of(ReportSummary.read(doc))).build();

        JsonNode totals = summary.path("totals");
        assertThat(totals.path("cases").asInt()).isEqualTo(1);
        assertThat(totals.path("passedCases").asInt()).isEqualTo(1);
        assertThat(totals.path("costUsd").path("modelText").asText()).isEqualTo("$0.0123");
        assertThat(totals.path("costUsd").path("judgeText").asText()).isEqualTo("$0.0021");
        assertThat(totals.path("costUsd").path("totalText").asText()).isEqualTo("$0.0144");
        assertThat(totals.path("tokens").path("total").asLong()).isEqualTo(6200);
        assertThat(totals.path("latencyMs").path("p95").asLong()).isEqualTo(410);
        JsonNode row = summary.path("datasets").get(0);
        assertThat(row.path("dataset").asText()).isEqualTo("datasets/refunds.jsonl");
        assertThat(row.path("minPassRate").asDouble()).isEqualTo(0.95);
        assertThat(row.path("gatePassed").asBoolean()).isTrue();
        assertThat(row.path("latencyP50Ms").asLong()).isEqualTo(120);
        assertThat(summary.path("cases").get(0).path("score").asDouble()).isEqualTo(1.0);
    }

    @Test
    void passRatePerDatasetAndModelWithIntervalsAndCostSplit() {
        ResultsBuilder results = new ResultsBuilder(MINI, HAIKU);
        for (int i = 0; i < 10; i++) {
            results.addCase(REFUNDS, "datasets/refunds.jsonl", "r" + i, MINI, i < 8);
        }
        for (int i = 0; i < 10; i++) {
            results.addCase(REFUNDS, "datasets/refunds.jsonl", "r" + i, HAIKU, 300, 0.004, 0.0002, true);
        }
        results.gate(REFUNDS, "datasets/refunds.jsonl", MINI, 10, 8, 0.9);
        results.gate(REFUNDS, "datasets/refunds.jsonl", HAIKU, 10, 10, 0.9);
        ObjectNode summary = ReportSummary.builder(List.of(results.build())).build();

        JsonNode rows = summary.path("datasets");
        assertThat(rows).hasSize(2);
        JsonNode haiku = rows.get(0);
        JsonNode mini = rows.get(1);
        assertThat(haiku.path("model").asText()).isEqualTo(HAIKU);
        assertThat(mini.path("passRate").asDouble()).isEqualTo(0.8);
        assertThat(mini.path("interval").path("low").asDouble()).isCloseTo(0.49, within(0.005));
        assertThat(mini.path("interval").path("high").asDouble()).isCloseTo(0.94, within(0.005));
        assertThat(mini.path("gatePassed").asBoolean()).isFalse();
        assertThat(haiku.path("interval").path("low").asDouble()).isCloseTo(0.72, within(0.005));
        assertThat(haiku.path("costUsd").path("model").asDouble()).isCloseTo(0.04, within(1e-12));
        assertThat(haiku.path("costUsd").path("judge").asDouble()).isCloseTo(0.002, within(1e-12));
        assertThat(haiku.path("costUsd").path("totalText").asText()).isEqualTo("$0.0420");
        assertThat(haiku.path("latencyP95Ms").asLong()).isEqualTo(300);

        JsonNode totals = summary.path("totals");
        assertThat(totals.path("cases").asInt()).isEqualTo(20);
        assertThat(totals.path("passedCases").asInt()).isEqualTo(18);
        assertThat(totals.path("passRate").asDouble()).isEqualTo(0.9);
        assertThat(totals.path("costUsd").path("model").asDouble()).isCloseTo(0.05, within(1e-12));
        assertThat(totals.path("costUsd").path("judge").asDouble()).isCloseTo(0.004, within(1e-12));
        assertThat(totals.path("costUsd").path("totalText").asText()).isEqualTo("$0.0540");
        assertThat(totals.path("latencyMs").path("p50").asLong()).isEqualTo(100);
        assertThat(totals.path("latencyMs").path("p95").asLong()).isEqualTo(300);

        assertThat(summary.path("failing"))
                .extracting(n -> n.path("caseId").asText())
                .containsExactly("r8", "r9");
        assertThat(summary.path("failing").get(0).path("reason").asText()).contains("30 days");
        assertThat(summary.path("slowest").get(0).path("model").asText()).isEqualTo(HAIKU);
        assertThat(summary.path("mostExpensive").get(0).path("costUsdText").asText())
                .isEqualTo("$0.0042");

        JsonNode matrix = summary.path("models").get(0);
        assertThat(matrix.path("baselineModel").asText()).isEqualTo(MINI);
        assertThat(matrix.path("candidateModel").asText()).isEqualTo(HAIKU);
        assertThat(matrix.path("pairedCases").asInt()).isEqualTo(10);
        assertThat(matrix.path("c").asInt()).isEqualTo(2);
        assertThat(matrix.path("pValue").asDouble()).isEqualTo(0.5);
        assertThat(matrix.path("newlyPassing")).hasSize(2);
        assertThat(ReportSummary.failedGates(List.of(results.build())))
                .containsExactly("datasets/refunds.jsonl [openai:gpt-4o-mini] (dev.example.RefundTest#refunds):"
                        + " pass rate 80.0% (8/10) below the gate 90.0%");
    }

    @Test
    void unknownPriceMakesTheSumUnknown() {
        ObjectNode doc = new ResultsBuilder(MINI)
                .addCase(REFUNDS, null, null, MINI, true)
                .json();
        ((ObjectNode) doc.path("totals").path("costUsd")).putNull("total");
        ((ObjectNode) doc.path("tests").get(0).path("cases").get(0).path("costUsd")).putNull("total");
        ObjectNode summary =
                ReportSummary.builder(List.of(ReportSummary.read(doc))).build();
        assertThat(summary.path("totals").path("costUsd").path("totalText").asText())
                .isEqualTo("unknown");
        assertThat(summary.path("datasets")
                        .get(0)
                        .path("costUsd")
                        .path("totalText")
                        .asText())
                .isEqualTo("unknown");
        assertThat(summary.path("datasets").get(0).path("dataset").asText()).isEqualTo(REFUNDS);
    }

    @Test
    void trendPointsSayWhichModelsRanAndCarryOneSeriesPerDatasetAndModel() {
        ResultsBuilder results = new ResultsBuilder(MINI, HAIKU);
        for (int i = 0; i < 4; i++) {
            results.addCase(REFUNDS, "datasets/refunds.jsonl", "r" + i, MINI, i < 3);
            results.addCase(REFUNDS, "datasets/refunds.jsonl", "r" + i, HAIKU, true);
        }
        // a second test on the same dataset and model counts into the same series
        results.addCase("dev.example.RefundTest#tone", "datasets/refunds.jsonl", "r0", MINI, false);
        results.addCase("dev.example.ShippingTest#eta", "datasets/shipping.jsonl", "s0", MINI, true);
        ObjectNode earlier = new ObjectMapper().createObjectNode();
        earlier.putArray("models").add(MINI);
        earlier.put("passRate", 0.9);
        ObjectNode summary = ReportSummary.builder(List.of(results.build()))
                .previous(null, new ObjectMapper().createArrayNode().add(earlier))
                .build();

        JsonNode point = summary.path("trend").get(0);
        assertThat(point.path("models").toString()).isEqualTo("[\"" + MINI + "\",\"" + HAIKU + "\"]");
        JsonNode series = point.path("series");
        assertThat(series).hasSize(3);
        assertThat(series.get(0).path("dataset").asText()).isEqualTo("datasets/refunds.jsonl");
        assertThat(series.get(0).path("model").asText()).isEqualTo(HAIKU);
        assertThat(series.get(0).path("passRate").asDouble()).isEqualTo(1.0);
        assertThat(series.get(1).path("model").asText()).isEqualTo(MINI);
        assertThat(series.get(1).path("cases").asInt()).isEqualTo(5);
        assertThat(series.get(1).path("passedCases").asInt()).isEqualTo(3);
        assertThat(series.get(1).path("passRate").asDouble()).isEqualTo(0.6);
        assertThat(series.get(2).path("dataset").asText()).isEqualTo("datasets/shipping.jsonl");
        // the previous report's points are kept as they were, models and all
        assertThat(summary.path("trend").get(1).path("models").get(0).asText()).isEqualTo(MINI);
    }

    @Test
    void trendStartsWithThisRunAndKeepsTwentyRuns() {
        ObjectNode previousTrend = new ObjectMapper().createObjectNode();
        var array = previousTrend.putArray("t");
        for (int i = 0; i < 25; i++) {
            array.addObject().put("passRate", 0.5);
        }
        ObjectNode summary = ReportSummary.builder(List.of(new ResultsBuilder(MINI)
                        .addCase(REFUNDS, null, null, MINI, true)
                        .build()))
                .previous(List.of(), array)
                .build();
        assertThat(summary.path("trend")).hasSize(20);
        assertThat(summary.path("trend").get(0).path("passRate").asDouble()).isEqualTo(1.0);
        assertThat(summary.path("previous").path("pairedCases").asInt()).isZero();
    }

    @Test
    void rejectsAForeignDocument() {
        assertThatThrownBy(() -> ReportSummary.read(new ObjectMapper().createObjectNode()))
                .isInstanceOf(ReportDataException.class)
                .hasMessageContaining("'tests' array");
        ObjectNode future = new ResultsBuilder(MINI).json().put("schemaVersion", 2);
        assertThatThrownBy(() -> ReportSummary.read(future)).hasMessageContaining("schemaVersion 2");
    }

    @Test
    void passRatePerTagAndPerModelWithIntervals() {
        ResultsBuilder results = new ResultsBuilder(MINI, HAIKU);
        for (int i = 0; i < 10; i++) {
            results.addCase(REFUNDS, "datasets/refunds.jsonl", "r" + i, MINI, i < 6)
                    .tags(i < 5 ? new String[] {"refund", "policy"} : new String[] {"tone"});
        }
        for (int i = 0; i < 4; i++) {
            results.addCase(REFUNDS, "datasets/refunds.jsonl", "r" + i, HAIKU, true)
                    .tags("refund");
        }
        results.addCase("dev.example.GreetingTest#greets", null, null, HAIKU, false);
        ObjectNode summary = ReportSummary.builder(List.of(results.build())).build();

        JsonNode byTag = summary.path("byTag");
        assertThat(byTag).extracting(t -> t.path("tag").asText()).containsExactly("policy", "refund", "tone");
        JsonNode refund = byTag.get(1);
        assertThat(refund.path("cases").asInt()).isEqualTo(9);
        assertThat(refund.path("passedCases").asInt()).isEqualTo(9);
        assertThat(refund.path("passRate").asDouble()).isEqualTo(1.0);
        dev.junitllm.stats.Interval expected = dev.junitllm.stats.Interval.wilson(9, 9);
        assertThat(refund.path("interval").path("low").asDouble()).isEqualTo(expected.low());
        assertThat(refund.path("interval").path("high").asDouble()).isEqualTo(expected.high());
        JsonNode tone = byTag.get(2);
        assertThat(tone.path("cases").asInt()).isEqualTo(5);
        assertThat(tone.path("passedCases").asInt()).isEqualTo(1);
        assertThat(tone.path("passRate").asDouble()).isEqualTo(0.2);

        JsonNode byModel = summary.path("byModel");
        assertThat(byModel).extracting(m -> m.path("model").asText()).containsExactly(HAIKU, MINI);
        assertThat(byModel.get(0).path("cases").asInt()).isEqualTo(5);
        assertThat(byModel.get(0).path("passedCases").asInt()).isEqualTo(4);
        assertThat(byModel.get(1).path("cases").asInt()).isEqualTo(10);
        assertThat(byModel.get(1).path("passedCases").asInt()).isEqualTo(6);
        assertThat(byModel.get(1).path("interval").path("low").asDouble())
                .isEqualTo(dev.junitllm.stats.Interval.wilson(6, 10).low());

        assertThat(summary.path("failing"))
                .allSatisfy(c -> assertThat(c.path("test").asText()).isIn("refunds", "greets"));
        assertThat(summary.path("failing").get(0).path("test").asText()).isEqualTo("greets");
    }
}
