package dev.junitllm.sample;

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

/**
 * The generated Allure report served on 127.0.0.1 and opened in headless Chromium (the report's data
 * files load over XHR, which Chromium refuses on {@code file://}): its visible text, and a screenshot.
 */
final class ReportInBrowser implements AutoCloseable {

    static final Path REPORT = Path.of("target/site/allure-maven-plugin");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private final Path profile;
    private final HttpServer server;

    ReportInBrowser(Path profile) throws IOException {
        if (!"true".equals(System.getenv("CI"))) {
            assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed (apt-get install chromium)");
        }
        this.profile = profile;
        this.server = serve(REPORT);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/index.html#llm";
    }

    /** The text of the page at {@code fragment} (e.g. {@code testresult/<uid>}), as a reader sees it. */
    String pageText(String fragment) throws IOException, InterruptedException {
        return visibleText(chromium("--dump-dom", url().replace("#llm", "#" + fragment)));
    }

    /** The DOM of the page at {@code fragment} as Chromium built it, for what the visible text leaves out. */
    String pageDom(String fragment) throws IOException, InterruptedException {
        return chromium("--dump-dom", url().replace("#llm", "#" + fragment));
    }

    /**
     * The text of one of the report's files opened on its own (e.g. {@code data/attachments/<source>}, what
     * the report shows in the frame of an opened attachment), as a reader sees it.
     */
    String fileText(String path) throws IOException, InterruptedException {
        return visibleText(chromium("--dump-dom", url().replace("index.html#llm", path)));
    }

    /** The LLM tab's text as a reader sees it: tags removed, white space folded. */
    String llmTabText() throws IOException, InterruptedException {
        return visibleText(chromium("--dump-dom", url()));
    }

    void screenshot(Path file, String windowSize) throws IOException, InterruptedException {
        chromium("--screenshot=" + file.toAbsolutePath(), "--window-size=" + windowSize, url());
    }

    @Override
    public void close() {
        server.stop(0);
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

    private String chromium(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                CHROMIUM.toString(),
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
                .replaceAll("(?s)<style.*?</style>", " ")
                .replaceAll("<[^>]+>", " ")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&")
                .replaceAll("\\s+", " ");
    }
}
