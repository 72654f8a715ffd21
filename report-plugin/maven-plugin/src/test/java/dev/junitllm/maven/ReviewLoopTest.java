package dev.junitllm.maven;

import static dev.junitllm.assertions.LlmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junitllm.GoldenCase;
import dev.junitllm.GoldenDataset;
import dev.junitllm.LlmClient;
import dev.junitllm.LlmConfiguration;
import dev.junitllm.LlmTest;
import dev.junitllm.Model;
import dev.junitllm.report.JudgeAgreementTable;
import dev.junitllm.report.ReportSummary;
import dev.junitllm.results.CaseResult;
import dev.junitllm.results.HumanLabel;
import dev.junitllm.results.JudgeCalibrationResult;
import dev.junitllm.results.LabelsFile;
import dev.junitllm.results.LlmResults;
import dev.junitllm.results.ResultsReader;
import dev.junitllm.results.VerdictResult;
import dev.junitllm.testkit.ScriptedLlmServer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The review loop end to end: a run with a judge → the {@code review} goal's queue and page → a
 * reviewer labels in headless Chromium → the labels file → the next run (replayed) shows the judge's
 * agreement with people and the verdict a person overruled.
 */
class ReviewLoopTest {

    static final String CRITERION = "States the 30-day refund window and no other time limit";

    /** What the reviewer decides for each case (the judge wrongly passes loop-1's invented 60 days). */
    static final Map<String, String> REVIEWER =
            Map.of("loop-1", "fail", "loop-2", "pass", "loop-3", "fail", "loop-4", "pass", "loop-5", "fail");

    @TempDir
    Path tmp;

    @Model("openai:gpt-4o-mini")
    static class Refunds {
        @LlmTest
        @GoldenDataset("datasets/review-loop.jsonl")
        void refunds(GoldenCase c, LlmClient llm) {
            assertThat(llm.chat(c.input())).satisfiesRubric(CRITERION);
        }
    }

    private EngineExecutionResults run(String mode, String baseUrl, Path results) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(Refunds.class))
                .configurationParameter(LlmConfiguration.MODE, mode)
                .configurationParameter(LlmConfiguration.OPENAI_BASE_URL, baseUrl)
                .configurationParameter(
                        LlmConfiguration.CASSETTES_DIR, tmp.resolve("cassettes").toString())
                .configurationParameter(LlmConfiguration.RESULTS_DIR, results.toString())
                .configurationParameter(
                        LlmConfiguration.LABELS_DIR, tmp.resolve("llm-labels").toString())
                .execute();
    }

    @Test
    void runQueueLabelInChromiumNextRunShowsAgreementAndTheOverruledVerdict() throws Exception {
        Path chromium = Chromium.find();
        assumeTrue(chromium != null, "needs chromium");

        // 1. a run, recorded from the scripted server (no real model): the judge passes loop-1's made-up 60 days
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.when(r -> r.system() != null
                            && r.system().contains("meticulous evaluator")
                            && (r.lastUserMessage().contains("14 days")
                                    || r.lastUserMessage().contains("final sale")))
                    .replyJson("{\"critique\": \"Wrong time limit.\", \"verdict\": \"fail\"}");
            server.whenSystemContains("meticulous evaluator")
                    .replyJson("{\"critique\": \"Mentions 30 days.\", \"verdict\": \"pass\"}");
            server.whenUserContains("Loop 1").reply("Refunds within 30 days, or 60 if you ask nicely.");
            server.whenUserContains("Loop 2").reply("You have 30 days from delivery.");
            server.whenUserContains("Loop 3").reply("Refunds take 14 days.");
            server.whenUserContains("Loop 4").reply("Yes, within 30 days of delivery.");
            server.whenUserContains("Loop 5").reply("Sale items are final sale.");
            EngineExecutionResults first = run("record", server.openAiBaseUrl(), tmp.resolve("run1"));
            assertThat(first.allEvents().failed().stream()
                            .map(e -> e.getTestDescriptor().getDisplayName() + ": "
                                    + e.getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class)
                                            .getThrowable()
                                            .map(Throwable::toString)
                                            .orElse(""))
                            .toList())
                    .as("loop-3 and loop-5 fail by the judge, and the dataset gate with them")
                    .hasSize(3);
            first.testEvents().assertStatistics(s -> s.succeeded(3));
        }

        // 2. the review goal: queue from the run, page on 127.0.0.1, labels written as given
        ReviewMojo mojo = new ReviewMojo();
        mojo.llmResultsFile = tmp.resolve("run1/llm-results.json").toFile();
        mojo.resultsDirectory = tmp.resolve("allure-results").toFile();
        mojo.labelsDirectory = tmp.resolve("llm-labels").toFile();
        mojo.size = 10;
        mojo.seed = 1;
        mojo.closeMargin = 0.15;
        mojo.reviewer = "ana";
        mojo.timeoutMinutes = 3;
        try (ServerSocket free = new ServerSocket(0)) {
            mojo.port = free.getLocalPort();
        }
        CompletableFuture<Void> goal = CompletableFuture.runAsync(() -> {
            try {
                mojo.execute();
            } catch (Exception | AssertionError e) {
                throw new IllegalStateException(e);
            }
        });
        URI page = URI.create("http://127.0.0.1:" + mojo.port + "/");
        waitForPage(page, goal);

        // 3. a reviewer labels every queued answer in the browser, by keyboard
        try (Cdp browser = Cdp.launch(chromium, tmp.resolve("profile"))) {
            browser.navigate(page.toString());
            browser.waitUntil(
                    "the queue", () -> browser.evalTrue("document.body.getAttribute('data-review-ready') === 'true'"));
            int total = browser.eval("document.querySelectorAll('nav .item').length")
                    .asInt();
            assertThat(total).isEqualTo(5);
            for (int i = 0; i < total; i++) {
                String caseId = browser.text("[data-review=case-id]");
                String done = (i + 1) + " of " + total + " labelled";
                browser.key(REVIEWER.get(caseId).equals("pass") ? "p" : "f");
                browser.waitUntil(done, () -> {
                    try {
                        return done.equals(browser.text("[data-review=progress]"));
                    } catch (Exception | AssertionError e) {
                        return false;
                    }
                });
                if (REVIEWER.get(caseId).equals("pass")) {
                    browser.key("j");
                    String next = caseId;
                    browser.waitUntil("the next case", () -> {
                        try {
                            return !next.equals(browser.text("[data-review=case-id]")) || done.startsWith(total + " ");
                        } catch (Exception | AssertionError e) {
                            return false;
                        }
                    });
                }
            }
            browser.click("[data-action=finish]");
            goal.get(1, TimeUnit.MINUTES);
        }

        // 4. the labels file: one line per answer, keyed by the hash of exactly that answer
        List<HumanLabel> labels = LabelsFile.read(tmp.resolve("llm-labels/datasets/review-loop.jsonl"));
        assertThat(labels).hasSize(5).allMatch(l -> l.reviewer().equals("ana"));
        assertThat(labels)
                .filteredOn(l -> l.caseId().equals("loop-1"))
                .singleElement()
                .satisfies(l -> {
                    assertThat(l.label()).isEqualTo("fail");
                    assertThat(l.answerHash())
                            .isEqualTo(LabelsFile.hash("Refunds within 30 days, or 60 if you ask nicely."));
                });

        // 5. the next run (replayed, offline) applies the labels and measures the judge against them
        run("replay", "http://127.0.0.1:9", tmp.resolve("run2"));
        LlmResults run2 = ResultsReader.read(tmp.resolve("run2/llm-results.json"));
        CaseResult loop1 = run2.cases().stream()
                .filter(c -> c.caseId().equals("loop-1"))
                .findFirst()
                .orElseThrow();
        VerdictResult overruled = loop1.samples().get(0).verdicts().get(0);
        assertThat(overruled.decidedByHuman()).isTrue();
        assertThat(overruled.review().judgePassed()).isTrue();
        assertThat(overruled.passed()).isFalse();
        assertThat(loop1.passed()).isFalse();
        assertThat(loop1.failureReason()).contains("human label: fail by ana");

        JudgeCalibrationResult cal = run2.calibration().get(0);
        assertThat(cal.labels()).isEqualTo(5);
        assertThat(List.of(cal.truePositives(), cal.falsePositives(), cal.falseNegatives(), cal.trueNegatives()))
                .containsExactly(2, 1, 0, 2);
        // p_o = 0.8, p_e = 0.4 * 0.6 + 0.6 * 0.4 = 0.48: kappa = 0.32 / 0.52
        assertThat(cal.kappa()).isCloseTo(0.32 / 0.52, within(1e-12));
        assertThat(cal.tpr()).isEqualTo(1.0);
        assertThat(cal.tnr()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(cal.judgePassRate()).isEqualTo(0.6);
        // Rogan–Gladen: (0.6 + 2/3 - 1) / (1 + 2/3 - 1) = 0.4, the people's pass rate
        assertThat(cal.correctedPassRate()).isCloseTo(0.4, within(1e-12));
        assertThat(cal.overruled()).isEqualTo(1);
        assertThat(JudgeAgreementTable.gateFailures(run2.calibration(), 0.6, 5)).isEmpty();
        assertThat(JudgeAgreementTable.gateFailures(run2.calibration(), 0.7, 5))
                .singleElement()
                .asString()
                .contains("kappa 0.62", "on 5 labels");

        JsonNode row =
                ReportSummary.builder(List.of(run2)).build().path("calibration").get(0);
        assertThat(row.path("labels").asInt()).isEqualTo(5);
        assertThat(row.path("overruled").asInt()).isEqualTo(1);
    }

    private static void waitForPage(URI page, CompletableFuture<Void> goal) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (goal.isDone()) {
                goal.get();
                throw new AssertionError("the review goal ended before serving its page");
            }
            try {
                if (http.send(HttpRequest.newBuilder(page).build(), HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the review page did not come up at " + page);
    }
}
