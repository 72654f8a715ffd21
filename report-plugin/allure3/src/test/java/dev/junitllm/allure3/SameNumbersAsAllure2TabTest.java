package dev.junitllm.allure3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junitllm.report.CaseRecord;
import dev.junitllm.report.ReportSummary;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
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
