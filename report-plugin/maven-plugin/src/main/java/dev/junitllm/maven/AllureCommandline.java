package dev.junitllm.maven;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** An unpacked Allure commandline with the junit-llm plugin installed and enabled; runs {@code generate}. */
final class AllureCommandline {

    /** The plugin's folder under {@code plugins/}, which is also its name in {@code config/allure.yml}. */
    static final String PLUGIN_DIR = "junit-llm";

    /** What the commandline 2.34.1 enables by default, plus ours. */
    static final List<String> PLUGINS = List.of(
            "junit-xml-plugin",
            "xunit-xml-plugin",
            "trx-plugin",
            "behaviors-plugin",
            "packages-plugin",
            "screen-diff-plugin",
            "xctest-plugin",
            "jira-plugin",
            "xray-plugin",
            PLUGIN_DIR);

    private final Path home;

    private AllureCommandline(Path home) {
        this.home = home;
    }

    /** Where allure-plugin.yml and static/ sit inside the junit-llm-allure-plugin jar. */
    static final String PLUGIN_FILES_IN_JAR = "junit-llm-allure-plugin/";

    /**
     * Unpacks the commandline zip under {@code workDir} (once per version) and lays out {@code
     * plugins/junit-llm/} afresh: allure-plugin.yml and static/ taken from the plugin jar, the plugin
     * jar itself, and {@code libraries} under {@code lib/}; then enables it in {@code config/allure.yml}.
     */
    static AllureCommandline install(
            Path commandlineZip, Path pluginJar, List<Path> libraries, Path workDir, String version)
            throws IOException {
        Path home = workDir.resolve("allure-" + version);
        if (!Files.isRegularFile(home.resolve("lib").resolve("allure-commandline-" + version + ".jar"))) {
            deleteTree(home);
            Path tmp = Files.createDirectories(workDir).resolve("unpack-" + System.nanoTime());
            unzip(commandlineZip, tmp, "");
            Path unpacked;
            try (Stream<Path> children = Files.list(tmp)) {
                unpacked = children.filter(Files::isDirectory)
                        .findFirst()
                        .orElseThrow(() -> new IOException("[" + commandlineZip + "] holds no top-level folder;"
                                + " is it io.qameta.allure:allure-commandline:zip?"));
            }
            Files.move(unpacked, home);
            deleteTree(tmp);
        }
        Path plugin = home.resolve("plugins").resolve(PLUGIN_DIR);
        deleteTree(plugin);
        unzip(pluginJar, plugin, PLUGIN_FILES_IN_JAR);
        if (!Files.isRegularFile(plugin.resolve("allure-plugin.yml"))) {
            throw new IOException("[" + pluginJar + "] holds no " + PLUGIN_FILES_IN_JAR
                    + "allure-plugin.yml; is it dev.junitllm:junit-llm-allure-plugin?");
        }
        Files.copy(pluginJar, plugin.resolve(pluginJar.getFileName()));
        Path lib = Files.createDirectories(plugin.resolve("lib"));
        for (Path library : libraries) {
            Files.copy(library, lib.resolve(library.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        StringBuilder yml = new StringBuilder("plugins:\n");
        PLUGINS.forEach(p -> yml.append("  - ").append(p).append('\n'));
        Files.writeString(home.resolve("config").resolve("allure.yml"), yml.toString(), StandardCharsets.UTF_8);
        return new AllureCommandline(home);
    }

    Path home() {
        return home;
    }

    /**
     * Runs {@code allure generate --clean -o report results} in a forked JVM (the commandline brings its
     * own Jackson, logging and Freemarker, which must not meet Maven's).
     *
     * @return the commandline's output
     * @throws IOException when it fails; the message carries its output
     */
    String generate(Path results, Path report, String reportName) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", isWindows() ? "java.exe" : "java")
                .toString();
        String sep = System.getProperty("path.separator");
        List<String> command = new ArrayList<>(List.of(
                java,
                "-cp",
                home.resolve("lib").resolve("*") + sep + home.resolve("lib").resolve("config"),
                "io.qameta.allure.CommandLine",
                "generate",
                "--clean",
                "-o",
                report.toString()));
        if (reportName != null && !reportName.isBlank()) {
            command.add("--name");
            command.add(reportName);
        }
        command.add(results.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("APP_HOME", home.toString());
        Process process = builder.start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException("allure generate did not finish within 10 minutes");
        }
        if (process.exitValue() != 0 || !Files.isRegularFile(report.resolve("index.html"))) {
            throw new IOException("allure generate failed (exit " + process.exitValue() + "):\n" + output);
        }
        return output;
    }

    /** Extracts the entries under {@code prefix} (all when empty) into {@code target}, prefix removed. */
    static void unzip(Path zip, Path target, String prefix) throws IOException {
        Files.createDirectories(target);
        Path root = target.toAbsolutePath().normalize();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                if (!entry.getName().startsWith(prefix) || entry.getName().equals(prefix)) {
                    continue;
                }
                String name = entry.getName().substring(prefix.length());
                Path out = root.resolve(name).normalize();
                if (!out.startsWith(root)) {
                    throw new IOException("[" + zip + "] entry escapes the target folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                    if (name.contains("bin/")) {
                        out.toFile().setExecutable(true);
                    }
                }
            }
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
    }
}
