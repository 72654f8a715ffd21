package dev.junitllm.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junitllm.CallRole;
import dev.junitllm.FinishReason;
import dev.junitllm.LlmProviderException;
import dev.junitllm.LlmRequest;
import dev.junitllm.LlmResponse;
import dev.junitllm.ModelId;
import dev.junitllm.ResponseFormat;
import dev.junitllm.StreamListener;
import dev.junitllm.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.RecordedRequest;
import okio.BufferedSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StreamingTest {

    static final String OPENAI_TEXT_STREAM = """
            data: {"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_44709d6fcb","choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"Zx"}

            data: {"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_44709d6fcb","choices":[{"index":0,"delta":{"content":"Hello"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"q1"}

            data: {"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_44709d6fcb","choices":[{"index":0,"delta":{"content":" world"},"logprobs":null,"finish_reason":null}],"usage":null}

            data: {"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_44709d6fcb","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"usage":null}

            data: {"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_44709d6fcb","choices":[],"usage":{"prompt_tokens":1000,"completion_tokens":200,"total_tokens":1200,"prompt_tokens_details":{"cached_tokens":400,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}}

            data: [DONE]

            """;

    static final String OPENAI_TOOL_STREAM = """
            data: {"id":"chatcmpl-7","object":"chat.completion.chunk","model":"gpt-4o-2024-08-06","choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_abc","type":"function","function":{"name":"lookup_order","arguments":""}}],"refusal":null},"finish_reason":null}],"usage":null}

            data: {"id":"chatcmpl-7","object":"chat.completion.chunk","model":"gpt-4o-2024-08-06","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\\"order"}}]},"finish_reason":null}],"usage":null}

            data: {"id":"chatcmpl-7","object":"chat.completion.chunk","model":"gpt-4o-2024-08-06","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"_id\\":\\"A-1\\"}"}}]},"finish_reason":null}],"usage":null}

            data: {"id":"chatcmpl-7","object":"chat.completion.chunk","model":"gpt-4o-2024-08-06","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_def","type":"function","function":{"name":"refund","arguments":"{}"}}]},"finish_reason":null}],"usage":null}

            data: {"id":"chatcmpl-7","object":"chat.completion.chunk","model":"gpt-4o-2024-08-06","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}],"usage":null}

            data: {"id":"chatcmpl-7","object":"chat.completion.chunk","model":"gpt-4o-2024-08-06","choices":[],"usage":{"prompt_tokens":50,"completion_tokens":20,"total_tokens":70}}

            data: [DONE]

            """;

    static final String ANTHROPIC_STREAM = """
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY","type":"message","role":"assistant","content":[],"model":"claude-haiku-4-5-20251001","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":100,"cache_creation_input_tokens":2000,"cache_read_input_tokens":3000,"output_tokens":1}}}

            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

            event: ping
            data: {"type": "ping"}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Let me "}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"check."}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":0}

            event: content_block_start
            data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_01T1x1fJ34qAmk2tNTrN7Up6","name":"get_weather","input":{}}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":""}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\\"location\\": \\"San Fra"}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"ncisco, CA\\"}"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":1}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":50}}

            event: message_stop
            data: {"type":"message_stop"}

            """;

    @RegisterExtension
    final Fixture f = new Fixture();

    /** Collects what a listener sees. */
    static final class Seen implements StreamListener {
        final StringBuilder text = new StringBuilder();
        final List<String> toolDeltas = new ArrayList<>();

        @Override
        public void onText(String delta) {
            text.append(delta);
        }

        @Override
        public void onToolCallDelta(int index, String name, String argumentsFragment) {
            toolDeltas.add(index + ":" + name + ":" + argumentsFragment);
        }
    }

    @Test
    void openAiTextStreamDeliversDeltasAndAssemblesUsageFromTheFinalChunk() throws Exception {
        f.server.enqueue(new MockResponse.Builder(Fixture.sse(OPENAI_TEXT_STREAM))
                .headersDelay(150, TimeUnit.MILLISECONDS)
                .build());
        Seen seen = new Seen();
        Instant before = Instant.now();

        LlmResponse r = f.client("openai:gpt-4o-mini").chatStream(LlmRequest.ofUser("hi"), seen);

        RecordedRequest req = f.server.takeRequest(5, TimeUnit.SECONDS);
        JsonNode body = Fixture.body(req);
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("stream_options")).isEqualTo(Fixture.json("{\"include_usage\":true}"));
        assertThat(req.getHeaders().get("Accept")).isEqualTo("text/event-stream");
        assertThat(seen.text).hasToString("Hello world");
        assertThat(r.text()).isEqualTo("Hello world");
        assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(r.model()).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(r.usage()).isEqualTo(new Usage(1000, 200, 400, 0, 0));
        assertThat(r.costUsd().getAsDouble()).isCloseTo(0.000240, within(1e-12));
        assertThat(r.timeToFirstToken())
                .hasValueSatisfying(t -> assertThat(t).isGreaterThanOrEqualTo(Duration.ofMillis(150)));
        assertThat(r.latency()).isGreaterThanOrEqualTo(r.timeToFirstToken().get());
        assertThat(r.rawBody()
                        .path("choices")
                        .get(0)
                        .path("message")
                        .path("content")
                        .asText())
                .isEqualTo("Hello world");
        assertThat(f.calls).singleElement().satisfies(c -> {
            assertThat(c.timeToFirstToken()).isNotNull();
            assertThat(c.finishReason()).isEqualTo("stop"); // from the last chunk that carried one
            assertThat(c.startedAt()).isBetween(before, Instant.now());
        });
    }

    @Test
    void openAiToolCallArgumentsArriveAsFragmentsKeyedByIndex() {
        f.server.enqueue(Fixture.sse(OPENAI_TOOL_STREAM));
        Seen seen = new Seen();

        LlmResponse r = f.client("openai:gpt-4o").chatStream(LlmRequest.ofUser("A-1?"), seen);

        assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(r.toolCalls()).hasSize(2);
        assertThat(r.toolCalls().get(0).id()).isEqualTo("call_abc");
        assertThat(r.toolCalls().get(0).name()).isEqualTo("lookup_order");
        assertThat(r.toolCalls().get(0).arguments()).isEqualTo(Fixture.json("{\"order_id\":\"A-1\"}"));
        assertThat(r.toolCalls().get(1).name()).isEqualTo("refund");
        assertThat(seen.toolDeltas)
                .containsExactly(
                        "0:lookup_order:", "0:lookup_order:{\"order", "0:lookup_order:_id\":\"A-1\"}", "1:refund:{}");
        assertThat(r.usage()).isEqualTo(Usage.of(50, 20));
        assertThat(f.calls)
                .singleElement()
                .satisfies(c -> assertThat(c.finishReason()).isEqualTo("tool_calls"));
    }

    @Test
    void openAiRefusalStream() {
        f.server.enqueue(Fixture.sse("""
                data: {"id":"c","object":"chat.completion.chunk","model":"gpt-4o","choices":[{"index":0,"delta":{"role":"assistant","content":null,"refusal":""},"finish_reason":null}]}

                data: {"id":"c","object":"chat.completion.chunk","model":"gpt-4o","choices":[{"index":0,"delta":{"refusal":"I can't help with that."},"finish_reason":null}]}

                data: {"id":"c","object":"chat.completion.chunk","model":"gpt-4o","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

                data: [DONE]

                """));

        LlmResponse r = f.client("openai:gpt-4o").chatStream(LlmRequest.ofUser("x"), new Seen());

        assertThat(r.finishReason()).isEqualTo(FinishReason.REFUSAL);
        assertThat(r.text()).isEqualTo("I can't help with that.");
    }

    @Test
    void openAiStreamWithoutDoneIsAnErrorNotAShortAnswer() {
        String truncated = OPENAI_TEXT_STREAM.substring(0, OPENAI_TEXT_STREAM.indexOf("data: [DONE]"));
        f.server.enqueue(Fixture.sse(truncated));
        Seen seen = new Seen();

        assertThatThrownBy(() -> f.client("openai:gpt-4o-mini").chatStream(LlmRequest.ofUser("hi"), seen))
                .isInstanceOfSatisfying(LlmProviderException.class, e -> {
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.getMessage()).contains("without its terminal event (data: [DONE])");
                });
        assertThat(seen.text).hasToString("Hello world");
        assertThat(f.calls).singleElement().satisfies(c -> {
            assertThat(c.error()).contains("terminal event");
            assertThat(c.finishReason()).isNull(); // a failed call: its "stop" chunk is no answer
            assertThat(c.startedAt()).isNotNull();
        });
        assertThat(f.server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void openAiErrorObjectMidStreamFails() {
        f.server.enqueue(Fixture.sse("""
                data: {"id":"c","object":"chat.completion.chunk","model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":"Hel"},"finish_reason":null}]}

                data: {"error":{"message":"The server had an error while processing your request. Sorry about that!","type":"server_error","param":null,"code":null}}

                """));

        assertThatThrownBy(() -> f.client("openai:gpt-4o-mini").chatStream(LlmRequest.ofUser("hi"), new Seen()))
                .isInstanceOfSatisfying(LlmProviderException.class, e -> {
                    assertThat(e.errorType()).isEqualTo("server_error");
                    assertThat(e.providerMessage()).startsWith("The server had an error");
                    assertThat(e.isTransient()).isTrue();
                });
    }

    @Test
    void anthropicStreamAssemblesTextToolUseAndCumulativeUsage() throws Exception {
        f.server.enqueue(Fixture.sse(ANTHROPIC_STREAM));
        Seen seen = new Seen();

        LlmResponse r = f.client("anthropic:claude-haiku-4-5").chatStream(LlmRequest.ofUser("weather?"), seen);

        assertThat(Fixture.body(f.server.takeRequest(5, TimeUnit.SECONDS))
                        .path("stream")
                        .asBoolean())
                .isTrue();
        assertThat(seen.text).hasToString("Let me check.");
        assertThat(seen.toolDeltas)
                .containsExactly(
                        "0:get_weather:", "0:get_weather:{\"location\": \"San Fra", "0:get_weather:ncisco, CA\"}");
        assertThat(r.text()).isEqualTo("Let me check.");
        assertThat(r.toolCalls()).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo("toolu_01T1x1fJ34qAmk2tNTrN7Up6");
            assertThat(c.arguments().path("location").asText()).isEqualTo("San Francisco, CA");
        });
        assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(r.model()).isEqualTo("claude-haiku-4-5-20251001");
        // output_tokens from message_delta (cumulative) replaces message_start's 1
        assertThat(r.usage()).isEqualTo(new Usage(5100, 50, 3000, 2000, 0));
        assertThat(r.costUsd().getAsDouble()).isCloseTo(0.003150, within(1e-12));
        assertThat(r.timeToFirstToken()).isPresent();
        // the provider's own value, from message_delta
        assertThat(f.calls)
                .singleElement()
                .satisfies(c -> assertThat(c.finishReason()).isEqualTo("tool_use"));
    }

    @Test
    void anthropicStructuredOutputStreamsTheJsonAsText() {
        f.server.enqueue(Fixture.sse("""
                event: message_start
                data: {"type":"message_start","message":{"id":"msg_2","type":"message","role":"assistant","content":[],"model":"claude-haiku-4-5-20251001","stop_reason":null,"usage":{"input_tokens":20,"output_tokens":1}}}

                event: content_block_start
                data: {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_9","name":"ticket","input":{}}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\\"category\\": "}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"\\"refund\\"}"}}

                event: content_block_stop
                data: {"type":"content_block_stop","index":0}

                event: message_delta
                data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":12}}

                event: message_stop
                data: {"type":"message_stop"}

                """));
        Seen seen = new Seen();

        LlmResponse r = f.client("anthropic:claude-haiku-4-5")
                .chatStream(
                        LlmRequest.builder()
                                .user("Classify")
                                .responseFormat(
                                        ResponseFormat.jsonSchema("ticket", Fixture.json("{\"type\":\"object\"}")))
                                .build(),
                        seen);

        assertThat(seen.text).hasToString("{\"category\": \"refund\"}");
        assertThat(r.json().path("category").asText()).isEqualTo("refund");
        assertThat(r.toolCalls()).isEmpty();
        assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void anthropicStreamWithoutMessageStopIsAnError() {
        String truncated = ANTHROPIC_STREAM.substring(0, ANTHROPIC_STREAM.indexOf("event: message_stop"));
        f.server.enqueue(Fixture.sse(truncated));

        assertThatThrownBy(() -> f.client("anthropic:claude-haiku-4-5").chatStream(LlmRequest.ofUser("x"), new Seen()))
                .isInstanceOf(LlmProviderException.class)
                .hasMessageContaining("without its terminal event (message_stop)");
    }

    @Test
    void anthropicErrorEventMidStreamFails() {
        f.server.enqueue(Fixture.sse("""
                event: message_start
                data: {"type":"message_start","message":{"id":"msg_3","type":"message","role":"assistant","content":[],"model":"claude-haiku-4-5-20251001","usage":{"input_tokens":5,"output_tokens":1}}}

                event: content_block_start
                data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}

                event: error
                data: {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}

                """));

        assertThatThrownBy(() -> f.client("anthropic:claude-haiku-4-5").chatStream(LlmRequest.ofUser("x"), new Seen()))
                .isInstanceOfSatisfying(LlmProviderException.class, e -> {
                    assertThat(e.errorType()).isEqualTo("overloaded_error");
                    assertThat(e.providerMessage()).isEqualTo("Overloaded");
                });
    }

    @Test
    void aStreamThatFailsBeforeItsFirstEventIsRetried() {
        f.server.enqueue(RetryTest.status(
                529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
        f.server.enqueue(Fixture.sse(ANTHROPIC_STREAM));

        LlmResponse r = f.client("anthropic:claude-haiku-4-5").chatStream(LlmRequest.ofUser("x"), new Seen());

        assertThat(r.text()).isEqualTo("Let me check.");
        assertThat(f.server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void eventsReachTheListenerAsTheyArriveNotAtTheEnd() throws Exception {
        CountDownLatch firstDeltaSeen = new CountDownLatch(1);
        String first = OPENAI_TEXT_STREAM.substring(0, OPENAI_TEXT_STREAM.indexOf("data: ", 10));
        String first2 = OPENAI_TEXT_STREAM.substring(0, OPENAI_TEXT_STREAM.indexOf("data: ", first.length() + 1));
        String rest = OPENAI_TEXT_STREAM.substring(first2.length());
        boolean[] serverSawListener = new boolean[1];
        f.server.enqueue(new MockResponse.Builder()
                .addHeader("Content-Type", "text/event-stream")
                .addHeader("Transfer-Encoding", "chunked")
                .body(new MockResponseBody() {
                    @Override
                    public long getContentLength() {
                        return -1;
                    }

                    @Override
                    public void writeTo(BufferedSink sink) throws java.io.IOException {
                        writeChunk(sink, first2);
                        try {
                            serverSawListener[0] = firstDeltaSeen.await(5, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        writeChunk(sink, rest);
                        sink.writeUtf8("0\r\n\r\n").flush();
                    }
                })
                .build());

        LlmResponse r =
                f.client("openai:gpt-4o-mini").chatStream(LlmRequest.ofUser("hi"), delta -> firstDeltaSeen.countDown());

        assertThat(serverSawListener[0])
                .as("the listener got 'Hello' while the server was still streaming")
                .isTrue();
        assertThat(r.text()).isEqualTo("Hello world");
    }

    /** HTTP/1.1 chunked framing, written by hand because this body streams in two parts. */
    private static void writeChunk(BufferedSink sink, String text) throws java.io.IOException {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        sink.writeUtf8(Integer.toHexString(bytes.length) + "\r\n")
                .write(bytes)
                .writeUtf8("\r\n")
                .flush();
    }

    @Test
    void aReplayingTransportFeedsRecordedEventsThroughTheSamePath() {
        List<SseEvent> recorded = new ArrayList<>();
        f.server.enqueue(Fixture.sse(ANTHROPIC_STREAM));
        ExchangeResult live = f.transport()
                .execute(
                        new Exchange(
                                ModelId.parse("anthropic:claude-haiku-4-5"),
                                CallRole.MODEL,
                                AnthropicChatAdapter.PATH,
                                Json.object(),
                                true),
                        recorded::add);
        assertThat(live.events()).isEqualTo(recorded);
        assertThat(live.events()).extracting(SseEvent::event).contains("message_start", "ping", "message_stop");

        // what a cassette does on replay: hand the recorded events to onEvent, mark the result replayed
        Transport replay = (exchange, onEvent) -> {
            live.events().forEach(onEvent);
            return new ExchangeResult(
                    200,
                    null,
                    live.events(),
                    "req_rec",
                    Duration.ofMillis(900),
                    Duration.ofMillis(120),
                    Instant.parse("2026-11-01T00:00:00Z"),
                    true);
        };
        List<dev.junitllm.internal.results.CallRecord> calls = new ArrayList<>();
        Seen seen = new Seen();
        LlmResponse r = LlmClients.create(
                        ModelId.parse("anthropic:claude-haiku-4-5"),
                        CallRole.MODEL,
                        replay,
                        f.prices,
                        f.budget,
                        calls::add)
                .chatStream(LlmRequest.ofUser("weather?"), seen);

        assertThat(seen.text).hasToString("Let me check.");
        assertThat(r.replayed()).isTrue();
        assertThat(r.timeToFirstToken()).contains(Duration.ofMillis(120));
        assertThat(r.latency()).isEqualTo(Duration.ofMillis(900));
        assertThat(r.requestId()).contains("req_rec");
        assertThat(r.costUsd()).isPresent();
        assertThat(f.budget.spentUsd()).as("replayed calls spend nothing").isZero();
        assertThat(calls)
                .singleElement()
                .satisfies(c -> assertThat(c.replayed()).isTrue());
    }
}
