package dev.junitllm.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: the Allure report that {@code mvn verify} generated from this project's run, opened in
 * headless Chromium, shows on its LLM tab the pass rate and the cost that the results file holds.
 * Runs in {@code integration-test}, after the report goal (bound to {@code package} in this pom).
 */
class SampleReportIT {

    static final Path REPORT = Path.of("target/site/allure-maven-plugin");
    static final Path RESULTS = Path.of("target/llm-results/llm-results.json");

    @TempDir
    Path profile;

    @Test
    void llmTabShowsThePassRateAndCostOfTheRun() throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        if (!"true".equals(System.getenv("CI"))) {
            assumeTrue(Files.isExecutable(chromium), "Debian's chromium is not installed (apt-get install chromium)");
        }
        JsonNode totals = new ObjectMapper().readTree(RESULTS.toFile()).path("totals");
        String passRate = String.format(
                Locale.ROOT,
                "%.1f%%",
                100.0
                        * totals.path("passedCases").asInt()
                        / totals.path("cases").asInt());
        String cost = String.format(
                Locale.ROOT, "$%.4f", totals.path("costUsd").path("total").asDouble());
        assertThat(totals.path("cases").asInt()).isGreaterThanOrEqualTo(500);

        HttpServer server = serve(REPORT);
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/index.html#llm";
            String text = visibleText(chromium(chromium, "--dump-dom", url));

            assertThat(text).contains("LLM evaluation");
            assertThat(text)
                    .contains("Pass rate " + passRate + " "
                            + totals.path("passedCases").asInt() + " of "
                            + totals.path("cases").asInt() + " cases");
            assertThat(text).contains("Cost " + cost);
            assertThat(text)
                    .contains(
                            "datasets/refunds.jsonl",
                            "datasets/shipping.jsonl",
                            "datasets/warranty.jsonl",
                            "datasets/orders.jsonl",
                            "datasets/accounts.jsonl",
                            "datasets/injection.jsonl");

            chromium(
                    chromium,
                    "--screenshot=" + Path.of("target/llm-tab.png").toAbsolutePath(),
                    "--window-size=1400,1000",
                    url);
            assertThat(Path.of("target/llm-tab.png")).isNotEmptyFile();
        } finally {
            server.stop(0);
        }
    }

    /** The report's data files load over XHR, which Chromium refuses on file://, so serve the folder. */
    private static HttpServer serve(Path root) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            Path file = root.resolve(exchange.getRequestURI().getPath().substring(1))
                    .normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            byte[] body = Files.readAllBytes(file);
            String name = file.getFileName().toString();
            exchange.getResponseHeaders()
                    .add(
                            "Content-Type",
                            name.endsWith(".html")
                                    ? "text/html"
                                    : name.endsWith(".js")
                                            ? "text/javascript"
                                            : name.endsWith(".css") ? "text/css" : "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    private String chromium(Path chromium, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                chromium.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile,
                "--virtual-time-budget=10000"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectError(profile.resolve("chromium.log").toFile())
                .start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("chromium did not finish within 2 minutes");
        }
        assertThat(process.exitValue()).as("chromium exit code").isZero();
        return new String(out, StandardCharsets.UTF_8);
    }

    private static String visibleText(String html) {
        return html.replaceAll("(?s)<script.*?</script>", " ")
                .replaceAll("<[^>]+>", " ")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&")
                .replaceAll("\\s+", " ");
    }
}
