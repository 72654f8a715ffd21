package dev.junitllm.bench;

import dev.junitllm.testkit.ScriptedLlmServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Live throughput through the real Surefire path: a generated Maven project with one {@code @LlmTest
 * @GoldenDataset} of 2,000 rows, {@code llm.mode=live}, {@code llm.concurrency=16} and JUnit's parallel
 * execution configured in {@code junit-platform.properties}, run with {@code mvn test} against the scripted
 * server answering every request after 200 ms. Its test time (Surefire's XML) is compared with the ideal,
 * {@code cases × 0.2 s / 16}, and with a plain 16-thread client against the same server in the same run.
 * Target: at most 1.05 × the ideal.
 */
final class SurefireBenchmark {
    static final int CASES = BenchData.LIVE_ROWS;
    static final double TARGET_RATIO = 1.05;
    private static final Pattern SUITE_TIME = Pattern.compile("<testsuite\\b[^>]*?\\btime=\"([0-9.,]+)\"");
    private static final Pattern TESTS = Pattern.compile("<testsuite\\b[^>]*?\\btests=\"(\\d+)\"");
    private static final Pattern FAILURES =
            Pattern.compile("<testsuite\\b[^>]*?\\b(?:failures|errors)=\"([1-9]\\d*)\"");

    private final Path work;
    private final Table table;
    private final Queue<Long> arrivals = new ConcurrentLinkedQueue<>();

    SurefireBenchmark(Path work, Table table) {
        this.work = work;
        this.table = table;
    }

    /** One {@code mvn test} run: Surefire's test time and what the server saw. */
    record Run(double suiteMillis, double mavenMillis, double firstArrivalMillis, double requestSpanMillis) {}

    void run() throws Exception {
        int runs = Integer.getInteger("bench.surefire.runs", 3);
        Path project = Benchmarks.fresh(work.resolve("surefire-project"));
        List<Run> surefire = new ArrayList<>();
        List<Double> plain = new ArrayList<>();
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.when(r -> arrivals.add(System.nanoTime()))
                    .delay(LiveBenchmark.LATENCY)
                    .reply(BenchData.answer(7));
            generate(project, server.openAiBaseUrl());
            plainClient(server, 64); // warm-up of the server's side
            for (int i = 1; i <= runs; i++) {
                double p = plainClient(server, CASES);
                plain.add(p);
                System.out.printf(
                        Locale.ROOT,
                        "surefire run %d/%d: plain 16-thread client, %d requests: %.0f ms (ratio %.3f)%n",
                        i,
                        runs,
                        CASES,
                        p,
                        p / idealMillis());
                Run r = mavenTest(server, project);
                surefire.add(r);
                System.out.printf(
                        Locale.ROOT,
                        "surefire run %d/%d: mvn test, %d live cases: Surefire test time %.0f ms (ratio %.3f),"
                                + " first request %.0f ms after mvn started (mvn %.0f ms in all), requests over %.0f ms"
                                + " (first arrival to last arrival + 200 ms, ratio %.3f)%n",
                        i,
                        runs,
                        CASES,
                        r.suiteMillis(),
                        r.suiteMillis() / idealMillis(),
                        r.firstArrivalMillis(),
                        r.mavenMillis(),
                        r.requestSpanMillis(),
                        r.requestSpanMillis() / idealMillis());
            }
        }
        double ideal = idealMillis();
        double suite = median(surefire.stream().mapToDouble(Run::suiteMillis).toArray());
        double span =
                median(surefire.stream().mapToDouble(Run::requestSpanMillis).toArray());
        double client = median(plain.stream().mapToDouble(Double::doubleValue).toArray());
        String spread = surefire.stream()
                .map(r -> String.format(Locale.ROOT, "%.3f", r.suiteMillis() / ideal))
                .reduce((a, b) -> a + ", " + b)
                .orElse("");
        table.add(
                String.format(
                        Locale.ROOT,
                        "surefire: mvn test, %,d live cases, 200 ms, concurrency 16 (median of %d)",
                        CASES,
                        runs),
                String.format(Locale.ROOT, "%.0f ms (ideal %.0f ms; runs: %s)", suite, ideal, spread),
                "<= 1.05 x ideal",
                Benchmarks.ratio(suite / ideal),
                suite / ideal <= TARGET_RATIO);
        table.info(
                "surefire: plain 16-thread client, same server (median)",
                String.format(Locale.ROOT, "%.0f ms, ratio %.3f", client, client / ideal));
        table.info(
                "surefire: mvn test against the plain client",
                String.format(Locale.ROOT, "ratio %.3f", suite / client));
        table.info(
                "surefire: first to last request + 200 ms (median)",
                String.format(Locale.ROOT, "%.0f ms, ratio %.3f", span, span / ideal));
    }

    static double idealMillis() {
        return CASES * (double) LiveBenchmark.LATENCY.toMillis() / LiveBenchmark.CONCURRENCY;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * 16 threads, each sending its next request as soon as its last answer has been read, with the JDK
     * {@code HttpClient} as junit-llm uses it: the throughput the server allows, measured in this run.
     */
    private double plainClient(ScriptedLlmServer server, int requests) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create(server.openAiBaseUrl() + "/chat/completions");
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(LiveBenchmark.CONCURRENCY);
        try {
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < LiveBenchmark.CONCURRENCY; t++) {
                done.add(pool.submit(() -> {
                    for (int n = next.incrementAndGet(); n <= requests; n = next.incrementAndGet()) {
                        String body = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":"
                                + BenchData.quoted(BenchData.input(n)) + "}]}";
                        HttpResponse<String> r = http.send(
                                HttpRequest.newBuilder(uri)
                                        .header("content-type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString(body))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200 || !r.body().contains("30 days")) {
                            throw new IllegalStateException("plain client: HTTP " + r.statusCode() + " " + r.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            return (System.nanoTime() - start) / 1e6;
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private Run mavenTest(ScriptedLlmServer server, Path project) throws IOException, InterruptedException {
        Path reports = project.resolve("target/surefire-reports");
        Benchmarks.fresh(reports);
        Benchmarks.fresh(project.resolve("target/llm-results"));
        server.resetRequests();
        arrivals.clear();
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("bench.maven", "mvn"));
        command.add("-B");
        command.add("-q");
        if (Boolean.getBoolean("bench.maven.offline")) {
            command.add("-o");
        }
        String repo = System.getProperty("bench.maven.repo", "");
        if (!repo.isBlank()) {
            command.add("-Dmaven.repo.local=" + repo);
        }
        String argLine = System.getProperty("bench.surefire.argLine", "");
        if (!argLine.isBlank()) {
            command.add("-DargLine=" + argLine);
        }
        command.add("test");
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(project.resolve("mvn-test.log").toFile());
        // record and live modes need a key; the scripted server ignores it
        pb.environment().putIfAbsent("OPENAI_API_KEY", "fake-openai-key-for-junit-llm-benchmarks");
        long begin = System.nanoTime();
        int exit = pb.start().waitFor();
        double mavenMillis = (System.nanoTime() - begin) / 1e6;
        if (exit != 0) {
            throw new IllegalStateException(
                    "mvn test in " + project + " exited with " + exit + "; see " + project.resolve("mvn-test.log"));
        }
        Path xml;
        try (Stream<Path> files = Files.list(reports)) {
            xml = files.filter(p -> p.getFileName().toString().matches("TEST-.*\\.xml"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no Surefire XML in " + reports));
        }
        String report = Files.readString(xml, StandardCharsets.UTF_8);
        int tests = Integer.parseInt(group(TESTS, report, xml));
        if (tests != CASES + 1 || FAILURES.matcher(report).find() || server.requestCount() != CASES) {
            throw new IllegalStateException("mvn test: " + tests + " tests, " + server.requestCount()
                    + " requests, expected " + (CASES + 1) + " and " + CASES + " without failures; see " + xml);
        }
        double suiteMillis = Double.parseDouble(group(SUITE_TIME, report, xml).replace(",", "")) * 1000;
        long first = arrivals.stream().mapToLong(Long::longValue).min().orElseThrow();
        long last = arrivals.stream().mapToLong(Long::longValue).max().orElseThrow();
        return new Run(
                suiteMillis,
                mavenMillis,
                (first - begin) / 1e6,
                (last - first) / 1e6 + LiveBenchmark.LATENCY.toMillis());
    }

    private static String group(Pattern pattern, String text, Path file) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + pattern + " in " + file);
        }
        return m.group(1);
    }

    /** The Maven project a team would have: the library, JUnit, Surefire, a properties file, a dataset. */
    private static void generate(Path project, String baseUrl) {
        BenchData.write(project, BenchData.LIVE, CASES);
        String version = System.getProperty("bench.junit-llm.version", "0.1.0-SNAPSHOT");
        String junit = System.getProperty("bench.junit.version", "5.14.4");
        String surefire = System.getProperty("bench.surefire.version", "3.5.4");
        write(project.resolve("pom.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>dev.junitllm.bench</groupId>
                  <artifactId>surefire-live</artifactId>
                  <version>1</version>
                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                    <argLine></argLine>
                  </properties>
                  <dependencies>
                    <dependency>
                      <groupId>dev.junitllm</groupId>
                      <artifactId>junit-llm-extension</artifactId>
                      <version>%s</version>
                      <scope>test</scope>
                    </dependency>
                    <dependency>
                      <groupId>org.junit.jupiter</groupId>
                      <artifactId>junit-jupiter</artifactId>
                      <version>%s</version>
                      <scope>test</scope>
                    </dependency>
                  </dependencies>
                  <build>
                    <plugins>
                      <plugin>
                        <artifactId>maven-resources-plugin</artifactId>
                        <version>3.3.1</version>
                      </plugin>
                      <plugin>
                        <artifactId>maven-compiler-plugin</artifactId>
                        <version>3.14.0</version>
                      </plugin>
                      <plugin>
                        <artifactId>maven-surefire-plugin</artifactId>
                        <version>%s</version>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(version, junit, surefire));
        write(project.resolve("src/test/resources/junit-platform.properties"), """
                junit.jupiter.execution.parallel.enabled=true
                junit.jupiter.execution.parallel.mode.default=concurrent
                junit.jupiter.execution.parallel.mode.classes.default=concurrent
                junit.jupiter.execution.parallel.config.strategy=fixed
                junit.jupiter.execution.parallel.config.fixed.parallelism=16
                llm.mode=live
                llm.concurrency=16
                llm.openai.base-url=%s
                """.formatted(baseUrl));
        write(project.resolve("src/test/java/bench/LiveSurefireTest.java"), """
                package bench;

                import static org.junit.jupiter.api.Assertions.assertTrue;

                import dev.junitllm.GoldenCase;
                import dev.junitllm.GoldenDataset;
                import dev.junitllm.LlmClient;
                import dev.junitllm.LlmTest;
                import dev.junitllm.Model;

                @Model("openai:gpt-4o-mini")
                class LiveSurefireTest {
                    @LlmTest
                    @GoldenDataset("%s")
                    void answers(GoldenCase c, LlmClient llm) {
                        String text = llm.chat(c.input()).text();
                        assertTrue(text.contains("30 days"), text);
                        assertTrue(text.length() > 100, text);
                    }
                }
                """.formatted(BenchData.LIVE));
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
