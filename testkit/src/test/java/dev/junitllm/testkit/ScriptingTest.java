package dev.junitllm.testkit;

import static dev.junitllm.testkit.Http.anthropic;
import static dev.junitllm.testkit.Http.json;
import static dev.junitllm.testkit.Http.openAi;
import static dev.junitllm.testkit.Http.openAiContent;
import static dev.junitllm.testkit.Http.openAiDelta;
import static dev.junitllm.testkit.RequestMatchers.lastMessageRole;
import static dev.junitllm.testkit.RequestMatchers.model;
import static dev.junitllm.testkit.RequestMatchers.systemContains;
import static dev.junitllm.testkit.RequestMatchers.userContains;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScriptingTest {

    private final ScriptedLlmServer server = ScriptedLlmServer.start();

    @AfterEach
    void close() {
        server.close();
    }

    static String chat(String user) {
        return "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"" + user + "\"}]}";
    }

    private String answer(String body) {
        HttpResponse<String> response = openAi(server, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return openAiContent(response);
    }

    @Test
    void replyInTurnAnswersRepeatedIdenticalRequestsInOrderThenRepeatsTheLast() {
        server.whenUserContains("refund").replyInTurn("a", "b", "c");

        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            answers.add(answer(chat("refund?")));
        }

        assertThat(answers).containsExactly("a", "b", "c", "c", "c");
    }

    @Test
    void turnsAreCountedPerDistinctRequestIgnoringKeyOrderAndStreamFlag() {
        server.whenUserContains("refund").replyInTurn("a", "b", "c");

        String first = answer(chat("refund one"));
        String other = answer(chat("refund two"));
        String reordered =
                answer("{\"messages\":[{\"content\":\"refund one\",\"role\":\"user\"}],\"model\":\"gpt-4o-mini\"}");
        String streamed = String.join(
                "",
                Http.events(openAi(server, OpenAiWireShapeTest.streaming(chat("refund one"), false))
                                .body())
                        .stream()
                        .filter(e -> !e.data().equals("[DONE]"))
                        .map(e -> openAiDelta(e.json()))
                        .toList());

        assertThat(List.of(first, other, reordered, streamed)).containsExactly("a", "a", "b", "c");
    }

    @Test
    void failuresDoNotConsumeTurns() {
        server.whenAnyRequest().failTimes(1, 500).replyInTurn("a", "b");

        assertThat(openAi(server, chat("x")).statusCode()).isEqualTo(500);
        assertThat(answer(chat("x"))).isEqualTo("a");
        assertThat(answer(chat("x"))).isEqualTo("b");
        assertThat(openAi(server, chat("y")).statusCode()).isEqualTo(500);
        assertThat(answer(chat("y"))).isEqualTo("a");
    }

    @Test
    void firstMatchingRuleWinsAndCountsItsMatches() {
        ScriptedRule judge = server.whenSystemContains("GRADER").replyJson("{\"pass\":true}");
        ScriptedRule refunds = server.whenUserContains("refund").reply("30 days");
        ScriptedRule rest = server.whenAnyRequest().reply("fallback");

        String judged =
                answer("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"system\",\"content\":\"You are a grader.\"},"
                        + "{\"role\":\"user\",\"content\":\"refund answer to grade\"}]}");
        String refund = answer(chat("REFUND please"));
        String other = answer(chat("hello"));

        assertThat(json(judged)).isEqualTo(json("{\"pass\":true}"));
        assertThat(refund).isEqualTo("30 days");
        assertThat(other).isEqualTo("fallback");
        assertThat(List.of(judge.matchCount(), refunds.matchCount(), rest.matchCount()))
                .containsExactly(1, 1, 1);
        assertThat(refunds.description()).isEqualTo("last user message contains \"refund\"");
    }

    @Test
    void matchersCombineAndDescribeThemselves() {
        var predicate = model("gpt-4o")
                .and(systemContains("judge"))
                .or(userContains("x").negate());
        assertThat(predicate.toString())
                .isEqualTo(
                        "(model is \"gpt-4o\" and system prompt contains \"judge\" or not (last user message contains \"x\"))");

        server.when(model("gpt-4o").and(lastMessageRole("tool"))).reply("Your order ships today.");
        server.otherwise().reply("other");

        String openAiToolResult = answer("""
                {"model":"gpt-4o","messages":[{"role":"user","content":"where is A-17?"},
                 {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"lookup","arguments":"{}"}}]},
                 {"role":"tool","tool_call_id":"c1","content":"shipped"}]}""");
        JsonNode anthropicToolResult = json(anthropic(server, """
                {"model":"gpt-4o","max_tokens":100,"messages":[{"role":"user","content":"where?"},
                 {"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"lookup","input":{}}]},
                 {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"shipped"}]}]}"""));
        String otherModel = answer(chat("x"));

        assertThat(openAiToolResult).isEqualTo("Your order ships today.");
        assertThat(anthropicToolResult.path("content").get(0).path("text").asText())
                .isEqualTo("Your order ships today.");
        assertThat(otherModel).isEqualTo("other");
    }

    @Test
    void requestLogKeepsPathHeadersAndParsedBody() {
        server.whenAnyRequest().reply("ok");

        openAi(server, chat("first"));
        anthropic(
                server,
                "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":10,\"system\":\"sys\",\"messages\":[{\"role\":\"user\","
                        + "\"content\":[{\"type\":\"text\",\"text\":\"second\"}]}]}");

        assertThat(server.requestCount()).isEqualTo(2);
        List<ScriptedRequest> requests = server.requests();
        ScriptedRequest first = requests.get(0);
        assertThat(first.sequence()).isEqualTo(1);
        assertThat(first.method()).isEqualTo("POST");
        assertThat(first.path()).isEqualTo("/v1/chat/completions");
        assertThat(first.endpoint()).isEqualTo(ScriptedRequest.Endpoint.OPENAI_CHAT_COMPLETIONS);
        assertThat(first.header("Authorization")).hasValue("Bearer test-key");
        assertThat(first.headers()).containsKey("authorization");
        assertThat(first.body().path("messages").get(0).path("content").asText())
                .isEqualTo("first");
        assertThat(first.lastUserMessage()).isEqualTo("first");
        assertThat(first.streaming()).isFalse();
        ScriptedRequest second = requests.get(1);
        assertThat(second.endpoint()).isEqualTo(ScriptedRequest.Endpoint.ANTHROPIC_MESSAGES);
        assertThat(second.system()).isEqualTo("sys");
        assertThat(second.lastUserMessage()).isEqualTo("second");
        assertThat(second.header("anthropic-version")).hasValue("2023-06-01");
        assertThat(second.bodyText()).contains("\"max_tokens\":10");

        server.resetRequests();
        assertThat(server.requestCount()).isZero();
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void openAiContentPartsAndDeveloperMessagesAreFlattened() {
        server.when(systemContains("policy").and(userContains("part two"))).reply("matched");

        String answer = answer("""
                {"model":"gpt-4o","messages":[{"role":"developer","content":"Follow the policy."},
                 {"role":"user","content":[{"type":"text","text":"part one"},{"type":"text","text":"part two"}]}]}""");

        assertThat(answer).isEqualTo("matched");
        assertThat(server.requests().get(0).lastUserMessage()).isEqualTo("part one\npart two");
    }

    @Test
    void maxConcurrentRequestsMeasuresRequestsInFlight() throws Exception {
        server.whenAnyRequest().delay(Duration.ofMillis(600)).reply("slow");
        int parallel = 6;
        ExecutorService clients = Executors.newFixedThreadPool(parallel);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                String body = chat("request " + i);
                Callable<Integer> call = () -> {
                    go.await();
                    return openAi(server, body).statusCode();
                };
                results.add(clients.submit(call));
            }
            go.countDown();
            for (Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(200);
            }
        } finally {
            clients.shutdownNow();
        }

        assertThat(server.maxConcurrentRequests()).isEqualTo(parallel);
        assertThat(server.requestCount()).isEqualTo(parallel);

        server.resetRequests();
        answer(chat("one"));
        answer(chat("two"));
        assertThat(server.maxConcurrentRequests()).isEqualTo(1);
    }

    @Test
    void sequentialRequestsAreNeverCountedAsConcurrent() {
        // A client limiter starts its next call as soon as it has read an answer: the server must have
        // ended the previous flight by then, for plain bodies and streams alike.
        server.whenAnyRequest().reply("one two three");
        for (int i = 0; i < 100; i++) {
            answer(chat("plain " + i));
            Http.events(openAi(server, OpenAiWireShapeTest.streaming(chat("stream " + i), true))
                    .body());
        }

        assertThat(server.requestCount()).isEqualTo(200);
        assertThat(server.maxConcurrentRequests()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aFlightEndsBeforeItsLastBytesAreWritten(boolean stream) throws Exception {
        // Deterministic form of the race a benchmark saw (17 counted with a client limited to 16): the
        // log line is printed right before an answer's last bytes, so a console that blocks on the first
        // line holds request A there. The client cannot have A's full answer yet; request B, sent now,
        // must not be counted together with A.
        server.whenAnyRequest().reply("one two three");
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        // println overridden: PrintStream's own methods lock the stream, which would hold request B too
        server.logTo(new PrintStream(OutputStream.nullOutputStream(), true, UTF_8) {
            @Override
            public void println(String line) {
                if (first.compareAndSet(true, false)) {
                    holding.countDown();
                    try {
                        release.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        });
        String a = stream ? OpenAiWireShapeTest.streaming(chat("a"), true) : chat("a");
        ExecutorService client = Executors.newSingleThreadExecutor();
        try {
            Future<HttpResponse<String>> answerA = client.submit(() -> openAi(server, a));
            assertThat(holding.await(20, TimeUnit.SECONDS))
                    .as("request A reached the log line")
                    .isTrue();
            assertThat(answerA).isNotDone();

            assertThat(answer(chat("b"))).isEqualTo("one two three");
            release.countDown();

            assertThat(answerA.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        } finally {
            release.countDown();
            client.shutdownNow();
        }
        assertThat(server.requestCount()).isEqualTo(2);
        assertThat(server.maxConcurrentRequests()).isEqualTo(1);
    }

    @Test
    void delayHoldsTheAnswerBack() {
        server.whenAnyRequest().delay(Duration.ofMillis(300)).reply("late");

        long start = System.nanoTime();
        answer(chat("x"));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void aThrowingPredicateIsA500NamingTheException() {
        server.when(request -> {
                    throw new IllegalStateException("predicate exploded");
                })
                .reply("never");

        HttpResponse<String> openAiResponse = openAi(server, chat("x"));
        HttpResponse<String> anthropicResponse = anthropic(
                server, "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

        assertThat(openAiResponse.statusCode()).isEqualTo(500);
        assertThat(json(openAiResponse).path("error").path("message").asText()).contains("predicate exploded");
        assertThat(anthropicResponse.statusCode()).isEqualTo(500);
        assertThat(json(anthropicResponse).path("error").path("type").asText()).isEqualTo("api_error");
        assertThat(server.maxConcurrentRequests()).isEqualTo(1);
    }

    @Test
    void aReplyFunctionDecidesFromTheRequest() {
        ScriptedRule judge = server.whenUserContains("answer:")
                .reply(request -> request.lastUserMessage().contains("14 days") ? "fail" : "pass");

        assertThat(answer(chat("answer: within 30 days"))).isEqualTo("pass");
        assertThat(answer(chat("answer: within 14 days"))).isEqualTo("fail");
        assertThat(judge.matchCount()).isEqualTo(2);
    }

    @Test
    void replyFunctionsTakeTurnsPerDistinctRequest() {
        server.whenUserContains("ship")
                .replyInTurn(List.of(request -> "first: " + request.lastUserMessage(), request -> "second"));

        assertThat(answer(chat("ship?"))).isEqualTo("first: ship?");
        assertThat(answer(chat("ship?"))).isEqualTo("second");
        assertThat(answer(chat("ship?"))).isEqualTo("second");
        assertThat(answer(chat("ship now?"))).isEqualTo("first: ship now?");
    }

    @Test
    void toolCallArgumentsCanBeComputed() {
        server.whenUserContains("order")
                .replyWithToolCall(
                        "lookup_order",
                        request -> "{\"order_id\":\""
                                + request.lastUserMessage().replaceAll(".*(A-\\d+).*", "$1") + "\"}");

        JsonNode call = json(openAi(server, chat("where is order A-1234 now")))
                .path("choices")
                .path(0)
                .path("message")
                .path("tool_calls")
                .path(0)
                .path("function");

        assertThat(call.path("name").asText()).isEqualTo("lookup_order");
        assertThat(call.path("arguments").asText()).isEqualTo("{\"order_id\":\"A-1234\"}");
    }

    @Test
    void aThrowingOrEmptyReplyFunctionIsA500() {
        server.whenUserContains("boom").reply(request -> {
            throw new IllegalStateException("judge exploded");
        });
        server.whenUserContains("null").reply(request -> null);
        server.whenUserContains("array").replyWithToolCall("f", request -> "[1]");

        HttpResponse<String> thrown = openAi(server, chat("boom"));
        HttpResponse<String> empty = openAi(server, chat("null"));
        HttpResponse<String> notAnObject = openAi(server, chat("array"));

        assertThat(thrown.statusCode()).isEqualTo(500);
        assertThat(json(thrown).path("error").path("message").asText()).contains("judge exploded");
        assertThat(json(empty).path("error").path("message").asText()).contains("returned no answer");
        assertThat(json(notAnObject).path("error").path("message").asText()).contains("must be a JSON object");
    }

    @Test
    void rulesCanBeAddedWhileRunning() {
        assertThat(openAi(server, chat("late rule")).statusCode()).isEqualTo(404);

        server.whenUserContains("late").reply("now scripted");

        assertThat(answer(chat("late rule"))).isEqualTo("now scripted");
    }

    @Test
    void builderRejectsBadInput() {
        assertThatThrownBy(() -> server.whenAnyRequest().replyWithToolCall("f", "[1,2]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> server.whenAnyRequest().replyWithToolCall("f", "{oops"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> server.whenAnyRequest().replyJson("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> server.whenAnyRequest().replyInTurn()).hasMessageContaining("at least one");
        assertThatThrownBy(() -> server.whenAnyRequest().replyInTurn(List.of())).hasMessageContaining("at least one");
        assertThatThrownBy(() -> server.whenAnyRequest().fail(200, "x", "y")).hasMessageContaining("4xx or 5xx");
        assertThatThrownBy(() -> server.whenAnyRequest().delay(Duration.ofSeconds(-1)))
                .hasMessageContaining("negative");
        RuleBuilder builder = server.whenAnyRequest();
        builder.reply("once");
        assertThatThrownBy(() -> builder.reply("twice")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ScriptedLlmServer.start(70_000)).hasMessageContaining("0..65535");
    }

    @Test
    void bindsToLoopbackOnly() {
        assertThat(server.openAiBaseUrl()).isEqualTo("http://127.0.0.1:" + server.port() + "/v1");
        assertThat(server.anthropicBaseUrl()).isEqualTo("http://127.0.0.1:" + server.port());
        assertThat(server.port()).isPositive();
    }

    @Test
    void closeIsIdempotentAndStopsServing() {
        ScriptedLlmServer other = ScriptedLlmServer.start();
        String url = other.openAiBaseUrl();
        other.close();
        other.close();

        assertThatThrownBy(() -> Http.post(url + "/chat/completions", chat("x")))
                .isInstanceOf(java.io.UncheckedIOException.class);
    }
}
