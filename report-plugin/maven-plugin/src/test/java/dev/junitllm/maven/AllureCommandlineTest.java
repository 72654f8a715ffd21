package dev.junitllm.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllureCommandlineTest {

    @Test
    void laysOutThePluginAndEnablesIt(@TempDir Path dir) throws Exception {
        Path commandline = zip(
                dir.resolve("cl.zip"),
                Map.of(
                        "allure-2.34.1/lib/allure-commandline-2.34.1.jar", "jar",
                        "allure-2.34.1/bin/allure", "#!/bin/sh",
                        "allure-2.34.1/config/allure.yml", "plugins:\n  - junit-plugin\n"));
        Path pluginJar = zip(
                dir.resolve("junit-llm-allure-plugin-1.jar"),
                Map.of(
                        "dev/junitllm/allure/plugin/LlmPlugin.class", "class",
                        "junit-llm-allure-plugin/allure-plugin.yml", "id: junit-llm\n",
                        "junit-llm-allure-plugin/static/index.js", "// js"));
        Path core = zip(dir.resolve("junit-llm-report-core-1.jar"), Map.of("x.class", "class"));

        AllureCommandline allure =
                AllureCommandline.install(commandline, pluginJar, List.of(core), dir.resolve("work"), "2.34.1");

        Path plugin = allure.home().resolve("plugins/junit-llm");
        assertThat(plugin.resolve("allure-plugin.yml")).hasContent("id: junit-llm");
        assertThat(plugin.resolve("static/index.js")).isRegularFile();
        assertThat(plugin.resolve("junit-llm-allure-plugin-1.jar")).isRegularFile();
        assertThat(plugin.resolve("lib/junit-llm-report-core-1.jar")).isRegularFile();
        assertThat(plugin.resolve("dev")).doesNotExist();
        assertThat(allure.home().resolve("bin/allure")).isExecutable();
        assertThat(Files.readAllLines(allure.home().resolve("config/allure.yml")))
                .contains("  - behaviors-plugin", "  - packages-plugin", "  - junit-llm");

        // a second install reuses the unpacked commandline and replaces the plugin
        Files.writeString(plugin.resolve("stale.txt"), "old");
        AllureCommandline.install(commandline, pluginJar, List.of(core), dir.resolve("work"), "2.34.1");
        assertThat(plugin.resolve("stale.txt")).doesNotExist();
    }

    @Test
    void rejectsAWrongJarAndEntriesEscapingTheFolder(@TempDir Path dir) throws Exception {
        Path commandline = zip(
                dir.resolve("cl.zip"),
                Map.of(
                        "allure-2.34.1/lib/allure-commandline-2.34.1.jar",
                        "jar",
                        "allure-2.34.1/config/allure.yml",
                        ""));
        Path notAPlugin = zip(dir.resolve("other.jar"), Map.of("a.class", "class"));
        assertThatThrownBy(() ->
                        AllureCommandline.install(commandline, notAPlugin, List.of(), dir.resolve("work"), "2.34.1"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("other.jar")
                .hasMessageContaining("junit-llm-allure-plugin/allure-plugin.yml");

        Path evil = zip(dir.resolve("evil.zip"), Map.of("../../escaped.txt", "x"));
        assertThatThrownBy(() -> AllureCommandline.unzip(evil, dir.resolve("out"), ""))
                .hasMessageContaining("escapes the target folder");
        assertThat(dir.resolve("escaped.txt")).doesNotExist();
    }

    private static Path zip(Path file, Map<String, String> entries) throws IOException {
        try (OutputStream os = Files.newOutputStream(file);
                ZipOutputStream zip = new ZipOutputStream(os)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return file;
    }
}
