package dev.junitllm.testkit;

import static dev.junitllm.testkit.Http.anthropic;
import static dev.junitllm.testkit.Http.events;
import static dev.junitllm.testkit.Http.json;
import static dev.junitllm.testkit.Http.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AnthropicWireShapeTest {

    private static final String REFUND_REQUEST = """
            {"model":"claude-haiku-4-5","max_tokens":1024,
             "system":[{"type":"text","text":"You are a support bot."}],
             "messages":[{"role":"user","content":"How do I get a refund?"}]}""";

    private final ScriptedLlmServer server = ScriptedLlmServer.start();

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void nonStreamingTextAnswerHasTheMessageShape() {
        server.whenSystemContains("support bot").reply("Refunds take 30 days.");

        HttpResponse<String> response = anthropic(server, REFUND_REQUEST);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("request-id")).hasValue("req_scripted_1");
        assertThat(response.headers().firstValue("x-request-id")).isEmpty();
        assertThat(json(response)).isEqualTo(json("""
                        {"id":"msg_scripted_1","type":"message","role":"assistant","model":"claude-haiku-4-5-scripted",
                         "content":[{"type":"text","text":"Refunds take 30 days."}],
                         "stop_reason":"end_turn","stop_sequence":null,
                         "usage":{"input_tokens":15,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":6}}"""));
    }

    @Test
    void toolUseAnswerIsAToolUseBlock() {
        server.whenAnyRequest().replyWithToolCall("lookup_order", "{\"order_id\":\"A-17\"}");

        JsonNode body = json(anthropic(server, REFUND_REQUEST));

        assertThat(body.path("stop_reason").asText()).isEqualTo("tool_use");
        assertThat(body.path("content")).hasSize(1);
        assertThat(body.path("content").get(0))
                .isEqualTo(
                        json(
                                "{\"type\":\"tool_use\",\"id\":\"toolu_scripted_1\",\"name\":\"lookup_order\",\"input\":{\"order_id\":\"A-17\"}}"));
    }

    @Test
    void refusalStopsWithRefusal() {
        server.whenAnyRequest().refuse("I can't help with that.");

        JsonNode body = json(anthropic(server, REFUND_REQUEST));

        assertThat(body.path("stop_reason").asText()).isEqualTo("refusal");
        assertThat(body.path("content").get(0).path("text").asText()).isEqualTo("I can't help with that.");
    }

    @Test
    void replyJsonBecomesTheForcedToolsInputOrElseText() {
        server.whenAnyRequest().replyJson("{\"pass\":true,\"reason\":\"ok\"}");
        String forced = REFUND_REQUEST.substring(0, REFUND_REQUEST.lastIndexOf('}'))
                + ",\"tools\":[{\"name\":\"verdict\",\"input_schema\":{\"type\":\"object\"}}],"
                + "\"tool_choice\":{\"type\":\"tool\",\"name\":\"verdict\"}}";

        JsonNode viaTool = json(anthropic(server, forced));
        JsonNode asText = json(anthropic(server, REFUND_REQUEST));

        assertThat(viaTool.path("stop_reason").asText()).isEqualTo("tool_use");
        assertThat(viaTool.path("content").get(0).path("name").asText()).isEqualTo("verdict");
        assertThat(viaTool.path("content").get(0).path("input")).isEqualTo(json("{\"pass\":true,\"reason\":\"ok\"}"));
        assertThat(json(asText.path("content").get(0).path("text").asText()))
                .isEqualTo(json("{\"pass\":true,\"reason\":\"ok\"}"));
    }

    @Test
    void answerLongerThanMaxTokensStopsWithMaxTokens() {
        server.whenAnyRequest().reply("one two three four five six seven eight nine ten");

        JsonNode body = json(anthropic(server, REFUND_REQUEST.replace("1024", "5")));

        assertThat(body.path("stop_reason").asText()).isEqualTo("max_tokens");
        assertThat(body.path("content").get(0).path("text").asText()).isEqualTo("one two three");
        assertThat(body.path("usage").path("output_tokens").asInt()).isEqualTo(5);
    }

    @Test
    void cachedTokensAreReportedInAdditionToInputTokens() {
        server.whenAnyRequest().cachedInputTokens(2000).reply("ok");

        JsonNode usage = json(anthropic(server, REFUND_REQUEST)).path("usage");

        assertThat(usage.path("input_tokens").asInt()).isEqualTo(15);
        assertThat(usage.path("cache_read_input_tokens").asInt()).isEqualTo(2000);
    }

    @Test
    void streamSendsTheDocumentedEventSequence() {
        server.whenAnyRequest().reply("Refunds take 30 days.");

        HttpResponse<String> response = anthropic(server, streaming(REFUND_REQUEST));

        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream; charset=utf-8");
        assertThat(response.headers().firstValue("request-id")).hasValue("req_scripted_1");
        List<Http.Sse> events = events(response.body());
        assertThat(events)
                .allSatisfy(e -> assertThat(e.json().path("type").asText()).isEqualTo(e.event()));
        List<String> names = events.stream().map(Http.Sse::event).toList();
        assertThat(names.subList(0, 3)).containsExactly("message_start", "content_block_start", "ping");
        assertThat(names.subList(names.size() - 3, names.size()))
                .containsExactly("content_block_stop", "message_delta", "message_stop");
        assertThat(names.subList(3, names.size() - 3)).hasSize(4).containsOnly("content_block_delta");

        JsonNode start = events.get(0).json().path("message");
        assertThat(start.path("id").asText()).isEqualTo("msg_scripted_1");
        assertThat(start.path("model").asText()).isEqualTo("claude-haiku-4-5-scripted");
        assertThat(start.path("content").isEmpty()).isTrue();
        assertThat(start.path("stop_reason").isNull()).isTrue();
        assertThat(start.path("usage").path("input_tokens").asInt()).isEqualTo(15);
        assertThat(events.get(1).json())
                .isEqualTo(
                        json(
                                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
        String text = events.subList(3, events.size() - 3).stream()
                .map(Http.Sse::json)
                .peek(d -> assertThat(d.path("delta").path("type").asText()).isEqualTo("text_delta"))
                .map(d -> d.path("delta").path("text").asText())
                .collect(Collectors.joining());
        assertThat(text).isEqualTo("Refunds take 30 days.");
        JsonNode delta = events.get(events.size() - 2).json();
        assertThat(delta.path("delta")).isEqualTo(json("{\"stop_reason\":\"end_turn\",\"stop_sequence\":null}"));
        assertThat(delta.path("usage").path("output_tokens").asInt()).isEqualTo(6);
        assertThat(delta.path("usage").path("input_tokens").asInt()).isEqualTo(15);
    }

    @Test
    void streamedToolUseSendsInputJsonDeltas() {
        String args = "{\"order_id\":\"A-17\",\"include_history\":true}";
        server.whenAnyRequest().replyWithToolCall("lookup_order", args);

        List<Http.Sse> events =
                events(anthropic(server, streaming(REFUND_REQUEST)).body());

        assertThat(events.get(1).json().path("content_block"))
                .isEqualTo(json(
                        "{\"type\":\"tool_use\",\"id\":\"toolu_scripted_1\",\"name\":\"lookup_order\",\"input\":{}}"));
        String joined = events.stream()
                .filter(e -> e.event().equals("content_block_delta"))
                .map(Http.Sse::json)
                .peek(d -> assertThat(d.path("delta").path("type").asText()).isEqualTo("input_json_delta"))
                .map(d -> d.path("delta").path("partial_json").asText())
                .collect(Collectors.joining());
        assertThat(joined).isEqualTo(args);
        assertThat(events.get(events.size() - 2)
                        .json()
                        .path("delta")
                        .path("stop_reason")
                        .asText())
                .isEqualTo("tool_use");
    }

    @Test
    void truncatedStreamHasNoStopEvents() {
        server.whenAnyRequest().truncateStream().reply("Refunds take 30 days.");

        List<String> names = events(anthropic(server, streaming(REFUND_REQUEST)).body()).stream()
                .map(Http.Sse::event)
                .toList();

        assertThat(names)
                .contains("message_start", "content_block_delta")
                .doesNotContain("content_block_stop", "message_delta", "message_stop");
    }

    @Test
    void midStreamErrorIsAnErrorEvent() {
        server.whenAnyRequest().failMidStream("overloaded_error", "Overloaded").reply("one two three four");

        List<Http.Sse> events =
                events(anthropic(server, streaming(REFUND_REQUEST)).body());

        Http.Sse last = events.get(events.size() - 1);
        assertThat(last.event()).isEqualTo("error");
        assertThat(last.json())
                .isEqualTo(json(
                        "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
        assertThat(events).extracting(Http.Sse::event).doesNotContain("message_stop");
    }

    @Test
    void missingApiKeyIs401AndMissingVersionIs400InAnthropicShape() {
        server.whenAnyRequest().reply("ok");
        String url = server.anthropicBaseUrl() + "/v1/messages";

        HttpResponse<String> noKey = post(url, REFUND_REQUEST, "anthropic-version", "2023-06-01");
        HttpResponse<String> noVersion = post(url, REFUND_REQUEST, "x-api-key", "k");

        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(noKey.headers().firstValue("request-id")).hasValue("req_scripted_1");
        assertThat(json(noKey))
                .isEqualTo(json("{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\","
                        + "\"message\":\"x-api-key header is required\"},\"request_id\":\"req_scripted_1\"}"));
        assertThat(noVersion.statusCode()).isEqualTo(400);
        assertThat(json(noVersion).path("error").path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(json(noVersion).path("error").path("message").asText()).contains("anthropic-version");
    }

    @Test
    void missingMaxTokensIs400() {
        server.whenAnyRequest().reply("ok");

        HttpResponse<String> response = anthropic(server, REFUND_REQUEST.replace("\"max_tokens\":1024,", ""));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").path("message").asText()).isEqualTo("max_tokens: Field required");
    }

    @Test
    void scriptedErrorsUseAnthropicTypesAndRetryHeaders() {
        server.whenAnyRequest().failTimes(1, 529, Duration.ofSeconds(2)).reply("ok");

        HttpResponse<String> overloaded = anthropic(server, REFUND_REQUEST);
        HttpResponse<String> ok = anthropic(server, REFUND_REQUEST);

        assertThat(overloaded.statusCode()).isEqualTo(529);
        assertThat(overloaded.headers().firstValue("retry-after")).hasValue("2");
        assertThat(overloaded.headers().firstValue("x-should-retry")).hasValue("true");
        assertThat(json(overloaded))
                .isEqualTo(
                        json("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"},"
                                + "\"request_id\":\"req_scripted_1\"}"));
        assertThat(ok.statusCode()).isEqualTo(200);
    }

    @Test
    void explicitFailureKeepsItsTypeAndMessage() {
        server.whenAnyRequest().fail(429, "rate_limit_error", "Your spend limit has been reached.");

        HttpResponse<String> response = anthropic(server, REFUND_REQUEST);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(json(response).path("error"))
                .isEqualTo(json("{\"type\":\"rate_limit_error\",\"message\":\"Your spend limit has been reached.\"}"));
    }

    @Test
    void unmatchedRequestIsANotFoundErrorNamingTheRequest() {
        HttpResponse<String> response = anthropic(server, REFUND_REQUEST);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("type").asText()).isEqualTo("error");
        assertThat(json(response).path("error").path("type").asText()).isEqualTo("not_found_error");
        assertThat(json(response).path("error").path("message").asText())
                .contains("system=\"You are a support bot.\"")
                .contains("lastUserMessage=\"How do I get a refund?\"");
    }

    private static String streaming(String request) {
        return request.substring(0, request.lastIndexOf('}')) + ",\"stream\":true}";
    }
}
