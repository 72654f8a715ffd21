package dev.junitllm.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {

    @TempDir
    Path dir;

    @Test
    void parsesOptions() throws IOException {
        Path script = Files.writeString(dir.resolve("s.json"), "{\"rules\": []}");

        Cli.Options options = Cli.parse(new String[] {"--port", "8089", "--script", script.toString(), "--quiet"});

        assertThat(options).isEqualTo(new Cli.Options(8089, script, true, false));
        assertThat(Cli.parse(new String[0])).isEqualTo(new Cli.Options(0, null, false, false));
        assertThat(Cli.parse(new String[] {"--help"}).help()).isTrue();
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> Cli.parse(new String[] {"--port"})).hasMessage("--port needs a value");
        assertThatThrownBy(() -> Cli.parse(new String[] {"--port", "abc"}))
                .hasMessage("--port needs a number 0..65535, got 'abc'");
        assertThatThrownBy(() -> Cli.parse(new String[] {"--port", "70000"}))
                .hasMessage("--port needs a number 0..65535, got 70000");
        assertThatThrownBy(() -> Cli.parse(
                        new String[] {"--script", dir.resolve("missing.json").toString()}))
                .hasMessageStartingWith("--script file not found: ");
        assertThatThrownBy(() -> Cli.parse(new String[] {"--verbose"})).hasMessage("unknown argument '--verbose'");
    }

    @Test
    void bannerSaysItIsNotARealModelAndGivesBothBaseUrls() {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            String banner = server.banner(Path.of("script.json"));

            assertThat(banner)
                    .contains("NOT a real model")
                    .contains("OpenAI base URL:    " + server.openAiBaseUrl())
                    .contains("Anthropic base URL: " + server.anthropicBaseUrl());
        }
    }

    @Test
    void logsOneLinePerRequest() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.logTo(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            server.whenAnyRequest().reply("ok");

            Http.openAi(server, ScriptingTest.chat("hello"));
        }

        assertThat(bytes.toString(StandardCharsets.UTF_8).strip())
                .isEqualTo(
                        "#1 POST /v1/chat/completions model=\"gpt-4o-mini\" system=\"\" lastUserMessage=\"hello\" -> 200");
    }

    @Test
    void mainServesAScriptFromTheCommandLine() throws Exception {
        Path script = Files.writeString(dir.resolve("s.json"), "{\"rules\": [{\"reply\": \"from the command line\"}]}");
        Process process = java("--script", script.toString());
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            String baseUrl = null;
            while (baseUrl == null) {
                String line = out.readLine();
                assertThat(line).as("output so far: %s", lines).isNotNull();
                lines.add(line);
                if (line.startsWith("OpenAI base URL:")) {
                    baseUrl = line.substring(line.indexOf("http"));
                }
            }
            assertThat(lines.get(0)).contains("NOT a real model");
            assertThat(baseUrl).matches("http://127\\.0\\.0\\.1:\\d+/v1");

            var response = Http.post(baseUrl + "/chat/completions", ScriptingTest.chat("hi"));

            assertThat(Http.openAiContent(response)).isEqualTo("from the command line");
            assertThat(out.readLine()).startsWith("Anthropic base URL: http://127.0.0.1:");
            assertThat(out.readLine())
                    .startsWith("#1 POST /v1/chat/completions")
                    .endsWith("-> 200");
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theCommandLineLogRedactsKeyValuesAndCredentialHeaders() throws Exception {
        String key = "fake-acme-key-0123456789abcdef";
        Path script = Files.writeString(dir.resolve("s.json"), "{\"rules\": [{\"reply\": \"ok\"}]}");
        ProcessBuilder builder = javaCommand("--script", script.toString());
        builder.environment().put("ACME_API_KEY", key);
        Process process = builder.start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String baseUrl = null;
            while (baseUrl == null) {
                String line = out.readLine();
                assertThat(line).isNotNull();
                if (line.startsWith("OpenAI base URL:")) {
                    baseUrl = line.substring(line.indexOf("http"));
                }
            }
            Http.post(
                    baseUrl + "/chat/completions",
                    ScriptingTest.chat("use " + key + " or\\nAuthorization: Token custom-scheme-SECRET-1"));
            out.readLine(); // the Anthropic base URL

            assertThat(out.readLine())
                    .doesNotContain(key, "SECRET")
                    .contains("lastUserMessage=\"use [REDACTED:ACME_API_KEY] or Authorization: [REDACTED]\"");
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void mainExitsWith2OnAMalformedScript() throws Exception {
        Path script = Files.writeString(dir.resolve("bad.json"), "{\"rules\": [{\"reply\": 1}]}");
        Process process = java("--script", script.toString());

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("script [" + script + "] line 1")
                .contains("(rules[0].reply): must be a string");
    }

    private static Process java(String... args) throws IOException {
        return javaCommand(args).start();
    }

    private static ProcessBuilder javaCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ScriptedLlmServer.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }
}
