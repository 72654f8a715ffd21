package dev.junitllm.maven;

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

/** Headless Chromium for the report checks (Debian's {@code chromium} package), and the report's server. */
final class Chromium {

    private Chromium() {}

    static Path find() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return null;
    }

    static String dumpDom(Path chromium, String url, Path profile) throws IOException, InterruptedException {
        return run(chromium, profile, "--dump-dom", url);
    }

    static void screenshot(Path chromium, String url, Path profile, Path png) throws IOException, InterruptedException {
        run(chromium, profile, "--screenshot=" + png, "--window-size=1400,1000", url);
    }

    private static String run(Path chromium, Path profile, String... args) throws IOException, InterruptedException {
        List<String> command = command(chromium, profile);
        command.add("--virtual-time-budget=10000");
        command.addAll(List.of(args));
        Path err = Files.createTempFile(profile, "stderr", ".log");
        Process process =
                new ProcessBuilder(command).redirectError(err.toFile()).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("chromium did not finish in 2 minutes");
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("chromium failed (exit " + process.exitValue() + "): " + Files.readString(err));
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** The command line of a headless, offline Chromium with its own profile folder (created). */
    static List<String> command(Path chromium, Path profile) throws IOException {
        Files.createDirectories(profile);
        return new ArrayList<>(List.of(
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
                "--user-data-dir=" + profile));
    }

    /** Serves the files under {@code root} on 127.0.0.1 (a free port), as a generated report is opened. */
    static HttpServer serve(Path root) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            Path file = root.resolve(exchange.getRequestURI().getPath().substring(1))
                    .normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            String name = file.getFileName().toString();
            String type = name.endsWith(".html")
                    ? "text/html"
                    : name.endsWith(".js")
                            ? "application/javascript"
                            : name.endsWith(".css") ? "text/css" : name.endsWith(".json") ? "application/json" : "";
            if (!type.isEmpty()) {
                exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
            }
            byte[] body = Files.readAllBytes(file);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }
}
