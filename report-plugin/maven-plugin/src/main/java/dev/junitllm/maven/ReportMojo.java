package dev.junitllm.maven;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junitllm.report.Baseline;
import dev.junitllm.report.CaseRecord;
import dev.junitllm.report.ReportDataException;
import dev.junitllm.report.ReportSummary;
import dev.junitllm.results.LlmResults;
import dev.junitllm.results.ResultsWriter;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * Generates the Allure HTML report with the junit-llm plugin (the LLM tab) installed, whatever the
 * outcome of the tests (set surefire's {@code testFailureIgnore} and let the {@code check} goal fail
 * the build afterwards). Resolves {@code io.qameta.allure:allure-commandline:zip} through Maven,
 * carries the report history over from {@code historyDir}, and prints a summary.
 */
@Mojo(name = "report", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class ReportMojo extends AbstractLlmMojo {

    /** Where the HTML report goes. */
    @Parameter(property = "llm.report.directory", defaultValue = "${project.build.directory}/site/allure-maven-plugin")
    File reportDirectory;

    /**
     * A directory kept between builds (a CI cache or artifact): its files are copied into the
     * results' {@code history/} before generating, and the new report's {@code history/} is copied
     * back into it afterwards, so trends and "against the previous report" work.
     */
    @Parameter(property = "llm.historyDir")
    File historyDir;

    /** Allure commandline version; the plugin's browser API needs a 2.x below 2.40. */
    @Parameter(property = "llm.allure.version", defaultValue = "2.34.1")
    String allureVersion;

    /** Report title shown by Allure. */
    @Parameter(property = "llm.report.name")
    String reportName;

    /** Where the commandline is unpacked (reused across builds while {@code target/} stays). */
    @Parameter(defaultValue = "${project.build.directory}/junit-llm")
    File workDirectory;

    @Parameter(property = "llm.report.skip", defaultValue = "false")
    boolean skip;

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    PluginDescriptor plugin;

    @Parameter(defaultValue = "${repositorySystemSession}", readonly = true, required = true)
    RepositorySystemSession repoSession;

    @Parameter(defaultValue = "${project.remoteProjectRepositories}", readonly = true, required = true)
    List<RemoteRepository> remoteRepositories;

    @Component
    RepositorySystem repositorySystem;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("junit-llm: report skipped (llm.report.skip)");
            return;
        }
        checkSignificance();
        Path results = resultsDirectory.toPath();
        Optional<LlmResults> llmResults = readRun();
        if (llmResults.isEmpty() && !Files.isDirectory(results)) {
            getLog().warn("junit-llm: no test results (" + llmResultsFile + ", " + results
                    + "); did the tests run? No report generated.");
            return;
        }
        try {
            Files.createDirectories(results);
            long started = System.nanoTime();
            // only this build's files: Allure results of earlier builds never mix into this report
            StagedResults staged =
                    StagedResults.stage(results, workDirectory.toPath().resolve("allure-results"), notBefore());
            Path stage = staged.dir();
            LlmResults resultsJson = null;
            if (llmResults.isPresent()) {
                // the run as one document (forks and shards merged) is what the report plugin reads
                resultsJson = llmResults.get();
                ResultsWriter.write(results, resultsJson);
                ResultsWriter.write(stage, resultsJson);
            }
            if (baseline != null && Files.isRegularFile(baseline.toPath())) {
                Files.copy(baseline.toPath(), stage.resolve("llm-baseline.json"), StandardCopyOption.REPLACE_EXISTING);
            }
            ObjectNode options = MAPPER.createObjectNode().put("alpha", significanceLevel);
            Files.writeString(stage.resolve("llm-report.json"), options.toString());
            if (historyDir != null && Files.isDirectory(historyDir.toPath())) {
                AllureCommandline.copyTree(historyDir.toPath(), stage.resolve("history"));
                getLog().info("junit-llm: history from " + historyDir);
            }
            ObjectNode summary = null;
            ReportDataException unreadable = null;
            try {
                summary = resultsJson == null ? null : summary(resultsJson, stage);
            } catch (ReportDataException e) {
                unreadable = e; // the report is still generated; the goal fails afterwards, as before
            }
            if (summary != null && summary.path("baseline").isObject()) {
                int attached = staged.attachOldVsNew(summary.path("baseline"));
                if (attached > 0) {
                    getLog().info("junit-llm: \"" + StagedResults.OLD_VS_NEW + "\" attached to " + attached
                            + " newly failing test" + (attached == 1 ? "" : "s"));
                }
            }

            AllureCommandline allure = AllureCommandline.install(
                    resolve("io.qameta.allure", "allure-commandline", allureVersion),
                    pluginJar("junit-llm-allure-plugin"),
                    List.of(pluginJar("junit-llm-report-core"), pluginJar("junit-llm-results")),
                    workDirectory.toPath(),
                    allureVersion);
            Path report = reportDirectory.toPath();
            String output = allure.generate(stage, report, reportName);
            getLog().debug(output);
            if (historyDir != null) {
                AllureCommandline.copyTree(report.resolve("history"), historyDir.toPath());
            }
            getLog().info(String.format(
                    Locale.ROOT,
                    "junit-llm: report generated in %.1f s from %d files of this build's Allure results%s",
                    (System.nanoTime() - started) / 1e9,
                    staged.copied(),
                    staged.leftOut() == 0
                            ? ""
                            : " (" + staged.leftOut() + " files of earlier builds in " + results + " left out)"));
            if (unreadable != null) {
                throw unreadable;
            }
            if (summary != null) {
                for (String line : ConsoleSummary.lines(summary)) {
                    if (ConsoleSummary.isWarning(line)) {
                        getLog().warn(line);
                    } else {
                        getLog().info(line);
                    }
                }
            } else {
                getLog().warn("junit-llm: no " + llmResultsFile.getName()
                        + " found; the report has no LLM data. Is junit-llm-allure on the test classpath?");
            }
            getLog().info("junit-llm: Allure report with the LLM tab: "
                    + report.resolve("index.html").toUri());
            getLog().info("junit-llm: view it through a web server, e.g. `python3 -m http.server -d " + report
                    + "` or `allure open " + report + "` (browsers block its data files on file://)");
        } catch (IOException e) {
            throw new MojoExecutionException("junit-llm: report generation failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("junit-llm: interrupted while generating the report", e);
        } catch (ReportDataException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }

    private ObjectNode summary(LlmResults resultsJson, Path results) {
        ReportSummary builder = ReportSummary.builder(List.of(resultsJson)).alpha(significanceLevel);
        if (baseline != null) {
            Baseline.read(baseline.toPath()).ifPresent(builder::baseline);
        }
        Path previous = results.resolve("history").resolve("llm-cases.json");
        if (Files.isRegularFile(previous)) {
            try {
                builder.previous(CaseRecord.fromSummaries(MAPPER.readTree(previous.toFile())), null);
            } catch (IOException | ReportDataException e) {
                getLog().warn("junit-llm: ignoring unreadable history " + previous + ": " + e.getMessage());
            }
        }
        return builder.build();
    }

    /** One of this Maven plugin's own dependencies, as a jar file. */
    private Path pluginJar(String artifactId) throws MojoExecutionException {
        for (Artifact a : plugin.getArtifacts()) {
            if ("dev.junitllm".equals(a.getGroupId())
                    && artifactId.equals(a.getArtifactId())
                    && a.getFile() != null
                    && a.getFile().isFile()) {
                return a.getFile().toPath();
            }
        }
        throw new MojoExecutionException("junit-llm: dev.junitllm:" + artifactId + " jar not found among the"
                + " plugin's dependencies; in a multi-module build, package it before this module runs");
    }

    private Path resolve(String groupId, String artifactId, String version) throws MojoExecutionException {
        DefaultArtifact artifact = new DefaultArtifact(groupId, artifactId, "zip", version);
        try {
            return repositorySystem
                    .resolveArtifact(repoSession, new ArtifactRequest(artifact, remoteRepositories, null))
                    .getArtifact()
                    .getFile()
                    .toPath();
        } catch (ArtifactResolutionException e) {
            throw new MojoExecutionException(
                    "junit-llm: cannot resolve " + artifact + " (needed to generate the Allure report): "
                            + e.getMessage(),
                    e);
        }
    }
}
