package dev.junitllm.maven;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.junitllm.results.CaseResult;
import dev.junitllm.results.DatasetGateResult;
import dev.junitllm.results.LlmResults;
import dev.junitllm.results.ResultsReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Runs the fixture project src/it/llm-fork (four test classes: three datasets, one plain test; classes
 * in parallel) with this build's extension, Allure publisher and Maven plugin (installed into
 * target/it-repo), the way teams run it:
 *
 * <ol>
 *   <li>forked Surefire ({@code -DforkCount=2 -DreuseForks=false}: every class in its own JVM), three
 *       builds without {@code clean}: {@code report}, {@code check}, the Allure copy and the LLM tab
 *       see every case exactly once, and {@code -Dllm.rerun=failed} reruns the last build's failures;
 *   <li>the CI examples docs/ci/*.yml: their shard and merge commands, read from the YAML, run here
 *       (four shards in separate workspaces, then the merge job): the merged verdict is the unsharded
 *       run's.
 * </ol>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ForkedAndShardedRunIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final String FORKED = "-DforkCount=2";
    private static final String NOT_REUSED = "-DreuseForks=false";

    /** The fixture's 25 cases: 10 refunds rows, 8 shipping rows, 6 tones rows and one plain test. */
    private static final int CASES = 25;

    private static Path work;
    private static Path project;
    private static Path bin;
    private static String firstBuild;

    @BeforeAll
    static void prepare() throws IOException {
        work = Path.of(System.getProperty("it.work")).resolve("llm-fork");
        AllureCommandline.deleteTree(work);
        Files.createDirectories(work);
        Path settings = ItMaven.writeSettings(work);
        // `mvn` as the CI examples call it: the Maven under test, with the IT's repositories
        bin = Files.createDirectories(work.resolve("bin"));
        Path mvn = bin.resolve("mvn");
        Files.writeString(
                mvn,
                "#!/bin/sh\nexec '" + Path.of(System.getProperty("maven.home"), "bin", "mvn") + "' -s '" + settings
                        + "' \"$@\"\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        project = workspace("forked");
    }

    /** A fresh copy of the fixture project (a CI job's checkout). */
    private static Path workspace(String name) throws IOException {
        Path dir = work.resolve(name);
        Path fixture = Path.of(System.getProperty("it.forkFixture"));
        AllureCommandline.copyTree(fixture, dir);
        Files.writeString(
                dir.resolve("pom.xml"),
                Files.readString(fixture.resolve("pom.xml"))
                        .replace("@pluginVersion@", System.getProperty("it.pluginVersion")));
        return dir;
    }

    @Test
    @Order(1)
    void forkedParallelBuildPublishesAndReportsEveryCaseOnce() throws Exception {
        // this build also fails tone-02, which later builds do not
        Result test = sh(project, "mvn -B test " + FORKED + " " + NOT_REUSED + " -Dfixture.fail=tone-02");
        assertThat(test.exitCode).as(test.output).isZero();

        List<Path> parts = partFiles();
        assertThat(parts).as("one file per forked JVM (a JVM per class)").hasSize(4);
        assertThat(parts.stream().map(ForkedAndShardedRunIT::build).distinct())
                .as("all forks of one mvn invocation are one build")
                .hasSize(1);
        firstBuild = build(parts.get(0));
        // the Allure copy the forks published: all of them merged, not the last fork's file
        LlmResults published = ResultsReader.read(project.resolve("target/allure-results/llm-results.json"));
        assertEveryCaseOnce(published);
        assertThat(failedIds(published)).containsExactly("refund-03", "ship-02", "ship-07", "tone-02");

        Result report = sh(project, "mvn -B junit-llm:report junit-llm:check");
        assertThat(report.exitCode).as(report.output).isNotZero();
        assertThat(report.output)
                .contains("junit-llm: 25 cases, 21 passed (84.0%")
                .contains("dataset gate failed: datasets/shipping.jsonl [openai:gpt-4o-mini]")
                .contains("dataset gate failed: datasets/tones.jsonl [openai:gpt-4o-mini]");
        assertLlmTabHasEveryCaseOnce();
    }

    @Test
    @Order(2)
    void aSecondBuildWithoutCleanStillSeesEachCaseOnce() throws Exception {
        Result verify = sh(project, "mvn -B verify " + FORKED + " " + NOT_REUSED);

        assertThat(verify.exitCode).as(verify.output).isNotZero();
        assertThat(verify.output)
                .contains("junit-llm: 25 cases, 22 passed (88.0%")
                .contains("dataset gate failed: datasets/shipping.jsonl [openai:gpt-4o-mini]")
                .doesNotContain("dataset gate failed: datasets/tones.jsonl")
                .contains("junit-llm check failed");
        // the previous build's files stay (a rerun reads them) but are not this run
        assertThat(partFiles()).hasSize(8);
        assertThat(partFiles().stream().map(ForkedAndShardedRunIT::build).distinct())
                .hasSize(2)
                .contains(firstBuild);
        LlmResults run =
                ResultsReader.readRun(project.resolve("target/llm-results")).orElseThrow();
        assertEveryCaseOnce(run);
        assertThat(failedIds(run)).containsExactly("refund-03", "ship-02", "ship-07");
        assertEveryCaseOnce(ResultsReader.read(project.resolve("target/allure-results/llm-results.json")));
        assertLlmTabHasEveryCaseOnce();
    }

    @Test
    @Order(3)
    void rerunFailedRunsJustTheLastBuildsFailures() throws Exception {
        Result rerun = sh(project, "mvn -B test " + FORKED + " " + NOT_REUSED + " -Dllm.rerun=failed");

        assertThat(rerun.exitCode).as(rerun.output).isZero();
        LlmResults run =
                ResultsReader.readRun(project.resolve("target/llm-results")).orElseThrow();
        // tone-02 failed two builds ago only: its file is still there until this build ends, not rerun
        assertThat(run.cases().stream()
                        .map(CaseResult::caseId)
                        .filter(id -> id != null)
                        .sorted())
                .containsExactly("refund-03", "ship-02", "ship-07");
        // the first build's files are gone now; the second build's stay as this one's previous run
        Set<String> left = new HashSet<>();
        partFiles().forEach(f -> left.add(build(f)));
        assertThat(left).hasSize(2).doesNotContain(firstBuild);
    }

    @Test
    @Order(4)
    void theCiExamplesShardAndMergeGiveTheUnshardedVerdict() throws Exception {
        Path ci = Path.of(System.getProperty("it.ciExamples"));
        JsonNode github = YAML.readTree(ci.resolve("github-actions-shards.yml").toFile());
        JsonNode gitlab = YAML.readTree(ci.resolve("gitlab-ci-shards.yml").toFile());

        // the unsharded run, as one job would run it, and its gate over all rows
        Path whole = workspace("unsharded");
        assertThat(sh(whole, "mvn -B test -Dmaven.test.failure.ignore=true").exitCode)
                .isZero();
        Result wholeCheck = sh(whole, "mvn -B junit-llm:report junit-llm:check");
        LlmResults unsharded = ResultsReader.read(whole.resolve("target/allure-results/llm-results.json"));

        // GitHub Actions: the shard job's matrix and steps, then the merge job's steps
        JsonNode shardJob = github.path("jobs").path("shard");
        List<String> matrix = new ArrayList<>();
        shardJob.path("strategy").path("matrix").path("shard").forEach(k -> matrix.add(k.asText()));
        assertThat(matrix).containsExactly("1", "2", "3", "4");
        Path githubMerge = workspace("github-merge");
        for (String k : matrix) {
            Path job = workspace("github-shard-" + k);
            for (JsonNode step : shardJob.path("steps")) {
                String with = step.path("uses").asText();
                if (step.has("run")) {
                    Result r = sh(job, step.path("run").asText().replace("${{ matrix.shard }}", k));
                    assertThat(r.exitCode).as(r.output).isZero();
                } else if (with.startsWith("actions/upload-artifact")) {
                    // upload, then the merge job's download-artifact into its `path`
                    String name = step.path("with").path("name").asText().replace("${{ matrix.shard }}", k);
                    upload(
                            job,
                            step.path("with").path("path").asText(),
                            githubMerge.resolve(downloadPath(github)).resolve(name));
                }
            }
        }
        Result githubResult = null;
        for (JsonNode step : github.path("jobs").path("merge").path("steps")) {
            if (step.has("run")) {
                githubResult = sh(githubMerge, step.path("run").asText());
            }
        }
        assertThat(githubResult).isNotNull();
        assertSameVerdict(githubMerge, githubResult, unsharded, wholeCheck);

        // GitLab CI: `parallel: 4` jobs run the shard script with CI_NODE_INDEX 1..4; their artifacts
        // (paths) land in the merge job's checkout, which runs the merge script
        JsonNode shard = gitlab.path("llm-shard");
        int total = shard.path("parallel").asInt();
        assertThat(total).isEqualTo(4);
        Path gitlabMerge = workspace("gitlab-merge");
        for (int k = 1; k <= total; k++) {
            Path job = workspace("gitlab-shard-" + k);
            for (JsonNode line : shard.path("script")) {
                Result r = sh(job, line.asText(), Map.of("CI_NODE_INDEX", "" + k, "CI_NODE_TOTAL", "" + total));
                assertThat(r.exitCode).as(r.output).isZero();
            }
            for (JsonNode artifact : shard.path("artifacts").path("paths")) {
                AllureCommandline.copyTree(job.resolve(artifact.asText()), gitlabMerge.resolve(artifact.asText()));
            }
        }
        Result gitlabResult = null;
        for (JsonNode line : gitlab.path("llm-merge").path("script")) {
            gitlabResult = sh(gitlabMerge, line.asText());
        }
        assertThat(gitlabResult).isNotNull();
        assertSameVerdict(gitlabMerge, gitlabResult, unsharded, wholeCheck);
    }

    /** The `path` the merge job's download-artifact step downloads every artifact into. */
    private static String downloadPath(JsonNode github) {
        for (JsonNode step : github.path("jobs").path("merge").path("steps")) {
            if (step.path("uses").asText().startsWith("actions/download-artifact")) {
                return step.path("with").path("path").asText();
            }
        }
        throw new AssertionError("the merge job downloads no artifacts");
    }

    /**
     * actions/upload-artifact: the files of the listed paths, relative to their least common
     * ancestor; download-artifact unpacks them under {@code path/<artifact name>/}.
     */
    private static void upload(Path job, String paths, Path into) throws IOException {
        List<Path> listed = paths.lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .map(Path::of)
                .toList();
        Path root =
                listed.get(0).getParent() == null ? Path.of("") : listed.get(0).getParent();
        for (Path p : listed) {
            while (!p.startsWith(root)) {
                root = root.getParent() == null ? Path.of("") : root.getParent();
            }
        }
        for (Path p : listed) {
            if (Files.exists(job.resolve(p))) {
                AllureCommandline.copyTree(
                        job.resolve(p), into.resolve(root.relativize(p).toString()));
            }
        }
    }

    /** The merge job's report and check decide as the unsharded run's did: gates, counts, failures. */
    private static void assertSameVerdict(Path merge, Result result, LlmResults unsharded, Result wholeCheck)
            throws IOException {
        LlmResults merged = ResultsReader.read(merge.resolve("target/allure-results/llm-results.json"));
        assertEveryCaseOnce(merged);
        assertThat(gates(merged)).isEqualTo(gates(unsharded));
        assertThat(merged.totals().passedCases()).isEqualTo(unsharded.totals().passedCases());
        assertThat(failedIds(merged)).isEqualTo(failedIds(unsharded));
        assertThat(result.exitCode).isEqualTo(wholeCheck.exitCode).isNotZero();
        assertThat(verdictLines(result.output)).isEqualTo(verdictLines(wholeCheck.output));
        assertThat(result.output).contains("junit-llm: 25 cases, 22 passed (88.0%");
        assertThat(merge.resolve("target/site/allure-maven-plugin/index.html")).isRegularFile();
        JsonNode tab = MAPPER.readTree(
                merge.resolve("target/site/allure-maven-plugin/data/llm.json").toFile());
        assertThat(tab.path("cases")).hasSize(CASES);
    }

    /** Each gate as what decides it: rows, passed rows, failing ids and the verdict. */
    private static List<String> gates(LlmResults results) {
        return results.datasets().stream()
                .map(g -> g.dataset() + " " + g.passedCases() + "/" + g.cases() + " " + g.failingCaseIds() + " "
                        + (g.passed() ? "passed" : "failed"))
                .sorted()
                .toList();
    }

    /** The lines of the console output that state the verdict: summary, failed gates and cases. */
    private static List<String> verdictLines(String output) {
        return output.lines()
                .filter(l -> l.contains("dataset gate")
                        || l.contains("case failed")
                        || l.contains("junit-llm check")
                        || l.contains("cases, "))
                .map(l -> l.replaceAll("^\\[[A-Z]+\\] +", ""))
                .sorted()
                .toList();
    }

    private static void assertEveryCaseOnce(LlmResults results) {
        assertThat(results.cases()).hasSize(CASES);
        assertThat(results.totals().cases()).isEqualTo(CASES);
        Set<String> keys = new HashSet<>();
        results.cases()
                .forEach(c -> assertThat(keys.add(c.testId() + " " + (c.caseId() == null ? c.uniqueId() : c.caseId())))
                        .as("case %s once", c.caseId())
                        .isTrue());
        assertThat(results.datasets()).extracting(DatasetGateResult::cases).containsExactlyInAnyOrder(10, 8, 6);
    }

    private static void assertLlmTabHasEveryCaseOnce() throws IOException {
        JsonNode tab = MAPPER.readTree(
                project.resolve("target/site/allure-maven-plugin/data/llm.json").toFile());
        assertThat(tab.path("totals").path("cases").asInt()).isEqualTo(CASES);
        Set<String> keys = new HashSet<>();
        tab.path("cases")
                .forEach(c -> assertThat(keys.add(c.path("key").asText()))
                        .as("case %s once in the LLM tab", c.path("key"))
                        .isTrue());
        assertThat(keys).hasSize(CASES);
    }

    private static Set<String> failedIds(LlmResults results) {
        Set<String> ids = new TreeSet<>();
        results.cases().stream()
                .filter(c -> !c.passed())
                .forEach(c -> ids.add(c.caseId() == null ? c.uniqueId() : c.caseId()));
        return ids;
    }

    private static List<Path> partFiles() throws IOException {
        try (Stream<Path> files = Files.list(project.resolve("target/llm-results"))) {
            return files.filter(f -> f.getFileName().toString().matches("llm-results-.+\\.json"))
                    .sorted()
                    .toList();
        }
    }

    private static String build(Path file) {
        try {
            return MAPPER.readTree(file.toFile()).path("run").path("build").asText();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private record Result(int exitCode, String output) {}

    private static Result sh(Path dir, String command) throws IOException, InterruptedException {
        return sh(dir, command, Map.of());
    }

    /** Runs a CI step's shell command in {@code dir}, with the IT's `mvn` first on the PATH. */
    private static Result sh(Path dir, String command, Map<String, String> env)
            throws IOException, InterruptedException {
        Path log = work.resolve("sh-" + System.nanoTime() + ".log");
        ProcessBuilder builder = new ProcessBuilder("bash", "-ec", command.strip())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.put("PATH", bin + ":" + environment.getOrDefault("PATH", "/usr/bin:/bin"));
        environment.putAll(new LinkedHashMap<>(env));
        Process process = builder.start();
        if (!process.waitFor(6, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("`" + command + "` did not finish in 6 minutes: " + Files.readString(log));
        }
        return new Result(process.exitValue(), "$ " + command + "\n" + Files.readString(log, StandardCharsets.UTF_8));
    }
}
