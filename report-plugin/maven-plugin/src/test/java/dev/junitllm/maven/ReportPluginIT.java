package dev.junitllm.maven;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.junitllm.maven.ItMaven.Result;
import dev.junitllm.results.Formats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Runs {@code mvn verify} twice on the fixture project src/it/llm-report with the freshly built plugin
 * (installed into target/it-repo by maven-invoker-plugin:install; everything else comes from a
 * file:// mirror onto the outer build's local repository, so no network is used), then opens the
 * second report in headless Chromium.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportPluginIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static Path project;
    private static Path settings;

    @BeforeAll
    static void prepareFixture() throws IOException {
        Path work = Path.of(System.getProperty("it.work"));
        AllureCommandline.deleteTree(work);
        project = Files.createDirectories(work.resolve("llm-report"));
        Path fixture = Path.of(System.getProperty("it.fixture"));
        Files.writeString(
                project.resolve("pom.xml"),
                Files.readString(fixture.resolve("pom.xml"))
                        .replace("@pluginVersion@", System.getProperty("it.pluginVersion")));
        settings = ItMaven.writeSettings(work);
    }

    @Test
    @Order(1)
    void firstRunWritesTheBaselineTheReportAndTheHistory() throws Exception {
        useResults("run1");
        Result run = mvn("verify", "-Dllm.baseline.update=true");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output())
                .contains("junit-llm: 25 cases, 24 passed (96.0%")
                .contains("junit-llm: baseline written to")
                .contains("junit-llm: check passed")
                .contains("junit-llm: Allure report with the LLM tab: ");
        JsonNode baseline = MAPPER.readTree(project.resolve("llm-baseline.json").toFile());
        assertThat(baseline.path("cases")).hasSize(25);
        assertThat(project.resolve("target/site/allure-maven-plugin/index.html"))
                .isRegularFile();
        assertThat(project.resolve("target/site/allure-maven-plugin/plugin/junit-llm/index.js"))
                .isRegularFile();
        assertThat(MAPPER.readTree(project.resolve("llm-history/llm-trend.json").toFile()))
                .hasSize(1);
    }

    @Test
    @Order(2)
    void secondRunStillWritesTheReportThenFailsOnTheRegression() throws Exception {
        useResults("run2");
        Result run = mvn("verify");

        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output())
                .contains("junit-llm: 25 cases, 16 passed (64.0%")
                .contains("vs baseline: 96.0% -> 64.0% on 25 paired cases")
                .contains("vs previous report: 96.0% -> 64.0%")
                .contains("junit-llm: Allure report with the LLM tab: ")
                .contains("junit-llm check failed")
                .contains("dataset gate failed: datasets/refunds.jsonl [openai:gpt-4o-mini]")
                .contains("significant regression against the baseline: datasets/refunds.jsonl"
                        + " [openai:gpt-4o-mini]: pass rate 100.0% -> 41.7%");

        JsonNode data = MAPPER.readTree(
                project.resolve("target/site/allure-maven-plugin/data/llm.json").toFile());
        assertThat(data.path("trend")).hasSize(2);
        assertThat(data.path("trend").get(0).path("passRate").asDouble()).isEqualTo(0.64);
        assertThat(data.path("trend").get(1).path("passRate").asDouble()).isEqualTo(0.96);
        assertThat(data.path("previous").path("newlyFailing")).hasSize(8);
        assertThat(data.path("baseline").path("significantRegression").asBoolean())
                .isTrue();
        assertThat(MAPPER.readTree(project.resolve("llm-history/llm-trend.json").toFile()))
                .hasSize(2);
    }

    @Test
    @Order(3)
    void llmTabInHeadlessChromiumShowsTheNumbersOfTheResultsFile() throws Exception {
        Path chromium = Chromium.find();
        if (chromium == null) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("chromium is required in CI (apt-get install -y chromium)");
            }
            Assumptions.abort("chromium not installed (apt-get install -y chromium); browser check skipped");
        }
        Path report = project.resolve("target/site/allure-maven-plugin");
        assertThat(report.resolve("index.html"))
                .as("run the previous tests first")
                .isRegularFile();
        JsonNode results = MAPPER.readTree(
                project.resolve("target/llm-results/llm-results.json").toFile());
        JsonNode totals = results.path("totals");

        HttpServer server = Chromium.serve(report);
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/index.html";
            String dom = Chromium.dumpDom(chromium, base + "#llm", project.resolve("chromium"));

            assertThat(value(dom, "pass-rate"))
                    .isEqualTo(String.format(
                            java.util.Locale.ROOT,
                            "%.1f%%",
                            100.0
                                    * totals.path("passedCases").asInt()
                                    / totals.path("cases").asInt()));
            assertThat(value(dom, "passed-cases"))
                    .isEqualTo(totals.path("passedCases").asText());
            assertThat(value(dom, "cases")).isEqualTo(totals.path("cases").asText());
            assertThat(value(dom, "cost-total"))
                    .isEqualTo(
                            Formats.money(totals.path("costUsd").path("total").asDouble()));
            assertThat(value(dom, "cost-model"))
                    .isEqualTo(
                            Formats.money(totals.path("costUsd").path("model").asDouble()));
            assertThat(value(dom, "cost-judge"))
                    .isEqualTo(
                            Formats.money(totals.path("costUsd").path("judge").asDouble()));
            assertThat(value(dom, "tokens-total"))
                    .isEqualTo(String.format(
                            java.util.Locale.ROOT,
                            "%,d",
                            totals.path("tokens").path("input").asLong()
                                    + totals.path("tokens").path("output").asLong()));
            assertThat(value(dom, "latency-p50"))
                    .isEqualTo(totals.path("latencyMs").path("p50").asText() + " ms");
            assertThat(value(dom, "latency-p95"))
                    .isEqualTo(totals.path("latencyMs").path("p95").asText() + " ms");
            assertThat(values(dom, "row-pass-rate")).containsExactly("91.7%", "41.7%", "0.0%");
            // the per-tag and per-model breakdowns; the fixture's one model passes 16 of 25 cases
            assertThat(values(dom, "breakdown-pass-rate")).contains("64.0%");
            assertThat(value(dom, "failing-count")).isEqualTo("9");
            assertThat(value(dom, "baseline-verdict")).isEqualTo("significant regression");
            assertThat(value(dom, "baseline-p")).isEqualTo("0.0078");
            assertThat(value(dom, "previous-newly-failing-count")).isEqualTo("8");
            assertThat(dom).contains("data-llm=\"trend-pass-rate\" data-points=\"2\"");

            String overview = Chromium.dumpDom(chromium, base + "#", project.resolve("chromium"));
            assertThat(value(overview, "widget-pass-rate")).isEqualTo("64.0%");
            assertThat(value(overview, "widget-cost"))
                    .isEqualTo(
                            Formats.money(totals.path("costUsd").path("total").asDouble()));

            String uid = testCaseUid(report, "refund-02", "openai:gpt-4o-mini");
            String test = Chromium.dumpDom(chromium, base + "#testresult/" + uid, project.resolve("chromium"));
            assertThat(value(test, "test-pass-rate")).isEqualTo("0.0%");
            assertThat(value(test, "test-cost")).isEqualTo("$0.0002");
            assertThat(test).contains("Invents a 60-day window");

            Chromium.screenshot(chromium, base + "#llm", project.resolve("chromium"), project.resolve("llm-tab.png"));
            assertThat(Files.size(project.resolve("llm-tab.png"))).isGreaterThan(10_000);
        } finally {
            server.stop(0);
        }
    }

    private static String testCaseUid(Path report, String caseId, String model) throws IOException {
        try (var files = Files.list(report.resolve("data/test-cases"))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                JsonNode test = MAPPER.readTree(file.toFile());
                if (test.path("name").asText().contains(caseId)
                        && test.path("name").asText().contains(model)) {
                    return test.path("uid").asText();
                }
            }
        }
        throw new AssertionError("no test case " + caseId + " for " + model + " in " + report);
    }

    private static String value(String dom, String id) {
        List<String> all = values(dom, id);
        assertThat(all).as("element data-llm=%s in the LLM tab", id).isNotEmpty();
        return all.get(0);
    }

    private static List<String> values(String dom, String id) {
        Matcher m = Pattern.compile("data-llm=\"" + Pattern.quote(id) + "\"[^>]*>([^<]*)<")
                .matcher(dom);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"));
        }
        return found;
    }

    private static void useResults(String run) throws IOException {
        Path target = project.resolve("target");
        AllureCommandline.deleteTree(target.resolve("allure-results"));
        AllureCommandline.deleteTree(target.resolve("llm-results"));
        Path source = Path.of(System.getProperty("it.fixture")).resolve(run).resolve("allure-results");
        AllureCommandline.copyTree(source, target.resolve("allure-results"));
        Files.createDirectories(target.resolve("llm-results"));
        Files.move(target.resolve("allure-results/llm-results.json"), target.resolve("llm-results/llm-results.json"));
    }

    private static Result mvn(String... args) throws IOException, InterruptedException {
        return ItMaven.run(settings, project, project, Map.of(), args);
    }
}
