package dev.junitllm.maven;

import static dev.junitllm.testkit.RequestMatchers.systemContains;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junitllm.maven.ItMaven.Result;
import dev.junitllm.testkit.ScriptedLlmServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's "A first test", pasted verbatim into a NEW project whose pom has the dependencies the
 * README lists under it, with the two files the README says it reads. It is recorded from the scripted
 * server (scripted answers, not a model) and then replayed with the server stopped, as {@code mvn test}
 * runs it by default.
 */
class FirstTestIT {

    /** The test-scope artifacts the README names under the snippet. */
    private static final List<String> README_DEPENDENCIES =
            List.of("junit-llm-extension", "junit-llm-assertions", "junit-llm-semantic");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static Path work;
    private static Path project;
    private static Path settings;
    private static ScriptedLlmServer server;

    @BeforeAll
    static void createProjectFromTheReadme() throws IOException {
        work = Path.of(System.getProperty("it.work") + "-first-test");
        AllureCommandline.deleteTree(work);
        project = Files.createDirectories(work.resolve("first-test"));
        String readme = Files.readString(Path.of(System.getProperty("it.docs")).resolveSibling("README.md"));

        String snippet = ItMaven.fencedBlock("README.md", readme, "java", "class RefundPolicyTest");
        Path sources = Files.createDirectories(project.resolve("src/test/java"));
        Files.writeString(sources.resolve("RefundPolicyTest.java"), snippet);

        String section = readme.substring(readme.indexOf("## A first test"), readme.indexOf("## How it works"));
        StringBuilder dependencies = new StringBuilder();
        for (String artifact : README_DEPENDENCIES) {
            assertThat(section).as("the README names %s", artifact).contains("dev.junitllm:" + artifact + "`");
            dependencies.append(dependency("dev.junitllm", artifact, System.getProperty("it.pluginVersion")));
        }
        dependencies.append(dependency("org.junit.jupiter", "junit-jupiter", System.getProperty("it.junitVersion")));
        Files.writeString(project.resolve("pom.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example</groupId>
                  <artifactId>first-test</artifactId>
                  <version>1.0-SNAPSHOT</version>
                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <dependencies>
                %s  </dependencies>
                  <build>
                    <plugins>
                      <plugin>
                        <artifactId>maven-compiler-plugin</artifactId>
                        <version>3.14.0</version>
                      </plugin>
                      <plugin>
                        <artifactId>maven-surefire-plugin</artifactId>
                        <version>3.5.4</version>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(dependencies));

        // the README's example row, and two more of its kind
        Matcher example = Pattern.compile("`(\\{\"id\":\"refund-001\".*?})`", Pattern.DOTALL)
                .matcher(section);
        assertThat(example.find()).as("the README shows a dataset row").isTrue();
        String row = example.group(1).replaceAll("\\s*\\n\\s*", " ");
        String expected = MAPPER.readTree(row).path("expected").asText();
        Path resources = Files.createDirectories(project.resolve("src/test/resources"));
        Files.createDirectories(resources.resolve("datasets"));
        Files.writeString(
                resources.resolve("datasets/refunds.jsonl"),
                row + "\n"
                        + MAPPER.createObjectNode()
                                .put("id", "refund-002")
                                .put("input", "How long do I have to return unworn boots?")
                                .put("expected", expected)
                        + "\n"
                        + MAPPER.createObjectNode()
                                .put("id", "refund-003")
                                .put("input", "Can I send back a coat I never wore?")
                                .put("expected", expected)
                        + "\n");
        Files.createDirectories(resources.resolve("prompts"));
        Files.writeString(resources.resolve("prompts/support-system.v3.md"), """
                You are ${company}'s support assistant. Unworn items can be returned within ${refundDays}
                days of delivery for a full refund; say so plainly.
                """);

        settings = ItMaven.writeSettings(work);
        server = ScriptedLlmServer.start();
        server.when(systemContains("meticulous evaluator"))
                .reply("{\"critique\":\"States the 30-day window and no other limit.\",\"verdict\":\"pass\"}");
        // answers every question with the rows' expected answer, so the semantic check sees the same text
        server.when(systemContains("ACME's support assistant")).reply(expected);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theReadmesFirstTestRecordsThenReplaysOffline() throws Exception {
        Result record = mvn("test", "-Dllm.mode=record", "-Dllm.openai.base-url=" + server.openAiBaseUrl());
        assertThat(record.exitCode()).as(record.output()).isZero();
        assertThat(record.output()).contains("junit-llm ── mode record ── 3/3 cases passed");
        assertThat(project.resolve("src/test/resources/llm-cassettes/RefundPolicyTest.json"))
                .isRegularFile();
        assertThat(server.requestCount())
                .as("each case: samples until 2 of 3 passed, each a model call and a judge call")
                .isEqualTo(3 * 2 * 2);
        server.close();

        Result replay = mvn("test");
        assertThat(replay.exitCode()).as(replay.output()).isZero();
        assertThat(replay.output())
                .contains("junit-llm ── mode replay ── 3/3 cases passed")
                .contains("Tests run: 4, Failures: 0, Errors: 0, Skipped: 0"); // 3 rows and the dataset gate
    }

    private static String dependency(String group, String artifact, String version) {
        return """
                    <dependency>
                      <groupId>%s</groupId>
                      <artifactId>%s</artifactId>
                      <version>%s</version>
                      <scope>test</scope>
                    </dependency>
                """.formatted(group, artifact, version);
    }

    private static Result mvn(String... args) throws IOException, InterruptedException {
        // recording needs a key, as with a real provider; the scripted server ignores it
        return ItMaven.run(settings, project, work, Map.of("OPENAI_API_KEY", "sk" + "-" + "scripted-first-test"), args);
    }
}
