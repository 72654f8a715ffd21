package dev.junitllm.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the integration tests' inner Maven builds share: their settings file and how they are run. */
final class ItMaven {

    private ItMaven() {}

    /**
     * Writes {@code settings.xml} into {@code work}: the local repository is {@code it.repo} (this build's
     * artifacts, installed by maven-invoker-plugin), and the outer build's local repository ({@code
     * it.mirror}) is searched first, so what it holds needs no network. Maven Central stays behind it rather
     * than hidden by a mirror: a new project also needs Maven's default plugins (resources 2.6, jar 2.4),
     * which the outer build never resolves.
     */
    static Path writeSettings(Path work) throws IOException {
        Path settings = work.resolve("settings.xml");
        Files.writeString(settings, """
                <settings>
                  <localRepository>%1$s</localRepository>
                  <profiles>
                    <profile>
                      <id>outer-local-repository</id>
                      <repositories>
                        <repository><id>outer-local</id><url>%2$s</url></repository>
                      </repositories>
                      <pluginRepositories>
                        <pluginRepository><id>outer-local</id><url>%2$s</url></pluginRepository>
                      </pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles><activeProfile>outer-local-repository</activeProfile></activeProfiles>
                </settings>
                """.formatted(
                        Path.of(System.getProperty("it.repo")).toAbsolutePath(),
                        Path.of(System.getProperty("it.mirror")).toUri()));
        return settings;
    }

    /**
     * The fenced block of {@code page} (named {@code pageName} in the failure) in {@code language} that
     * contains {@code marker}, exactly as written; fails unless there is exactly one.
     */
    static String fencedBlock(String pageName, String page, String language, String marker) {
        Matcher m = Pattern.compile("(?m)^```" + Pattern.quote(language) + "\\n(.*?)^```$", Pattern.DOTALL)
                .matcher(page);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            if (m.group(1).contains(marker)) {
                found.add(m.group(1));
            }
        }
        assertThat(found)
                .as("%s holds exactly one ```%s block containing %s", pageName, language, marker)
                .hasSize(1);
        return found.get(0);
    }

    /** An inner build's exit code and its whole console output. */
    record Result(int exitCode, String output) {}

    /**
     * Runs the Maven under test ({@code maven.home}) in batch mode on {@code project}'s pom with {@code
     * settings} and {@code args}, its output written to a new log file in {@code logDir}; {@code env} is
     * added to the environment.
     */
    static Result run(Path settings, Path project, Path logDir, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("maven.home"), "bin", "mvn").toString(),
                "-B",
                "-s",
                settings.toString(),
                "-f",
                project.resolve("pom.xml").toString()));
        command.addAll(List.of(args));
        Path log = logDir.resolve("mvn-" + System.nanoTime() + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("MAVEN_OPTS", "-Dfile.encoding=UTF-8 -Dstdout.encoding=UTF-8");
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(8, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("mvn did not finish in 8 minutes: " + Files.readString(log));
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
