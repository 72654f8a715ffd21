package dev.junitllm.allure3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junitllm.report.CaseRecord;
import dev.junitllm.report.JudgeAgreementTable;
import dev.junitllm.report.ReportSummary;
import dev.junitllm.results.JudgeCalibrationResult;
import dev.junitllm.results.LlmResults;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Allure 3 page and the Allure 2 tab must not disagree: the plugin's summary of the committed
 * fixture (computed by Node) is compared with {@link ReportSummary}'s, which the Allure 2 tab shows.
 */
class SameNumbersAsAllure2TabTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FIXTURE = Path.of("src/test/resources").toAbsolutePath();
    private static final Path PLUGIN = Path.of("src/main/resources/dev/junitllm/allure3/junit-llm-allure3.mjs")
            .toAbsolutePath();

    @Test
    void totalsGatesMatrixAndBaselineAgree() throws Exception {
        Path results = FIXTURE.resolve("allure-results/llm-results.json");
        Path baseline = FIXTURE.resolve("llm-baseline.json");
        JsonNode java = ReportSummary.builder(List.of(ReportSummary.read(JSON.readTree(results.toFile()))))
                .baseline(CaseRecord.fromSummaries(JSON.readTree(baseline.toFile())))
                .build();
        JsonNode js = JSON.readTree(node("console.log(JSON.stringify(p.summarize(p.load({results: " + quote(results)
                + ", baseline: " + quote(baseline) + "}))));"));

        JsonNode jt = java.path("totals");
        assertThat(js.at("/totals/passedCases").asInt())
                .isEqualTo(jt.path("passedCases").asInt());
        assertThat(js.at("/totals/failedCases").asInt())
                .isEqualTo(jt.path("failedCases").asInt());
        assertThat(js.at("/totals/passRate").asDouble())
                .isCloseTo(jt.path("passRate").asDouble(), within(1e-9));
        assertThat(js.at("/totals/costUsd/total").asDouble())
                .isCloseTo(jt.at("/costUsd/total").asDouble(), within(1e-9));

        Map<String, JsonNode> javaDatasets = byDatasetAndModel(java.path("datasets"));
        assertThat(js.path("datasets")).hasSize(javaDatasets.size());
        for (JsonNode row : js.path("datasets")) {
            JsonNode expected = javaDatasets.get(
                    row.path("dataset").asText() + "@" + row.path("model").asText());
            assertThat(expected).as("Allure 2 row for %s", row).isNotNull();
            assertThat(row.path("passRate").asDouble())
                    .isCloseTo(expected.path("passRate").asDouble(), within(1e-9));
            assertThat(row.path("gatePassed").asBoolean())
                    .isEqualTo(expected.path("gatePassed").asBoolean());
            assertThat(row.path("costUsd").asDouble())
                    .isCloseTo(expected.at("/costUsd/total").asDouble(), within(1e-9));
        }
        assertThat(js.path("failedGates")).hasSize(2);

        // @Models matrix: the candidate's rows the Allure 2 tab shows with a lower pass rate
        JsonNode model = java.path("models").get(0);
        JsonNode regression = js.path("regressions").get(0);
        assertThat(regression.path("candidatePassRate").asDouble())
                .isCloseTo(model.path("afterPassRate").asDouble(), within(1e-9));
        assertThat(regression.path("baselinePassRate").asDouble())
                .isCloseTo(model.path("beforePassRate").asDouble(), within(1e-9));

        // baseline: the same newly failing cases and, per dataset × model, the same b, c and p-value
        TreeSet<String> javaNewlyFailing = new TreeSet<>();
        java.at("/baseline/newlyFailing")
                .forEach(c -> javaNewlyFailing.add(
                        c.path("caseId").asText() + "@" + c.path("model").asText()));
        TreeSet<String> jsNewlyFailing = new TreeSet<>();
        js.path("newlyFailing")
                .forEach(c -> jsNewlyFailing.add(
                        c.path("caseId").asText() + "@" + c.path("model").asText()));
        assertThat(jsNewlyFailing).hasSize(2).isEqualTo(javaNewlyFailing);
        Map<String, JsonNode> javaBaseline = byDatasetAndModel(java.at("/baseline/datasets"));
        assertThat(js.path("baselineRows")).hasSize(javaBaseline.size());
        for (JsonNode row : js.path("baselineRows")) {
            JsonNode expected = javaBaseline.get(
                    row.path("dataset").asText() + "@" + row.path("model").asText());
            assertThat(expected).as("Allure 2 baseline row for %s", row).isNotNull();
            assertThat(row.path("worse").asInt()).isEqualTo(expected.path("b").asInt());
            assertThat(row.path("better").asInt()).isEqualTo(expected.path("c").asInt());
            assertThat(row.path("pValue").asDouble())
                    .isCloseTo(expected.path("pValue").asDouble(), within(1e-9));
            assertThat(row.path("significantRegression").asBoolean())
                    .isEqualTo(expected.path("regression").asBoolean());
        }
    }

    @Test
    void oldVsNewAnswersAgreementAndTrendAgree() throws Exception {
        Path results = FIXTURE.resolve("allure-results/llm-results.json");
        Path baseline = FIXTURE.resolve("llm-baseline.json");
        Path history = FIXTURE.resolve("llm-history");
        LlmResults document = ReportSummary.read(JSON.readTree(results.toFile()));
        JsonNode java = ReportSummary.builder(List.of(document))
                .baseline(CaseRecord.fromSummaries(JSON.readTree(baseline.toFile())))
                .previous(null, JSON.readTree(history.resolve("llm-trend.json").toFile()))
                .build();
        // load only reads the history; summarize adds this run (no file is written)
        JsonNode js = JSON.readTree(node("const s = p.summarize(p.load({results: " + quote(results) + ", baseline: "
                + quote(baseline) + ", history: " + quote(history) + "}));"
                + "s.agreementCells = s.calibration.map(p.agreementCells);"
                + "console.log(JSON.stringify(s));"));

        // old vs new answer: the same answers, statuses and reasons for every newly failing case
        Map<String, JsonNode> javaNewlyFailing = new HashMap<>();
        java.at("/baseline/newlyFailing")
                .forEach(c -> javaNewlyFailing.put(
                        c.path("caseId").asText() + "@" + c.path("model").asText(), c));
        assertThat(js.path("newlyFailing")).hasSize(2);
        int baselineAnswers = 0;
        for (JsonNode c : js.path("newlyFailing")) {
            JsonNode expected = javaNewlyFailing.get(
                    c.path("caseId").asText() + "@" + c.path("model").asText());
            assertThat(expected).as("Allure 2 newly failing %s", c).isNotNull();
            assertThat(c.path("answer").asText(null))
                    .isNotNull()
                    .isEqualTo(expected.path("answer").asText(null));
            assertThat(c.path("baselineAnswer").asText(null))
                    .isEqualTo(expected.path("baselineAnswer").asText(null));
            baselineAnswers += c.has("baselineAnswer") ? 1 : 0;
            assertThat(c.path("reasons")).isNotEmpty().isEqualTo(expected.path("reasons"));
            assertThat(c.path("baselineReasons")).isEqualTo(expected.path("baselineReasons"));
            assertThat(c.path("baselineStatus").asText())
                    .isEqualTo(expected.path("beforeStatus").asText());
            assertThat(c.path("status").asText())
                    .isEqualTo(expected.path("afterStatus").asText());
        }
        // one case with the baseline's answer, one whose baseline entry kept none
        assertThat(baselineAnswers).isEqualTo(1);

        // judge agreement with people: the file's rows are the ones the Allure 2 tab recomputes
        JsonNode javaRows = JudgeAgreementTable.json(List.of(document));
        assertThat(java.path("calibration")).isEqualTo(javaRows);
        assertThat(js.path("calibration")).hasSize(2).hasSameSizeAs(javaRows);
        List<JudgeCalibrationResult> rows = JudgeAgreementTable.of(List.of(document));
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = js.path("calibration").get(i);
            JsonNode expected = javaRows.get(i);
            assertThat(row.path("criterion").asText())
                    .isEqualTo(expected.path("criterion").asText());
            for (String field : List.of(
                    "labels",
                    "truePositives",
                    "falsePositives",
                    "falseNegatives",
                    "trueNegatives",
                    "judged",
                    "decidedByHuman",
                    "overruled",
                    "staleCount")) {
                assertThat(row.path(field).asInt())
                        .as(field)
                        .isEqualTo(expected.path(field).asInt());
            }
            for (String field : List.of("tpr", "tnr", "kappa", "judgePassRate", "correctedPassRate")) {
                assertThat(row.path(field).isNull())
                        .as(field)
                        .isEqualTo(expected.path(field).isNull());
                assertThat(row.path(field).asDouble())
                        .as(field)
                        .isCloseTo(expected.path(field).asDouble(), within(1e-9));
            }
            // the cells shown: the numbers of the Allure 2 tab's console line, formatted the same way
            JsonNode cells = js.path("agreementCells").get(i);
            JudgeCalibrationResult c = rows.get(i);
            String kappa = c.kappa() == null
                    ? "undefined — people and judge gave every answer the same label"
                    : String.format(
                            Locale.ROOT,
                            "%.2f [%.2f, %.2f]",
                            c.kappa(),
                            c.kappaInterval().low(),
                            c.kappaInterval().high());
            assertThat(cells.get(4).asText()).isEqualTo(kappa);
            String line = JudgeAgreementTable.line(c);
            assertThat(line).contains("judge pass rate " + cells.get(7).asText().replaceAll(" \\(.*", ""));
            if (c.correctedPassRate() != null) {
                assertThat(line).contains("corrected " + cells.get(8).asText());
            }
        }
        assertThat(js.path("agreementCells").get(1).get(4).asText()).isEqualTo("0.55 [-0.25, 1.00]");

        // trend: this run first, then the kept runs; per run and per dataset × model the same numbers
        JsonNode javaTrend = java.path("trend");
        assertThat(js.path("trend")).hasSize(3).hasSameSizeAs(javaTrend);
        for (int i = 0; i < javaTrend.size(); i++) {
            JsonNode point = js.path("trend").get(i);
            JsonNode expected = javaTrend.get(i);
            for (String field : List.of("finishedAt", "gitCommit", "models")) {
                assertThat(point.path(field)).as("run %d %s", i, field).isEqualTo(expected.path(field));
            }
            for (String field : List.of("cases", "passedCases", "tokens")) {
                assertThat(point.path(field).asLong())
                        .as("run %d %s", i, field)
                        .isEqualTo(expected.path(field).asLong());
            }
            for (String field : List.of("passRate", "costUsd", "modelCostUsd", "judgeCostUsd")) {
                assertThat(point.path(field).asDouble())
                        .as("run %d %s", i, field)
                        .isCloseTo(expected.path(field).asDouble(), within(1e-9));
            }
            assertThat(point.path("series")).hasSameSizeAs(expected.path("series"));
            for (int j = 0; j < expected.path("series").size(); j++) {
                JsonNode s = point.path("series").get(j);
                JsonNode e = expected.path("series").get(j);
                assertThat(s.path("dataset")).isEqualTo(e.path("dataset"));
                assertThat(s.path("model")).isEqualTo(e.path("model"));
                assertThat(s.path("cases").asInt()).isEqualTo(e.path("cases").asInt());
                assertThat(s.path("passedCases").asInt())
                        .isEqualTo(e.path("passedCases").asInt());
                assertThat(s.path("passRate").asDouble())
                        .isCloseTo(e.path("passRate").asDouble(), within(1e-9));
            }
        }
        assertThat(js.at("/trend/0/series")).hasSize(3);
    }

    private static Map<String, JsonNode> byDatasetAndModel(JsonNode rows) {
        Map<String, JsonNode> map = new HashMap<>();
        rows.forEach(
                r -> map.put(r.path("dataset").asText() + "@" + r.path("model").asText(), r));
        return map;
    }

    private static String quote(Path path) {
        return "\"" + path.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String node(String body) throws Exception {
        Path node = null;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "node"))) {
                node = Path.of(dir, "node");
                break;
            }
        }
        assumeTrue(node != null, "node is not installed: the Allure 3 plugin's tests need Node.js on the PATH");
        String script = "import * as p from \"" + PLUGIN.toUri() + "\";\n" + body;
        Process process = new ProcessBuilder(node.toString(), "--input-type=module", "-e", script).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(err).isZero();
        return out;
    }
}
