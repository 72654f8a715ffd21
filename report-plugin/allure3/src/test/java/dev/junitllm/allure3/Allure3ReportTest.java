package dev.junitllm.allure3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Generates a real Allure Report 3 with the {@code allure} npm CLI (installed once into {@code
 * target/allure3-cli}) from a committed fixture of allure-results and llm-results.json, with the
 * junit-llm plugin configured in an {@code allurerc.mjs}, serves it on 127.0.0.1 and reads it in
 * headless Chromium.
 */
class Allure3ReportTest {

    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Path FIXTURE = Path.of("src/test/resources").toAbsolutePath();
    private static final Path PLUGIN = Path.of("src/main/resources/dev/junitllm/allure3/junit-llm-allure3.mjs")
            .toAbsolutePath();

    private static Path cli;
    private static Path chromium;

    @BeforeAll
    static void installAllure3() throws Exception {
        Path npm = onPath("npm");
        // skipped with a message on a developer machine without the tools; in CI (CI=true) a failure
        requireTool(npm != null, "npm is not installed: the Allure 3 report test needs npm (and node) on the PATH");
        chromium = Chromium.find();
        requireTool(chromium != null, "chromium is not installed: the Allure 3 report test opens the report in it");
        String version = System.getProperty("allure3.version", "3.18.0");
        Path prefix = TARGET.resolve("allure3-cli");
        cli = prefix.resolve("node_modules/allure/cli.js");
        Path installed = prefix.resolve("node_modules/allure/package.json");
        if (!Files.isRegularFile(installed)
                || !Files.readString(installed).contains("\"version\": \"" + version + "\"")) {
            Files.createDirectories(prefix);
            run(
                    prefix,
                    5,
                    npm.toString(),
                    "install",
                    "--prefix",
                    prefix.toString(),
                    "--no-audit",
                    "--no-fund",
                    "--no-save",
                    "--loglevel=error",
                    "allure@" + version);
        }
        assertThat(cli).as("allure CLI after npm install").isRegularFile();
    }

    @Test
    void theReportShowsPassRatesCostsGatesAndRegressions() throws Exception {
        Path work = fresh("summary");
        // the kept history (llm.historyDir): two earlier runs of gpt-4o-mini only; the plugin adds this run
        Path history = Files.createDirectories(work.resolve("llm-history"));
        Files.copy(FIXTURE.resolve("llm-history/llm-trend.json"), history.resolve("llm-trend.json"));
        Path report = generate(
                work,
                "results: " + js(FIXTURE.resolve("allure-results/llm-results.json")) + ", baseline: "
                        + js(FIXTURE.resolve("llm-baseline.json")) + ", history: " + js(history));
        assertThat(report.resolve("llm/index.html")).isRegularFile();
        assertThat(report.resolve("awesome/index.html")).isRegularFile();

        HttpServer server = serve(report);
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            // Allure 3's own summary page lists our plugin next to the awesome report, linking to llm/
            String root = Chromium.dumpDom(chromium, base, work.resolve("profile"));
            // (rendered by Allure's script: the card's heading and its link, not only the embedded JSON)
            assertThat(root)
                    .contains(">LLM summary</h2>")
                    .contains("href=\"llm/\"")
                    .contains(">junit-llm sample<");

            String page = Chromium.dumpDom(chromium, base + "llm/", work.resolve("profile"));
            assertThat(page)
                    .contains("data-llm=\"pass-rate\">62.5%</b>5 of 8 cases")
                    .contains("data-llm=\"cost\">$0.0166</b>model $0.0133 · judge $0.0033")
                    .contains("data-llm=\"failed-gates\" class=\"fail\">2</b>of 3 dataset × model");
            // per dataset × model: the refunds gate failed for both models, orders passed
            assertThat(page)
                    .contains(
                            "<td>datasets/refunds.jsonl</td><td>openai:gpt-4o-mini</td><td>2/3</td><td>66.7%</td>"
                                    + "<td>10.0% – 90.0%</td><td><span class=\"fail\">FAILED (min 90.0%)</span></td><td>$0.0060</td>")
                    .contains(
                            "<td>datasets/orders.jsonl</td><td>openai:gpt-4o-mini</td><td>2/2</td><td>100.0%</td>"
                                    + "<td>10.0% – 90.0%</td><td><span class=\"ok\">passed (min 90.0%)</span></td><td>$0.0022</td>");
            // regressions: the second model of the matrix, and two cases that passed in the baseline
            assertThat(page)
                    .contains("data-llm=\"regressions\" class=\"fail\">3</b>1 model · 2 newly failing cases")
                    .contains("<td>openai:gpt-4o-mini</td><td>anthropic:claude-haiku-4-5</td><td>66.7% → 33.3%</td>")
                    .contains("<td>refund-02</td><td>openai:gpt-4o-mini</td>")
                    .contains("<td>refund-02</td><td>anthropic:claude-haiku-4-5</td>")
                    // failed in the baseline too: not a regression
                    .doesNotContain("<td>refund-03</td><td>anthropic:claude-haiku-4-5</td>")
                    // paired with the baseline: 3 cases, 1 worse, McNemar p = 1 (not significant)
                    .contains("<td>datasets/refunds.jsonl</td><td>openai:gpt-4o-mini</td><td>3</td>"
                            + "<td>100.0% → 66.7%</td><td>1 / 0</td><td>1.000</td>")
                    .doesNotContain("significant regression");
            // old vs new answer of each newly failing case: the baseline's next to this run's, collapsible
            assertThat(page)
                    .contains("<h2>Old vs new answer</h2>")
                    .contains(
                            "<details data-llm=\"old-new\" data-case=\"refund-02\" data-model=\"openai:gpt-4o-mini\" open=\"\">")
                    .contains("<details data-llm=\"old-new\" data-case=\"refund-02\""
                            + " data-model=\"anthropic:claude-haiku-4-5\"><summary>")
                    .contains("<pre data-llm=\"baseline-answer\">Yes. Our refund window is 30 days from delivery;"
                            + " after that we offer store credit.</pre>")
                    // this run's answer, its status and its failing verdicts' reasons
                    .contains("<pre data-llm=\"now-answer\">Refunds are possible within 60 days of delivery.\n")
                    .contains("<li>contains: expected the answer to contain \"30 days\"</li>"
                            + "<li>rubric: human label: fail by ana on 2026-11-20</li>")
                    // an answer with markup is text: escaped in the DOM, no script element
                    .contains("the form &lt;script&gt;alert(\"refund\")&lt;/script&gt; from your account page")
                    .doesNotContain("<script>alert")
                    // the baseline kept no answer for the haiku case
                    .contains("<p class=\"muted\" data-llm=\"baseline-no-answer\">no answer kept (the baseline was"
                            + " written before answers were kept: rewrite it with -Dllm.baseline.update=true)</p>")
                    .contains("<pre data-llm=\"now-answer\">We accept returns for 45 days, no questions asked.</pre>");
            // judge agreement with people: the same numbers as the Allure 2 tab, undefined kappa named
            assertThat(page)
                    .contains("<h2>Judge agreement with people</h2>")
                    .contains(
                            "<td>rubric</td><td>States the 30-day refund window and no other time limit</td><td>5</td>"
                                    + "<td>3 / 1 / 0 / 1</td><td>0.55 [-0.25, 1.00]</td><td>100.0%</td><td>50.0%</td>"
                                    + "<td>66.7% (6)</td><td>33.3%</td><td>5</td><td>1</td><td>0</td>")
                    .contains("<td>rubric</td><td>Polite tone</td><td>2</td><td>2 / 0 / 0 / 0</td>"
                            + "<td>undefined — people and judge gave every answer the same label</td><td>100.0%</td>"
                            + "<td>n/a — people failed no labelled answer</td><td>100.0% (2)</td>"
                            + "<td>n/a — TPR or TNR undefined</td>")
                    .doesNotContain("NaN");
            // trend by dataset and model from the kept history, this run last; the model change marked
            assertThat(page)
                    .contains("<h2>Trend by dataset and model</h2>")
                    .contains(
                            "<td>2026-11-25T14:00:07Z</td><td>0a91c3e</td><td>openai:gpt-4o-mini</td><td>80.0% (4/5)</td>")
                    .contains("<td>2026-11-27T14:00:09Z</td><td>3f2a9c1</td><td><span class=\"changed\""
                            + " data-llm=\"model-change\">openai:gpt-4o-mini, anthropic:claude-haiku-4-5</span></td>"
                            + "<td>62.5% (5/8)</td><td>$0.0166</td>")
                    .contains("<td>datasets/refunds.jsonl</td><td>openai:gpt-4o-mini</td><td>3</td>"
                            + "<td>66.7% → 100.0% → 66.7%</td>")
                    .contains("<td>datasets/refunds.jsonl</td><td>anthropic:claude-haiku-4-5</td><td>1</td>"
                            + "<td>– → – → 33.3%</td>");
            // and the history now holds this run first, for the next report
            String kept = Files.readString(history.resolve("llm-trend.json"));
            assertThat(kept.indexOf("2026-11-27T14:00:09Z"))
                    .isPositive()
                    .isLessThan(kept.indexOf("2026-11-26T14:00:08Z"));
            Chromium.screenshot(chromium, base + "llm/", work.resolve("profile"), work.resolve("llm-summary.png"));
            assertThat(Files.size(work.resolve("llm-summary.png"))).isGreaterThan(10_000);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void withoutResultsThePageSaysWhatToDo() throws Exception {
        Path work = fresh("missing");
        Path missing = work.resolve("nowhere/llm-results.json");
        Path report = generate(work, "results: " + js(missing) + ", baseline: false");
        String page = Files.readString(report.resolve("llm/index.html"));
        assertThat(page)
                .contains("no results at " + missing)
                .contains("Add junit-llm-allure to the test classpath")
                .contains("set the plugin option &#39;results&#39;");
        // no card on the summary page when there is nothing to count; the awesome report is still there
        assertThat(report.resolve("awesome/index.html")).isRegularFile();
    }

    @Test
    void aBrokenHistoryFileIsNamedOnThePage() throws Exception {
        Path work = fresh("bad-history");
        Path history = Files.createDirectories(work.resolve("llm-history"));
        Files.writeString(history.resolve("llm-trend.json"), "{\"runs\": []}");
        Path report = generate(
                work,
                "results: " + js(FIXTURE.resolve("allure-results/llm-results.json")) + ", baseline: false, history: "
                        + js(history));
        String page = Files.readString(report.resolve("llm/index.html"));
        assertThat(page)
                .contains("data-llm=\"error\">junit-llm: " + history.resolve("llm-trend.json")
                        + ": not a junit-llm trend (expected an array of runs, newest first)")
                .contains("delete the file to start the trend again");
        // the broken file is left as it was
        assertThat(history.resolve("llm-trend.json")).hasContent("{\"runs\": []}");
        assertThat(report.resolve("awesome/index.html")).isRegularFile();
    }

    private static Path generate(Path work, String pluginOptions) throws Exception {
        Path report = work.resolve("report");
        Path config = work.resolve("allurerc.mjs");
        Files.writeString(
                config,
                "export default {\n"
                        + "  name: \"junit-llm sample\",\n"
                        + "  output: " + js(report) + ",\n"
                        + "  plugins: {\n"
                        + "    awesome: { options: {} },\n"
                        + "    llm: { import: " + js(PLUGIN) + ", options: { " + pluginOptions + " } },\n"
                        + "  },\n"
                        + "};\n");
        run(
                work,
                3,
                onPath("node").toString(),
                cli.toString(),
                "generate",
                "--config",
                config.toString(),
                FIXTURE.resolve("allure-results").toString());
        return report;
    }

    private static Path fresh(String name) throws IOException {
        Path dir = TARGET.resolve("allure3-it").resolve(name);
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
        return Files.createDirectories(dir);
    }

    private static String js(Path path) {
        return "\"" + path.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static HttpServer serve(Path root) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            Path file = root.resolve(path.substring(1)).normalize();
            if (Files.isDirectory(file)) {
                file = file.resolve("index.html");
            }
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            String name = file.getFileName().toString();
            String type = name.endsWith(".html")
                    ? "text/html; charset=utf-8"
                    : name.endsWith(".js")
                            ? "text/javascript"
                            : name.endsWith(".css")
                                    ? "text/css"
                                    : name.endsWith(".json")
                                            ? "application/json"
                                            : name.endsWith(".svg") ? "image/svg+xml" : "application/octet-stream";
            byte[] body = Files.readAllBytes(file);
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    private static void requireTool(boolean present, String message) {
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(message + " (CI=true: not skipped)");
        }
        assumeTrue(present, message);
    }

    private static Path onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static void run(Path dir, int minutes, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(TARGET, "allure3-", ".log");
        Process process = new ProcessBuilder(new ArrayList<>(List.of(command)))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in " + minutes + " minutes");
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        if (process.exitValue() != 0) {
            throw new AssertionError(
                    String.join(" ", command) + " failed (exit " + process.exitValue() + "):\n" + output);
        }
    }
}
