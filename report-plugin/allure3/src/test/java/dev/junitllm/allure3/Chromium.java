package dev.junitllm.allure3;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Headless Chromium for the report checks (Debian's {@code chromium} package). */
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
        run(chromium, profile, "--screenshot=" + png, "--window-size=1400,2000", url);
    }

    private static String run(Path chromium, Path profile, String... args) throws IOException, InterruptedException {
        Files.createDirectories(profile);
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
}
