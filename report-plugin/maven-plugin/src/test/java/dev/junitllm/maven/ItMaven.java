package dev.junitllm.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the integration tests' inner Maven builds share: their settings file. */
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
}
