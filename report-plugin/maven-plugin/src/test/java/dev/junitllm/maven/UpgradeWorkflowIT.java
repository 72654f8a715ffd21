package dev.junitllm.maven;

import static dev.junitllm.testkit.RequestMatchers.model;
import static dev.junitllm.testkit.RequestMatchers.systemContains;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.junitllm.maven.ItMaven.Result;
import dev.junitllm.testkit.ScriptedLlmServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The model-upgrade workflow of docs/report.md, end to end, on a NEW project built from that page: its
 * pom is the page's pom snippet as written (only wrapped in a {@code <project>} with coordinates), its
 * test class, {@code junit-platform.properties} and dataset rows are the page's snippets. Both models
 * are recorded from the scripted server (not a model: scripted answers; today's model answers every
 * refund question with the 30-day policy, the candidate invents a 14-day window for sale and gift
 * items), today's run becomes the baseline with {@code junit-llm:update-baseline}, and the candidate
 * is replayed as CI would run it, with the server stopped. Every {@code mvn} run keeps {@code target/}
 * (no clean), so results of earlier builds sit next to this build's.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpgradeWorkflowIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String TODAY = "openai:gpt-4o-mini";
    private static final String CANDIDATE = "openai:gpt-4.1-mini";
    private static final String TEST_CLASS = "com.example.support.RefundAnswersTest";

    /** The page's three rows, then more of the same kinds: 16 cases, 8 of them sale or gift items. */
    private static final List<String[]> MORE_ROWS = List.of(
            new String[] {"standard", "My shoes arrived 20 days ago and do not fit. Can I send them back?"},
            new String[] {"standard", "How long do I have to return an unworn coat?"},
            new String[] {"standard", "Is there a deadline for returning boots I never wore?"},
            new String[] {"sale", "I got these trousers in the summer sale 12 days ago. Returnable?"},
            new String[] {"sale", "Are discounted sale items refundable if I change my mind?"},
            new String[] {"sale", "Bought a clearance sale bag last week. Can I get my money back?"},
            new String[] {"gift", "My aunt sent me a gift scarf 9 days ago, can I return it?"},
            new String[] {"gift", "How long can a gift recipient wait before returning a present?"},
            new String[] {"gift", "Can I exchange a gift hat I received 3 weeks ago for a refund?"},
            new String[] {"late", "It has been 45 days since delivery. Can I still return my jacket?"},
            new String[] {"late", "Delivery was two months ago; is a refund still possible?"},
            new String[] {"late", "My parcel came 40 days ago, may I return the shirt?"},
            new String[] {"standard", "What is your return window for unworn items?"});

    private static Path work;
    private static Path project;
    private static Path settings;
    private static ScriptedLlmServer server;
    private static final Set<String> caseIds = new TreeSet<>();
    private static final Set<String> regressedIds = new TreeSet<>();
    private static Result candidateRun;
    private static Instant candidateRunStart;

    @BeforeAll
    static void createProjectFromTheDocs() throws IOException {
        // its own folder: ReportPluginIT empties it.work
        work = Path.of(System.getProperty("it.work") + "-upgrade-workflow");
        AllureCommandline.deleteTree(work);
        project = Files.createDirectories(work.resolve("support-copilot"));
        String page = Files.readString(Path.of(System.getProperty("it.docs")).resolve("report.md"));

        String pomSnippet =
                ItMaven.fencedBlock("docs/report.md", page, "xml", "<artifactId>junit-llm-maven-plugin</artifactId>");
        Files.writeString(project.resolve("pom.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                <modelVersion>4.0.0</modelVersion>
                <groupId>com.example</groupId>
                <artifactId>support-copilot</artifactId>
                <version>1.0-SNAPSHOT</version>
                %s
                </project>
                """.formatted(
                        pomSnippet.replace("0.1.0-SNAPSHOT", System.getProperty("it.pluginVersion"))));

        String testClass = ItMaven.fencedBlock("docs/report.md", page, "java", "class RefundAnswersTest");
        Path sources = Files.createDirectories(project.resolve("src/test/java/com/example/support"));
        Files.writeString(sources.resolve("RefundAnswersTest.java"), testClass);
        Path resources = Files.createDirectories(project.resolve("src/test/resources/datasets"));
        Files.writeString(
                project.resolve("src/test/resources/junit-platform.properties"),
                ItMaven.fencedBlock("docs/report.md", page, "properties", "llm.judge.model="));

        String docRows = ItMaven.fencedBlock("docs/report.md", page, "json", "\"id\":\"refund-001\"");
        StringBuilder rows = new StringBuilder(docRows);
        int n = 3;
        for (String[] row : MORE_ROWS) {
            n++;
            String expected = "late".equals(row[0])
                    ? "No: returns are accepted only within 30 days of delivery, and this is past it."
                    : "Yes: unworn items can be returned within 30 days of delivery.";
            var node = MAPPER.createObjectNode()
                    .put("id", String.format("refund-%03d", n))
                    .put("input", row[1])
                    .put("expected", expected);
            node.putArray("tags").add("refunds").add(row[0]);
            rows.append(node).append('\n');
        }
        Files.writeString(resources.resolve("refunds.jsonl"), rows.toString());
        for (String line : rows.toString().split("\n")) {
            JsonNode row = MAPPER.readTree(line);
            String id = row.path("id").asText();
            caseIds.add(id);
            String tags = row.path("tags").toString();
            if (tags.contains("\"sale\"") || tags.contains("\"gift\"")) {
                regressedIds.add(id);
            }
        }
        assertThat(caseIds).hasSize(16);
        assertThat(regressedIds).hasSize(8);

        settings = ItMaven.writeSettings(work);

        server = ScriptedLlmServer.start();
        // the judge (the same model in both runs): fails an answer that gives another window than 30 days
        server.when(systemContains("meticulous evaluator")).reply(request -> {
            String answer = between(request.lastUserMessage(), "<answer>", "</answer>");
            return answer.contains("14 days")
                    ? "{\"critique\":\"The answer limits the return to 14 days; the reference says 30 days"
                            + " of delivery.\",\"verdict\":\"fail\"}"
                    : "{\"critique\":\"States the 30-day window of the reference.\",\"verdict\":\"pass\"}";
        });
        server.when(systemContains("ACME's support assistant").and(model("gpt-4o-mini")))
                .reply(request -> "Unworn items, sale and gift items included, can be returned within 30 days of"
                        + " delivery for a full refund.");
        server.when(systemContains("ACME's support assistant").and(model("gpt-4.1-mini")))
                .reply(request -> {
                    String q = request.lastUserMessage().toLowerCase(java.util.Locale.ROOT);
                    return q.contains("sale") || q.contains("gift") || q.contains("discounted")
                            ? "Sale and gift items can only be returned within 14 days of delivery."
                            : "You can return unworn items within 30 days of delivery for a full refund.";
                });
    }

    @Test
    @Order(1)
    void todaysModelIsRecordedAndBecomesTheBaseline() throws Exception {
        Result record =
                mvn("verify", "-Dllm.mode=record", "-Dllm.openai.base-url=" + server.openAiBaseUrl(), history());
        assertThat(record.exitCode()).as(record.output()).isZero();
        assertThat(record.output()).contains("junit-llm: 16 cases, 16 passed (100.0%");
        assertThat(project.resolve("src/test/resources/llm-cassettes/com/example/support/RefundAnswersTest.json"))
                .isRegularFile();

        Result update = mvn("junit-llm:update-baseline");
        assertThat(update.exitCode()).as(update.output()).isZero();
        JsonNode baseline = MAPPER.readTree(
                project.resolve("src/test/resources/llm-baseline.json").toFile());
        assertThat(baseline.path("cases")).hasSize(16);
        assertThat(baseline.toString()).contains("@" + TODAY).contains("within 30 days");
    }

    @Test
    @Order(2)
    void candidateIsRecordedThenReplayedAndTheBuildFailsNamingTheRefundRegression() throws Exception {
        Result record = mvn(
                "verify",
                "-Dllm.mode=record",
                "-Dllm.model=" + CANDIDATE,
                "-Dllm.openai.base-url=" + server.openAiBaseUrl(),
                history());
        assertThat(record.output()).contains("junit-llm: 16 cases, 8 passed (50.0%");
        int served = server.requestCount();
        server.close(); // the candidate's run in CI: replay only, nothing listens any more

        candidateRunStart = Instant.now();
        candidateRun = mvn("verify", "-Dllm.model=" + CANDIDATE, history());
        assertThat(candidateRun.exitCode()).as(candidateRun.output()).isNotZero();
        assertThat(candidateRun.output())
                .contains("junit-llm: 16 cases, 8 passed (50.0%")
                .contains("junit-llm check failed")
                .contains("significant regression against the baseline: datasets/refunds.jsonl [model change "
                        + TODAY + " \u2192 " + CANDIDATE
                        + "]: pass rate 100.0% -> 50.0% (8 newly failing, 0 newly passing, p=0.0078)")
                .contains("dataset gate failed: datasets/refunds.jsonl [" + CANDIDATE + "]")
                .contains("16 paired cases");
        assertThat(served).as("requests recorded from the scripted server").isPositive();
    }

    @Test
    @Order(3)
    void failingRowsAreFailedInSurefireXmlAndInAllureResults() throws Exception {
        Path xml = project.resolve("target/surefire-reports/TEST-" + TEST_CLASS + ".xml");
        String report = Files.readString(xml);
        Map<String, Boolean> failedById = new LinkedHashMap<>();
        Matcher testcase = Pattern.compile(
                        "<testcase name=\"[^\"]*?(refund-\\d{3})[^\"]*\"[^>]*?(/>|>(.*?)</testcase>)", Pattern.DOTALL)
                .matcher(report);
        while (testcase.find()) {
            String body = testcase.group(3) == null ? "" : testcase.group(3);
            failedById.put(testcase.group(1), body.contains("<failure"));
        }
        assertThat(failedById).hasSize(16);
        failedById.forEach((id, failed) ->
                assertThat(failed).as("%s is a failure in %s", id, xml).isEqualTo(regressedIds.contains(id)));

        Map<String, List<String>> statusById = new LinkedHashMap<>();
        for (JsonNode result : allureResults(project.resolve("target/allure-results"), candidateRunStart)) {
            for (JsonNode p : result.path("parameters")) {
                if ("case id".equals(p.path("name").asText())) {
                    statusById
                            .computeIfAbsent(p.path("value").asText(), k -> new ArrayList<>())
                            .add(result.path("status").asText());
                }
            }
        }
        assertThat(statusById).hasSize(16);
        statusById.forEach((id, statuses) -> assertThat(statuses)
                .as("Allure status of %s in this build", id)
                .containsExactly(regressedIds.contains(id) ? "failed" : "passed"));
    }

    @Test
    @Order(4)
    void reportHoldsThisBuildsCasesOnceAndAttachesOldVsNewToEachRegressedCase() throws Exception {
        Path report = project.resolve("target/site/allure-maven-plugin");
        assertThat(candidateRun.output())
                .containsPattern(
                        "report generated in [0-9.]+ s from \\d+ files of this build's Allure results \\(\\d+ files"
                                + " of earlier builds in .* left out\\)")
                .contains("\"Old vs new answer\" attached to 8 newly failing tests");
        // three builds wrote into target/allure-results without clean; the report shows this one only
        Map<String, Integer> seen = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(report.resolve("data/test-cases"))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                JsonNode test = MAPPER.readTree(file.toFile());
                assertThat(test.path("retriesCount").asInt())
                        .as(test.path("name").asText())
                        .isZero();
                assertThat(test.path("extra").path("retries"))
                        .as(test.path("name").asText())
                        .isEmpty();
                Matcher id = Pattern.compile("refund-\\d{3}")
                        .matcher(test.path("name").asText());
                if (id.find()) {
                    seen.merge(id.group(), 1, Integer::sum);
                    boolean attached = test.toString().contains(StagedResults.OLD_VS_NEW);
                    assertThat(attached)
                            .as("old vs new on %s", id.group())
                            .isEqualTo(regressedIds.contains(id.group()));
                    assertThat(labels(test, "model")).containsExactly(CANDIDATE);
                }
            }
        }
        assertThat(seen)
                .hasSize(16)
                .allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
    }

    @Test
    @Order(5)
    void llmTabAndTheCasePageInHeadlessChromiumShowTheRegression() throws Exception {
        Path chromium = Chromium.find();
        if (chromium == null) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("chromium is required in CI (apt-get install -y chromium)");
            }
            Assumptions.abort("chromium not installed (apt-get install -y chromium); browser check skipped");
        }
        Path report = project.resolve("target/site/allure-maven-plugin");
        HttpServer http = Chromium.serve(report);
        try {
            String base = "http://127.0.0.1:" + http.getAddress().getPort() + "/index.html";
            String tab = Chromium.dumpDom(chromium, base + "#llm", work.resolve("chromium"));

            assertThat(value(tab, "baseline-verdict")).isEqualTo("significant regression");
            assertThat(value(tab, "baseline-model-change"))
                    .isEqualTo("model change: " + TODAY + " \u2192 " + CANDIDATE);
            assertThat(value(tab, "baseline-before")).isEqualTo("100.0%");
            assertThat(value(tab, "baseline-after")).isEqualTo("50.0%");
            assertThat(value(tab, "baseline-newly-failing-count")).isEqualTo("8");
            assertThat(values(tab, "row-pass-rate")).containsExactly("50.0%");
            // the per-tag table: sale and gift rows fail, the others pass
            assertThat(row(tab, "tag", "sale")).contains("0.0%");
            assertThat(row(tab, "tag", "gift")).contains("0.0%");
            assertThat(row(tab, "tag", "standard")).contains("100.0%");
            assertThat(row(tab, "tag", "refunds")).contains("50.0%");
            // an old / new answer pair
            String pair = between(tab, "data-case=\"refund-002\"", "</tr>");
            assertThat(pair)
                    .contains(TODAY)
                    .contains("within 30 days of delivery")
                    .contains(CANDIDATE)
                    .contains("within 14 days of delivery")
                    .contains("The answer limits the return to 14 days");
            // the trend, per dataset and model, labelled: today's model once, the candidate twice
            assertThat(between(
                            tab,
                            "data-llm=\"trend-series-row\" data-dataset=\"datasets/refunds.jsonl\" data-model=\""
                                    + TODAY + "\"",
                            "</tr>"))
                    .contains("data-llm=\"series-point\">100.0%");
            String candidateSeries = between(
                    tab,
                    "data-llm=\"trend-series-row\" data-dataset=\"datasets/refunds.jsonl\" data-model=\"" + CANDIDATE
                            + "\"",
                    "</tr>");
            assertThat(values(candidateSeries, "series-point")).containsExactly("50.0%", "50.0%");
            assertThat(tab).contains("data-llm=\"trend-pass-rate\" data-points=\"3\"");
            assertThat(values(tab, "trend-pass-rate-model")).containsExactly(TODAY, CANDIDATE);

            // the case's own page: the LLM block with the baseline's answer next to this run's
            String uid = testCaseUid(report, "refund-002");
            String page = Chromium.dumpDom(chromium, base + "#testresult/" + uid, work.resolve("chromium"));
            assertThat(page).contains(StagedResults.OLD_VS_NEW);
            assertThat(value(page, "old-answer")).contains("within 30 days of delivery");
            assertThat(value(page, "new-answer")).contains("within 14 days of delivery");
            assertThat(value(page, "old-model")).isEqualTo(TODAY);
            assertThat(value(page, "new-model")).isEqualTo(CANDIDATE);
            assertThat(value(page, "new-reasons")).contains("The answer limits the return to 14 days");

            Chromium.screenshot(chromium, base + "#llm", work.resolve("chromium"), work.resolve("upgrade-llm-tab.png"));
        } finally {
            http.stop(0);
        }
    }

    // ------------------------------------------------------------------ helpers

    private static String history() {
        return "-Dllm.historyDir=" + project.resolve(".llm-history");
    }

    private static List<JsonNode> allureResults(Path dir, Instant notBefore) throws IOException {
        List<JsonNode> results = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (file.getFileName().toString().endsWith("-result.json")
                        && !Files.getLastModifiedTime(file).toInstant().isBefore(notBefore)) {
                    results.add(MAPPER.readTree(file.toFile()));
                }
            }
        }
        return results;
    }

    private static List<String> labels(JsonNode test, String name) {
        List<String> values = new ArrayList<>();
        for (JsonNode label : test.path("labels")) {
            if (name.equals(label.path("name").asText())) {
                values.add(label.path("value").asText());
            }
        }
        return values;
    }

    private static String testCaseUid(Path report, String caseId) throws IOException {
        try (Stream<Path> files = Files.list(report.resolve("data/test-cases"))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                JsonNode test = MAPPER.readTree(file.toFile());
                if (test.path("name").asText().contains(caseId)) {
                    return test.path("uid").asText();
                }
            }
        }
        throw new AssertionError("no test case " + caseId + " in " + report);
    }

    private static String row(String dom, String attribute, String value) {
        return between(dom, "data-" + attribute + "=\"" + value + "\"", "</tr>");
    }

    private static String between(String text, String from, String to) {
        int start = text.indexOf(from);
        assertThat(start).as("%s in the page", from).isNotNegative();
        int end = text.indexOf(to, start + from.length());
        return text.substring(start + from.length(), end < 0 ? text.length() : end);
    }

    private static String value(String dom, String id) {
        List<String> all = values(dom, id);
        assertThat(all).as("element data-llm=%s", id).isNotEmpty();
        return all.get(0);
    }

    private static List<String> values(String dom, String id) {
        Matcher m = Pattern.compile("data-llm=\"" + Pattern.quote(id) + "\"[^>]*>([^<]*)<")
                .matcher(dom);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1)
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&#39;", "'")
                    .replace("&amp;", "&"));
        }
        return found;
    }

    private static Result mvn(String... args) throws IOException, InterruptedException {
        // recording needs a key, as with a real provider; the scripted server ignores it
        return ItMaven.run(
                settings, project, work, Map.of("OPENAI_API_KEY", "sk" + "-" + "scripted-upgrade-workflow"), args);
    }
}
