package dev.junitllm.testkit;

import static dev.junitllm.testkit.Http.events;
import static dev.junitllm.testkit.Http.json;
import static dev.junitllm.testkit.Http.openAi;
import static dev.junitllm.testkit.Http.openAiContent;
import static dev.junitllm.testkit.Http.openAiDelta;
import static dev.junitllm.testkit.Http.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenAiWireShapeTest {

    private static final String REFUND_REQUEST = """
            {"model":"gpt-4o-mini","messages":[
              {"role":"system","content":"You are a support bot."},
              {"role":"user","content":"How do I get a refund?"}]}""";

    private final ScriptedLlmServer server = ScriptedLlmServer.start();

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void nonStreamingTextAnswerHasTheChatCompletionShape() {
        server.whenUserContains("refund").reply("Refunds take 30 days.");

        HttpResponse<String> response = openAi(server, REFUND_REQUEST);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(response.headers().firstValue("x-request-id")).hasValue("req_scripted_1");
        JsonNode body = json(response);
        assertThat(body.path("id").asText()).isEqualTo("chatcmpl-scripted-1");
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.path("created").isIntegralNumber()).isTrue();
        assertThat(body.path("created").asLong())
                .isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(60L));
        assertThat(body.path("model").asText()).isEqualTo("gpt-4o-mini-scripted");
        assertThat(body.path("system_fingerprint").asText()).isEqualTo("fp_scripted");
        assertThat(body.path("choices")).hasSize(1);
        JsonNode choice = body.path("choices").get(0);
        assertThat(choice.path("index").asInt()).isZero();
        assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
        assertThat(choice.has("logprobs") && choice.path("logprobs").isNull()).isTrue();
        JsonNode message = choice.path("message");
        assertThat(message.path("role").asText()).isEqualTo("assistant");
        assertThat(message.path("content").asText()).isEqualTo("Refunds take 30 days.");
        assertThat(message.has("refusal") && message.path("refusal").isNull()).isTrue();
        assertThat(message.has("tool_calls")).isFalse();
        // 5 system + 6 user words -> ceil(11 * 1.3) = 15; 4 answer words -> ceil(5.2) = 6
        JsonNode usage = body.path("usage");
        assertThat(usage.path("prompt_tokens").asInt()).isEqualTo(15);
        assertThat(usage.path("completion_tokens").asInt()).isEqualTo(6);
        assertThat(usage.path("total_tokens").asInt()).isEqualTo(21);
        assertThat(usage.path("prompt_tokens_details").path("cached_tokens").isInt())
                .isTrue();
        assertThat(usage.path("prompt_tokens_details").path("cached_tokens").asInt())
                .isZero();
        assertThat(usage.path("completion_tokens_details")
                        .path("reasoning_tokens")
                        .isInt())
                .isTrue();
        assertThat(usage.path("completion_tokens_details")
                        .path("reasoning_tokens")
                        .asInt())
                .isZero();
    }

    @Test
    void toolCallAnswerCarriesArgumentsAsAJsonString() {
        server.whenUserContains("order").replyWithToolCall("lookup_order", "{\"order_id\":\"A-17\"}");

        JsonNode body = json(
                openAi(
                        server,
                        "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Where is my order?\"}],"
                                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"lookup_order\",\"parameters\":{}}}]}"));

        JsonNode choice = body.path("choices").get(0);
        assertThat(choice.path("finish_reason").asText()).isEqualTo("tool_calls");
        JsonNode message = choice.path("message");
        assertThat(message.path("content").isNull()).isTrue();
        JsonNode call = message.path("tool_calls").get(0);
        assertThat(message.path("tool_calls")).hasSize(1);
        assertThat(call.path("id").asText()).isEqualTo("call_scripted_1");
        assertThat(call.path("type").asText()).isEqualTo("function");
        assertThat(call.path("function").path("name").asText()).isEqualTo("lookup_order");
        assertThat(call.path("function").path("arguments").isTextual()).isTrue();
        assertThat(json(call.path("function").path("arguments").asText())).isEqualTo(json("{\"order_id\":\"A-17\"}"));
        assertThat(body.path("usage").path("completion_tokens").asInt()).isPositive();
    }

    @Test
    void refusalFillsTheRefusalFieldAndLeavesContentNull() {
        server.whenUserContains("bomb").refuse("I can't help with that.");

        JsonNode message = json(openAi(
                        server,
                        "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Build a bomb\"}]}"))
                .path("choices")
                .get(0);

        assertThat(message.path("finish_reason").asText()).isEqualTo("stop");
        assertThat(message.path("message").path("content").isNull()).isTrue();
        assertThat(message.path("message").path("refusal").asText()).isEqualTo("I can't help with that.");
    }

    @Test
    void replyJsonIsTheMessageContent() {
        server.whenAnyRequest().replyJson(java.util.Map.of("pass", true));

        JsonNode body = json(openAi(server, REFUND_REQUEST));

        assertThat(json(body.path("choices")
                        .get(0)
                        .path("message")
                        .path("content")
                        .asText()))
                .isEqualTo(json("{\"pass\":true}"));
    }

    @Test
    void answerLongerThanMaxCompletionTokensStopsWithLength() {
        server.whenAnyRequest().reply("one two three four five six seven eight nine ten");

        JsonNode body = json(
                openAi(
                        server,
                        "{\"model\":\"m\",\"max_completion_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"count\"}]}"));

        JsonNode choice = body.path("choices").get(0);
        assertThat(choice.path("finish_reason").asText()).isEqualTo("length");
        assertThat(choice.path("message").path("content").asText()).isEqualTo("one two three");
        assertThat(body.path("usage").path("completion_tokens").asInt()).isEqualTo(5);
    }

    @Test
    void cachedTokensAreASubsetOfPromptTokens() {
        server.whenAnyRequest().cachedInputTokens(10).reply("ok");
        JsonNode usage = json(openAi(server, REFUND_REQUEST)).path("usage");
        assertThat(usage.path("prompt_tokens_details").path("cached_tokens").asInt())
                .isEqualTo(10);
        assertThat(usage.path("prompt_tokens").asInt()).isEqualTo(15);

        server.otherwise().reply("unused");
        ScriptedLlmServer other = ScriptedLlmServer.start();
        try (other) {
            other.whenAnyRequest().cachedInputTokens(1000).reply("ok");
            JsonNode capped = json(openAi(other, REFUND_REQUEST)).path("usage");
            assertThat(capped.path("prompt_tokens_details")
                            .path("cached_tokens")
                            .asInt())
                    .isEqualTo(15);
        }
    }

    @Test
    void streamWithUsageSendsChunksThenAUsageChunkWithNoChoicesThenDone() {
        server.whenUserContains("refund").reply("Refunds take 30 days.");

        HttpResponse<String> response = openAi(server, streaming(REFUND_REQUEST, true));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream; charset=utf-8");
        assertThat(response.headers().firstValue("x-request-id")).hasValue("req_scripted_1");
        List<Http.Sse> events = events(response.body());
        assertThat(events).allSatisfy(e -> assertThat(e.event()).isNull());
        assertThat(events.get(events.size() - 1).data()).isEqualTo("[DONE]");
        List<JsonNode> chunks = events.subList(0, events.size() - 1).stream()
                .map(Http.Sse::json)
                .toList();
        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.path("id").asText()).isEqualTo("chatcmpl-scripted-1");
            assertThat(chunk.path("model").asText()).isEqualTo("gpt-4o-mini-scripted");
            assertThat(chunk.path("created").isIntegralNumber()).isTrue();
            assertThat(chunk.has("usage")).isTrue();
        });
        JsonNode first = chunks.get(0).path("choices").get(0).path("delta");
        assertThat(first.path("role").asText()).isEqualTo("assistant");
        assertThat(first.path("content").asText()).isEmpty();
        List<JsonNode> withChoices =
                chunks.stream().filter(c -> !c.path("choices").isEmpty()).toList();
        assertThat(withChoices)
                .allSatisfy(c -> assertThat(c.path("usage").isNull()).isTrue());
        String text = withChoices.stream().map(Http::openAiDelta).collect(Collectors.joining());
        assertThat(text).isEqualTo("Refunds take 30 days.");
        assertThat(withChoices.size()).isGreaterThan(3);
        JsonNode finish =
                withChoices.get(withChoices.size() - 1).path("choices").get(0);
        assertThat(finish.path("finish_reason").asText()).isEqualTo("stop");
        assertThat(finish.path("delta").size()).isZero();
        assertThat(withChoices.subList(0, withChoices.size() - 1))
                .allSatisfy(c -> assertThat(
                                c.path("choices").get(0).path("finish_reason").isNull())
                        .isTrue());
        JsonNode usageChunk = chunks.get(chunks.size() - 1);
        assertThat(usageChunk.path("choices").isArray()
                        && usageChunk.path("choices").isEmpty())
                .isTrue();
        assertThat(usageChunk.path("usage").path("prompt_tokens").asInt()).isEqualTo(15);
        assertThat(usageChunk.path("usage").path("completion_tokens").asInt()).isEqualTo(6);
        assertThat(usageChunk.path("usage").path("total_tokens").asInt()).isEqualTo(21);
    }

    @Test
    void streamWithoutIncludeUsageHasNoUsageAnywhere() {
        server.whenAnyRequest().reply("Hello there");

        List<Http.Sse> events =
                events(openAi(server, streaming(REFUND_REQUEST, false)).body());

        assertThat(events.get(events.size() - 1).data()).isEqualTo("[DONE]");
        assertThat(events.subList(0, events.size() - 1)).allSatisfy(e -> {
            assertThat(e.json().has("usage")).isFalse();
            assertThat(e.json().path("choices")).hasSize(1);
        });
    }

    @Test
    void streamedToolCallSendsIdAndNameFirstThenArgumentFragmentsByIndex() {
        String args = "{\"order_id\":\"A-17\",\"include_history\":true}";
        server.whenAnyRequest().replyWithToolCall("lookup_order", args);

        List<Http.Sse> events =
                events(openAi(server, streaming(REFUND_REQUEST, true)).body());

        List<JsonNode> deltas = events.subList(0, events.size() - 1).stream()
                .map(Http.Sse::json)
                .filter(c -> !c.path("choices").isEmpty())
                .map(c -> c.path("choices").get(0))
                .toList();
        JsonNode firstCall = deltas.get(0).path("delta").path("tool_calls").get(0);
        assertThat(firstCall.path("index").asInt()).isZero();
        assertThat(firstCall.path("id").asText()).isEqualTo("call_scripted_1");
        assertThat(firstCall.path("type").asText()).isEqualTo("function");
        assertThat(firstCall.path("function").path("name").asText()).isEqualTo("lookup_order");
        List<JsonNode> fragments = deltas.subList(1, deltas.size() - 1);
        assertThat(fragments).hasSizeGreaterThan(1).allSatisfy(d -> {
            assertThat(d.path("delta").path("tool_calls").get(0).path("index").asInt())
                    .isZero();
            assertThat(d.path("delta").path("tool_calls").get(0).has("id")).isFalse();
        });
        String joined = fragments.stream()
                .map(d -> d.path("delta")
                        .path("tool_calls")
                        .get(0)
                        .path("function")
                        .path("arguments")
                        .asText())
                .collect(Collectors.joining());
        assertThat(joined).isEqualTo(args);
        assertThat(deltas.get(deltas.size() - 1).path("finish_reason").asText()).isEqualTo("tool_calls");
    }

    @Test
    void streamedRefusalArrivesInRefusalDeltas() {
        server.whenAnyRequest().refuse("I can't help with that.");

        List<Http.Sse> events =
                events(openAi(server, streaming(REFUND_REQUEST, false)).body());

        String refusal = events.subList(0, events.size() - 1).stream()
                .map(e -> e.json()
                        .path("choices")
                        .get(0)
                        .path("delta")
                        .path("refusal")
                        .asText(""))
                .collect(Collectors.joining());
        assertThat(refusal).isEqualTo("I can't help with that.");
    }

    @Test
    void truncatedStreamEndsWithoutFinishReasonOrDone() {
        server.whenAnyRequest().truncateStream().reply("Refunds take 30 days.");

        List<Http.Sse> events =
                events(openAi(server, streaming(REFUND_REQUEST, true)).body());

        assertThat(events).isNotEmpty().noneMatch(e -> e.data().equals("[DONE]"));
        String text = events.stream().map(e -> openAiDelta(e.json())).collect(Collectors.joining());
        assertThat(text).isEqualTo("Refunds take 30 days.");
        assertThat(events)
                .allSatisfy(e -> assertThat(e.json()
                                .path("choices")
                                .get(0)
                                .path("finish_reason")
                                .isNull())
                        .isTrue());
    }

    @Test
    void truncatedNonStreamingBodyIsCutOff() {
        server.whenAnyRequest().truncateStream().reply("Refunds take 30 days.");

        assertThatThrownBy(() -> openAi(server, REFUND_REQUEST)).isInstanceOf(UncheckedIOException.class);
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void midStreamErrorIsADataEventWithAnErrorObject() {
        server.whenAnyRequest()
                .failMidStream("server_error", "The model crashed.")
                .reply("one two three four");

        List<Http.Sse> events =
                events(openAi(server, streaming(REFUND_REQUEST, true)).body());

        Http.Sse last = events.get(events.size() - 1);
        assertThat(last.json())
                .isEqualTo(
                        json(
                                "{\"error\":{\"message\":\"The model crashed.\",\"type\":\"server_error\",\"param\":null,\"code\":null}}"));
        assertThat(events).noneMatch(e -> e.data().equals("[DONE]"));
        assertThat(events.size()).isBetween(2, 4);
    }

    @Test
    void scriptedErrorUsesOpenAiErrorShapeAndRetryHeaders() {
        server.whenAnyRequest()
                .fail(429, "insufficient_quota", "You exceeded your current quota.", Duration.ofMillis(1500));

        HttpResponse<String> response = openAi(server, REFUND_REQUEST);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("retry-after")).hasValue("2");
        assertThat(response.headers().firstValue("retry-after-ms")).hasValue("1500");
        assertThat(response.headers().firstValue("x-request-id")).hasValue("req_scripted_1");
        assertThat(json(response))
                .isEqualTo(json("{\"error\":{\"message\":\"You exceeded your current quota.\","
                        + "\"type\":\"insufficient_quota\",\"param\":null,\"code\":\"insufficient_quota\"}}"));
    }

    @Test
    void failTimesSendsTheUsualRateLimitErrorThenTheReply() {
        server.whenAnyRequest().failTimes(2, 429).reply("finally");

        HttpResponse<String> first = openAi(server, REFUND_REQUEST);
        HttpResponse<String> second = openAi(server, REFUND_REQUEST);
        HttpResponse<String> third = openAi(server, REFUND_REQUEST);

        assertThat(first.statusCode()).isEqualTo(429);
        assertThat(first.headers().firstValue("retry-after")).isEmpty();
        JsonNode error = json(first).path("error");
        assertThat(error.path("type").asText()).isEqualTo("requests");
        assertThat(error.path("code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(error.path("message").asText()).contains("Rate limit");
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(third.statusCode()).isEqualTo(200);
        assertThat(openAiContent(third)).isEqualTo("finally");
    }

    @Test
    void serverErrorsGetServerErrorType() {
        server.whenAnyRequest().failTimes(1, 503, Duration.ofSeconds(3)).reply("ok");

        HttpResponse<String> response = openAi(server, REFUND_REQUEST);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("retry-after")).hasValue("3");
        assertThat(json(response).path("error").path("type").asText()).isEqualTo("server_error");
    }

    @Test
    void unmatchedRequestIsA404NamingTheRequest() {
        server.whenUserContains("weather").reply("Sunny.");

        HttpResponse<String> response = openAi(server, REFUND_REQUEST);

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode error = json(response).path("error");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("code").asText()).isEqualTo("no_script_matched");
        assertThat(error.path("message").asText())
                .contains("No scripted rule matched")
                .contains("model=\"gpt-4o-mini\"")
                .contains("system=\"You are a support bot.\"")
                .contains("lastUserMessage=\"How do I get a refund?\"")
                .contains("not a real model");
    }

    @Test
    void otherwiseReplacesTheNoMatchError() {
        server.whenUserContains("weather").reply("Sunny.");
        server.otherwise().reply("I only know about the weather.");

        JsonNode body = json(openAi(server, REFUND_REQUEST));

        assertThat(body.path("choices").get(0).path("message").path("content").asText())
                .isEqualTo("I only know about the weather.");
    }

    @Test
    void pathsWithoutV1PrefixWorkToo() {
        server.whenAnyRequest().reply("ok");

        HttpResponse<String> response = post(server.anthropicBaseUrl() + "/chat/completions", REFUND_REQUEST);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("object").asText()).isEqualTo("chat.completion");
    }

    @Test
    void malformedRequestsGetOpenAi400s() {
        server.whenAnyRequest().reply("ok");

        HttpResponse<String> notJson = openAi(server, "{not json");
        HttpResponse<String> noModel = openAi(server, "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        HttpResponse<String> noMessages = openAi(server, "{\"model\":\"gpt-4o\"}");
        HttpResponse<String> emptyMessages = openAi(server, "{\"model\":\"gpt-4o\",\"messages\":[]}");

        assertThat(List.of(notJson, noModel, noMessages, emptyMessages)).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(json(r).path("error").path("type").asText()).isEqualTo("invalid_request_error");
            assertThat(r.headers().firstValue("x-request-id")).isPresent();
        });
        assertThat(json(noModel).path("error").path("message").asText())
                .isEqualTo("you must provide a model parameter");
        assertThat(json(noMessages).path("error").path("param").asText()).isEqualTo("messages");
        assertThat(server.requestCount()).isEqualTo(4);
    }

    @Test
    void unknownPathIs404AndGetIs405() {
        HttpResponse<String> unknown = post(server.openAiBaseUrl() + "/completions", REFUND_REQUEST);
        HttpResponse<String> get =
                Http.send(HttpRequest.newBuilder(URI.create(server.openAiBaseUrl() + "/chat/completions"))
                        .GET()
                        .build());

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).path("error").path("code").asText()).isEqualTo("unknown_url");
        assertThat(json(unknown).path("error").path("message").asText()).contains("/v1/completions");
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(json(get).path("error").path("message").asText()).contains("use POST");
    }

    static String streaming(String request, boolean includeUsage) {
        String options = includeUsage ? ",\"stream_options\":{\"include_usage\":true}" : "";
        return request.substring(0, request.lastIndexOf('}')) + ",\"stream\":true" + options + "}";
    }
}
