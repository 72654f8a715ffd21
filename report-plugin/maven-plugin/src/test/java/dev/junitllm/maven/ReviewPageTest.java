package dev.junitllm.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.junitllm.report.ReviewQueue;
import dev.junitllm.results.CallResult;
import dev.junitllm.results.CaseResult;
import dev.junitllm.results.CaseStatus;
import dev.junitllm.results.HumanLabel;
import dev.junitllm.results.JudgeReview;
import dev.junitllm.results.LabelsFile;
import dev.junitllm.results.LlmResults;
import dev.junitllm.results.SampleResult;
import dev.junitllm.results.TestResult;
import dev.junitllm.results.VerdictResult;
import dev.junitllm.stats.Interval;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The review page in headless Chromium, driven like a reviewer: mouse clicks and keyboard shortcuts
 * produce the labels file, and promoting an answer rewrites exactly one dataset line.
 */
class ReviewPageTest {

    static final String CRITERION = "States the 30-day refund window";

    @TempDir
    Path tmp;

    static CaseResult judged(String id, boolean judge, String answer) {
        VerdictResult v = new VerdictResult(
                "rubric",
                judge ? 1.0 : 0.0,
                1.0,
                judge,
                "1/1 votes " + (judge ? "pass; pass: Names 30 days." : "pass; fail: Says 14 days."),
                new JudgeReview(CRITERION, LabelsFile.hash(answer), judge, null, List.of()));
        CallResult call = new CallResult(
                CallResult.Role.MODEL, "openai:gpt-4o-mini", null, true, null, null, 1, null, null, "q", answer, null);
        return new CaseResult(
                "u" + id,
                id,
                "dev.example.RefundTest#refunds",
                id,
                "datasets/refunds.jsonl",
                "openai:gpt-4o-mini",
                "replay",
                "Question " + id + ": can I return shoes after 40 days?",
                "No: the refund window is 30 days.",
                List.of("Refunds: unworn items within 30 days of delivery."),
                List.of(),
                List.of(),
                judge ? CaseStatus.PASSED : CaseStatus.FAILED,
                1,
                1,
                judge ? 1 : 0,
                1.0,
                judge ? 1.0 : 0.0,
                Interval.wilson(judge ? 1 : 0, 1),
                Map.of(),
                Map.of(),
                null,
                null,
                null,
                0L,
                List.of(new SampleResult(0, judge, null, List.of(v), List.of(call))));
    }

    static List<ReviewQueue.Item> queue() {
        LlmResults results = new LlmResults(
                LlmResults.SCHEMA_VERSION,
                null,
                null,
                null,
                null,
                List.of(new TestResult(
                        "dev.example.RefundTest#refunds",
                        "dev.example.RefundTest",
                        "refunds",
                        List.of(
                                judged("refund-1", false, "Refunds take 14 days."),
                                judged("refund-2", true, "You can return them within 30 days of delivery."),
                                judged("refund-3", true, "Thirty days, unworn.")))));
        return ReviewQueue.build(results, 10, 0.15, 1L);
    }

    private Path dataset() throws Exception {
        Path file = tmp.resolve("resources/datasets/refunds.jsonl");
        Files.createDirectories(file.getParent());
        Files.writeString(
                file,
                "{\"id\":\"refund-1\",\"input\":\"Q1\",\"expected\":\"No: the refund window is 30 days.\"}\n"
                        + "{\"id\":\"refund-2\",\"input\":\"Q2\",\"expected\":\"No: the refund window is 30 days.\"}\n"
                        + "{\"id\":\"refund-3\",\"input\":\"Q3\",\"expected\":\"No: the refund window is 30 days.\"}\n");
        return file;
    }

    @Test
    void clicksAndKeysProduceTheLabelsFileAndPromoteOneAnswer() throws Exception {
        Path chromium = Chromium.find();
        assumeTrue(chromium != null, "needs chromium");
        Path dataset = dataset();
        Path labels = tmp.resolve("labels");
        List<ReviewQueue.Item> queue = queue();
        assertThat(queue).extracting(ReviewQueue.Item::caseId).startsWith("refund-1");

        try (ReviewServer server = new ReviewServer(
                        queue,
                        labels,
                        d -> tmp.resolve("resources").resolve(d),
                        null,
                        () -> LocalDate.of(2026, 12, 1));
                Cdp browser = Cdp.launch(chromium, tmp.resolve("profile"))) {
            URI page = server.start(0);
            browser.navigate(page.toString());
            browser.waitUntil(
                    "the page to load the queue",
                    () -> browser.evalTrue("document.body.getAttribute('data-review-ready') === 'true'"));

            assertThat(browser.text("[data-review=progress]")).isEqualTo("0 of 3 labelled");
            assertThat(browser.text("[data-review=case-id]")).isEqualTo("refund-1");
            assertThat(browser.text("[data-review=criterion]")).isEqualTo(CRITERION);
            assertThat(browser.text("[data-review=answer]")).isEqualTo("Refunds take 14 days.");
            assertThat(browser.text("[data-review=expected]")).isEqualTo("No: the refund window is 30 days.");
            assertThat(browser.text("[data-review=input]")).contains("40 days");
            assertThat(browser.text("[data-review=context]")).contains("unworn items");
            assertThat(browser.text("[data-review=judge]")).contains("fail", "Says 14 days.");

            // no reviewer yet: a label is refused, nothing written
            browser.click("[data-action=fail]");
            browser.waitUntil(
                    "the reviewer prompt",
                    () -> "enter your name as reviewer first".equals(textOrNull(browser, "[data-review=status]")));
            assertThat(labels).doesNotExist();

            browser.click("[data-review=reviewer]");
            browser.type("ana");
            browser.key("Escape");
            browser.eval("document.querySelector('[data-review=reviewer]').dispatchEvent(new Event('change'))");

            // a mouse click on Fail labels refund-1 and moves on to the next unlabelled answer
            browser.click("[data-action=fail]");
            browser.waitUntil("refund-2", () -> "refund-2".equals(textOrNull(browser, "[data-review=case-id]")));
            assertThat(browser.text("[data-review=progress]")).isEqualTo("1 of 3 labelled");

            // keyboard: n focuses the note, Escape leaves it, p passes
            browser.key("n");
            browser.type("Clear and correct.");
            browser.key("Escape");
            browser.key("p");
            browser.waitUntil(
                    "the pass label",
                    () -> textOrNull(browser, "[data-review=status]") != null
                            && textOrNull(browser, "[data-review=status]").contains("labelled pass"));
            // g promotes the passed answer to golden
            browser.key("g");
            browser.waitUntil(
                    "the promotion",
                    () -> textOrNull(browser, "[data-review=status]").contains("promoted to golden"));
            browser.screenshot(tmp.resolve("review-page.png"));
            if (System.getProperty("review.screenshot") != null) {
                browser.screenshot(Path.of(System.getProperty("review.screenshot")));
            }
            assertThat(browser.text("[data-review=progress]")).isEqualTo("2 of 3 labelled");

            List<HumanLabel> written = LabelsFile.read(labels.resolve("datasets/refunds.jsonl"));
            assertThat(written)
                    .containsExactly(
                            new HumanLabel(
                                    "refund-1",
                                    CRITERION,
                                    LabelsFile.hash("Refunds take 14 days."),
                                    "fail",
                                    null,
                                    "ana",
                                    "2026-12-01",
                                    "openai:gpt-4o-mini"),
                            new HumanLabel(
                                    "refund-2",
                                    CRITERION,
                                    LabelsFile.hash("You can return them within 30 days of delivery."),
                                    "pass",
                                    "Clear and correct.",
                                    "ana",
                                    "2026-12-01",
                                    "openai:gpt-4o-mini"));
            assertThat(Files.readAllLines(dataset))
                    .containsExactly(
                            "{\"id\":\"refund-1\",\"input\":\"Q1\",\"expected\":\"No: the refund window is 30 days.\"}",
                            "{\"id\":\"refund-2\",\"input\":\"Q2\",\"expected\":\"You can return them within 30 days of delivery.\"}",
                            "{\"id\":\"refund-3\",\"input\":\"Q3\",\"expected\":\"No: the refund window is 30 days.\"}");

            // j moves on, a click on the list goes back; Finish ends the review
            browser.key("j");
            browser.waitUntil("refund-3", () -> "refund-3".equals(textOrNull(browser, "[data-review=case-id]")));
            browser.click("nav .item[data-case=refund-1]");
            browser.waitUntil("refund-1", () -> "refund-1".equals(textOrNull(browser, "[data-review=case-id]")));
            assertThat(browser.text("[data-review=status]")).contains("labelled fail");
            browser.click("[data-action=finish]");
            assertThat(server.awaitFinish(1)).isTrue();
            assertThat(server.labelledCount()).isEqualTo(2);
        }
    }

    private static String textOrNull(Cdp browser, String selector) {
        try {
            return browser.text(selector);
        } catch (Exception | AssertionError e) {
            return null;
        }
    }

    @Test
    void writesNeedThePagesTokenAndOnlyLoopbackHostsAreServed() throws Exception {
        try (ReviewServer server = new ReviewServer(
                queue(), tmp.resolve("labels"), d -> tmp.resolve(d), "ana", () -> LocalDate.of(2026, 12, 1))) {
            URI page = server.start(0);
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> noToken = http.send(
                    HttpRequest.newBuilder(page.resolve("/api/label"))
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"index\":0,\"label\":\"fail\",\"reviewer\":\"eve\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(noToken.statusCode()).isEqualTo(403);
            assertThat(noToken.body()).contains("review token");
            assertThat(tmp.resolve("labels")).doesNotExist();

            String html = http.send(HttpRequest.newBuilder(page).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
            assertThat(html)
                    .doesNotContain("__TOKEN__")
                    .doesNotContain("http://")
                    .doesNotContain("https://");

            // a request naming another host (DNS rebinding) is refused
            try (Socket socket = new Socket("127.0.0.1", page.getPort())) {
                OutputStream out = socket.getOutputStream();
                out.write("GET /api/queue HTTP/1.1\r\nHost: evil.example:80\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String status = new BufferedReader(
                                new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                        .readLine();
                assertThat(status).contains("403");
            }
        }
    }
}
