package dev.junitllm.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path work;
    private final Table table;
    private final Queue<Long> arrivals = new ConcurrentLinkedQueue<>();
    // the wall clock at one nanoTime, to place arrivals against the run's startedAt in the results file
    private final long anchorNanos = System.nanoTime();
    private final Instant anchor = Instant.now();

    SurefireBenchmark(Path work, Table table) {
        this.work = work;
        this.table = table;
    }

    /** One {@code mvn test} run: Surefire's test time and what the server saw. */
    record Run(
            double suiteMillis,
            double mavenMillis,
            double firstArrivalMillis,
            double requestSpanMillis,
            double cpuMillis,
            double runStartToFirstRequestMillis,
            double forkCpuMillis,
            double forkJitMillis,
            double idleMillis) {}

    private static final Pattern CPU_TIMES =
            Pattern.compile("cpu-times\\R\\S+ \\S+\\R(\\d+)m([0-9.]+)s (\\d+)m([0-9.]+)s");

    /**
     * What one {@code mvn test} runs: the local Maven repository it resolves junit-llm from, and JUnit's
     * fixed parallelism in the generated project (its own folder).
     */
    record Build(String name, String repository, int parallelism, Path project, String testClass) {
        boolean junitLlm() {
            return testClass.equals(LLM_TEST);
        }
    }

    static final String LLM_TEST = "LiveSurefireTest";
    static final String PLAIN_TEST = "PlainSurefireTest";

    void run() throws Exception {
        int runs = Integer.getInteger("bench.surefire.runs", 3);
        List<Build> builds = new ArrayList<>();
        String baseline = System.getProperty("bench.surefire.baseline-repo", "");
        String[] parallelisms =
                System.getProperty("bench.surefire.parallelism", "16,32").split(",");
        for (String each : parallelisms) {
            int parallelism = Integer.parseInt(each.strip());
            String suffix = parallelisms.length > 1 ? ", JUnit parallelism " + parallelism : "";
            Path project = Benchmarks.fresh(work.resolve("surefire-project-" + parallelism));
            String repo = System.getProperty("bench.maven.repo", "");
            // the same cases as a plain @ParameterizedTest with the JDK client: Surefire's and JUnit's share
            builds.add(new Build("plain JUnit" + suffix, repo, parallelism, project, PLAIN_TEST));
            if (!baseline.isBlank()) {
                builds.add(new Build("baseline" + suffix, baseline, parallelism, project, LLM_TEST));
            }
            builds.add(new Build("junit-llm" + suffix, repo, parallelism, project, LLM_TEST));
        }
        Map<Build, List<Run>> surefire = new LinkedHashMap<>();
        builds.forEach(b -> surefire.put(b, new ArrayList<>()));
        List<Double> plain = new ArrayList<>();
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.when(r -> arrivals.add(System.nanoTime()))
                    .delay(LiveBenchmark.LATENCY)
                    .reply(BenchData.answer(7));
            for (Build build : builds) {
                generate(build.project(), server.openAiBaseUrl(), build.parallelism());
            }
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
                // with a baseline, the order alternates, so neither build always runs right after the client
                List<Build> order = new ArrayList<>(builds);
                if (i % 2 == 0) {
                    java.util.Collections.reverse(order);
                }
                for (Build build : order) {
                    Run r = mavenTest(server, build);
                    surefire.get(build).add(r);
                    System.out.printf(
                            Locale.ROOT,
                            "surefire run %d/%d: %s, mvn test, %d live cases: Surefire test time %.0f ms (ratio %.3f),"
                                    + " first request %.0f ms after mvn started and %.0f ms after junit-llm's run started (mvn %.0f"
                                    + " ms in all, CPU %.0f ms), requests over %.0f ms (first arrival to last arrival"
                                    + " + 200 ms, ratio %.3f; none in flight for %.0f ms); test JVM CPU %.0f ms,"
                                    + " JIT %.0f ms%n",
                            i,
                            runs,
                            build.name(),
                            CASES,
                            r.suiteMillis(),
                            r.suiteMillis() / idealMillis(),
                            r.firstArrivalMillis(),
                            r.runStartToFirstRequestMillis(),
                            r.mavenMillis(),
                            r.cpuMillis(),
                            r.requestSpanMillis(),
                            r.requestSpanMillis() / idealMillis(),
                            r.idleMillis(),
                            r.forkCpuMillis(),
                            r.forkJitMillis());
                }
            }
        }
        double ideal = idealMillis();
        double client = median(plain.stream().mapToDouble(Double::doubleValue).toArray());
        table.info(
                String.format(Locale.ROOT, "surefire: plain 16-thread client, same server (median of %d)", runs),
                String.format(Locale.ROOT, "%.0f ms, ratio %.3f (runs: %s)", client, client / ideal, ratios(plain)));
        for (Build build : builds) {
            List<Run> rs = surefire.get(build);
            String who = builds.size() > 1 ? " [" + build.name() + "]" : "";
            double cpu = median(rs.stream().mapToDouble(Run::cpuMillis).toArray());
            double suite = median(rs.stream().mapToDouble(Run::suiteMillis).toArray());
            double span = median(rs.stream().mapToDouble(Run::requestSpanMillis).toArray());
            table.add(
                    String.format(
                            Locale.ROOT,
                            "surefire%s: mvn test, %,d live cases, 200 ms, concurrency 16 (median of %d)",
                            who,
                            CASES,
                            runs),
                    String.format(
                            Locale.ROOT,
                            "%.0f ms (ideal %.0f ms; runs: %s)",
                            suite,
                            ideal,
                            ratios(rs.stream().map(Run::suiteMillis).toList())),
                    "<= 1.05 x ideal",
                    Benchmarks.ratio(suite / ideal),
                    suite / ideal <= TARGET_RATIO);
            table.info(
                    "surefire" + who + ": mvn test against the plain client (medians)",
                    String.format(Locale.ROOT, "ratio %.3f", suite / client));
            table.info(
                    "surefire" + who + ": first to last request + 200 ms (median)",
                    String.format(Locale.ROOT, "%.0f ms, ratio %.3f", span, span / ideal));
            table.info(
                    "surefire" + who + ": within that, time with no request in flight (median)",
                    String.format(
                            Locale.ROOT,
                            "%.0f ms",
                            median(rs.stream().mapToDouble(Run::idleMillis).toArray())));
            table.info(
                    "surefire" + who + ": CPU of Surefire's test JVM until the class ended, and its JIT (medians)",
                    String.format(
                            Locale.ROOT,
                            "%.0f ms (%.2f ms per case), JIT %.0f ms",
                            median(rs.stream().mapToDouble(Run::forkCpuMillis).toArray()),
                            median(rs.stream().mapToDouble(Run::forkCpuMillis).toArray()) / CASES,
                            median(rs.stream().mapToDouble(Run::forkJitMillis).toArray())));
            if (!build.junitLlm()) {
                continue;
            }
            table.info(
                    "surefire" + who + ": junit-llm's run start to first request (median)",
                    String.format(
                            Locale.ROOT,
                            "%.0f ms",
                            median(rs.stream()
                                    .mapToDouble(Run::runStartToFirstRequestMillis)
                                    .toArray())));
            table.info(
                    "surefire" + who + ": CPU of mvn test, all processes (median)",
                    String.format(Locale.ROOT, "%.0f ms (%.2f ms per case)", cpu, cpu / CASES));
        }
    }

    private static String ratios(List<Double> millis) {
        return millis.stream()
                .map(m -> String.format(Locale.ROOT, "%.3f", m / idealMillis()))
                .reduce((a, b) -> a + ", " + b)
                .orElse("");
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

    private Run mavenTest(ScriptedLlmServer server, Build build) throws IOException, InterruptedException {
        Path project = build.project();
        String repo = build.repository();
        Path reports = project.resolve("target/surefire-reports");
        Benchmarks.fresh(reports);
        Benchmarks.fresh(project.resolve("target/llm-results"));
        server.resetRequests();
        arrivals.clear();
        List<String> command = new ArrayList<>();
        // bash reports the CPU time of mvn and its children (Maven, javac, Surefire's fork) with `times`
        command.add("bash");
        command.add("-c");
        command.add("\"$@\"; rc=$?; echo; echo cpu-times; times; exit $rc");
        command.add("bash");
        command.add(System.getProperty("bench.maven", "mvn"));
        command.add("-B");
        command.add("-q");
        if (Boolean.getBoolean("bench.maven.offline")) {
            command.add("-o");
        }
        if (!repo.isBlank()) {
            command.add("-Dmaven.repo.local=" + repo);
        }
        String argLine = System.getProperty("bench.surefire.argLine", "");
        if (!argLine.isBlank()) {
            command.add("-DargLine=" + argLine);
        }
        command.add("-Dtest=" + build.testClass());
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
            xml = files.filter(p -> p.getFileName().toString().equals("TEST-bench." + build.testClass() + ".xml"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no Surefire XML in " + reports));
        }
        String report = Files.readString(xml, StandardCharsets.UTF_8);
        int tests = Integer.parseInt(group(TESTS, report, xml));
        int expected = build.junitLlm() ? CASES + 1 : CASES; // junit-llm adds the dataset gate
        if (tests != expected || FAILURES.matcher(report).find() || server.requestCount() != CASES) {
            throw new IllegalStateException("mvn test: " + tests + " tests, " + server.requestCount()
                    + " requests, expected " + expected + " and " + CASES + " without failures; see " + xml);
        }
        double suiteMillis = Double.parseDouble(group(SUITE_TIME, report, xml).replace(",", "")) * 1000;
        String dump = System.getProperty("bench.surefire.arrivals", "");
        if (!dump.isBlank()) {
            // nanoTime of every request's arrival, one a line, for a look at where the run slows down
            Files.write(
                    Path.of(dump),
                    arrivals.stream().sorted().map(String::valueOf).toList());
        }
        long first = arrivals.stream().mapToLong(Long::longValue).min().orElseThrow();
        long last = arrivals.stream().mapToLong(Long::longValue).max().orElseThrow();
        Matcher cpu = CPU_TIMES.matcher(Files.readString(project.resolve("mvn-test.log"), StandardCharsets.UTF_8));
        double cpuMillis = cpu.find()
                ? (Integer.parseInt(cpu.group(1)) * 60
                                + Double.parseDouble(cpu.group(2))
                                + Integer.parseInt(cpu.group(3)) * 60
                                + Double.parseDouble(cpu.group(4)))
                        * 1000
                : Double.NaN;
        // junit-llm's run starts when the first @LlmTest template asks for its invocations
        Path results = project.resolve("target/llm-results/llm-results.json");
        Instant firstWall = anchor.plusNanos(first - anchorNanos);
        Instant runStarted = build.junitLlm()
                ? Instant.parse(
                        JSON.readTree(results.toFile()).at("/run/startedAt").asText())
                : firstWall;
        String[] fork = Files.readString(project.resolve("target/fork-cpu.txt"), StandardCharsets.UTF_8)
                .strip()
                .split(" ");
        return new Run(
                suiteMillis,
                mavenMillis,
                (first - begin) / 1e6,
                (last - first) / 1e6 + LiveBenchmark.LATENCY.toMillis(),
                cpuMillis,
                Duration.between(runStarted, firstWall).toNanos() / 1e6,
                Long.parseLong(fork[0]) / 1e6,
                Long.parseLong(fork[1]),
                idleMillis(arrivals.stream().sorted().toList()));
    }

    /**
     * How long, between the first arrival and the last answer, no request was in the server's 200 ms
     * delay: time the run's client side (JUnit, the test, junit-llm, Surefire) held up every slot.
     */
    static double idleMillis(List<Long> sortedArrivals) {
        long latency = LiveBenchmark.LATENCY.toNanos();
        long idle = 0;
        long busyUntil = sortedArrivals.get(0) + latency;
        for (long arrival : sortedArrivals) {
            if (arrival > busyUntil) {
                idle += arrival - busyUntil;
            }
            busyUntil = Math.max(busyUntil, arrival + latency);
        }
        return idle / 1e6;
    }

    private static String group(Pattern pattern, String text, Path file) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + pattern + " in " + file);
        }
        return m.group(1);
    }

    /** The Maven project a team would have: the library, JUnit, Surefire, a properties file, a dataset. */
    private static void generate(Path project, String baseUrl, int parallelism) {
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
                junit.jupiter.execution.parallel.config.fixed.parallelism=%d
                llm.mode=live
                llm.concurrency=16
                llm.openai.base-url=%s
                """.formatted(parallelism, baseUrl));
        write(project.resolve("src/test/java/bench/ForkCpu.java"), """
                package bench;

                import java.lang.management.ManagementFactory;
                import java.nio.file.Files;
                import java.nio.file.Path;

                /** Writes this JVM's CPU time (ns) and JIT time (ms) so far to target/fork-cpu.txt. */
                final class ForkCpu {
                    static void write() throws Exception {
                        var os = (com.sun.management.OperatingSystemMXBean)
                                ManagementFactory.getOperatingSystemMXBean();
                        long jit = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
                        Files.writeString(Path.of("target/fork-cpu.txt"), os.getProcessCpuTime() + " " + jit);
                    }
                }
                """);
        write(project.resolve("src/test/java/bench/LiveSurefireTest.java"), """
                package bench;

                import static org.junit.jupiter.api.Assertions.assertTrue;

                import dev.junitllm.GoldenCase;
                import dev.junitllm.GoldenDataset;
                import dev.junitllm.LlmClient;
                import dev.junitllm.LlmTest;
                import dev.junitllm.Model;
                import org.junit.jupiter.api.AfterAll;

                @Model("openai:gpt-4o-mini")
                class LiveSurefireTest {
                    @LlmTest
                    @GoldenDataset("%s")
                    void answers(GoldenCase c, LlmClient llm) {
                        String text = llm.chat(c.input()).text();
                        assertTrue(text.contains("30 days"), text);
                        assertTrue(text.length() > 100, text);
                    }

                    @AfterAll
                    static void cpu() throws Exception {
                        ForkCpu.write();
                    }
                }
                """.formatted(BenchData.LIVE));
        write(project.resolve("src/test/java/bench/PlainSurefireTest.java"), """
                package bench;

                import static org.junit.jupiter.api.Assertions.assertTrue;

                import com.fasterxml.jackson.databind.JsonNode;
                import com.fasterxml.jackson.databind.ObjectMapper;
                import java.io.IOException;
                import java.io.UncheckedIOException;
                import java.net.URI;
                import java.net.http.HttpClient;
                import java.net.http.HttpRequest;
                import java.net.http.HttpResponse;
                import java.nio.file.Files;
                import java.nio.file.Path;
                import java.util.List;
                import java.util.Map;
                import java.util.concurrent.Semaphore;
                import java.util.stream.Stream;
                import org.junit.jupiter.api.AfterAll;
                import org.junit.jupiter.params.ParameterizedTest;
                import org.junit.jupiter.params.provider.Arguments;
                import org.junit.jupiter.params.provider.MethodSource;

                /** The same rows without junit-llm: a JDK client, 16 permits, one call per row. */
                class PlainSurefireTest {
                    static final ObjectMapper JSON = new ObjectMapper();
                    static final HttpClient HTTP = HttpClient.newHttpClient();
                    static final Semaphore SLOTS = new Semaphore(16, true);
                    static final URI URL = URI.create("%s/chat/completions");

                    static Stream<Arguments> rows() throws IOException {
                        return Files.readAllLines(Path.of("%s")).stream().filter(l -> !l.isBlank()).map(l -> {
                            try {
                                JsonNode row = JSON.readTree(l);
                                return Arguments.of(row.get("id").asText(), row.get("input").asText());
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        });
                    }

                    @ParameterizedTest(name = "{0}")
                    @MethodSource("rows")
                    void answers(String id, String input) throws Exception {
                        String body = JSON.writeValueAsString(Map.of(
                                "model", "gpt-4o-mini", "messages", List.of(Map.of("role", "user", "content", input))));
                        HttpRequest request = HttpRequest.newBuilder(URL)
                                .header("content-type", "application/json")
                                .header("authorization", "Bearer " + System.getenv("OPENAI_API_KEY"))
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build();
                        String text;
                        SLOTS.acquire();
                        try {
                            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                            text = JSON.readTree(r.body()).at("/choices/0/message/content").asText();
                        } finally {
                            SLOTS.release();
                        }
                        assertTrue(text.contains("30 days"), text);
                        assertTrue(text.length() > 100, text);
                    }

                    @AfterAll
                    static void cpu() throws Exception {
                        ForkCpu.write();
                    }
                }
                """.formatted(baseUrl, BenchData.LIVE));
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
