package dev.junitllm.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junitllm.CallRole;
import dev.junitllm.LlmMode;
import dev.junitllm.MissingRecordingException;
import dev.junitllm.internal.cassette.Cassette;
import dev.junitllm.internal.cassette.CassetteStore;
import dev.junitllm.internal.cassette.CassetteTransport;
import dev.junitllm.internal.cassette.Fixtures;
import dev.junitllm.internal.cassette.HttpForwardingTransport;
import dev.junitllm.internal.client.Exchange;
import dev.junitllm.internal.client.ExchangeResult;
import dev.junitllm.internal.client.Transport;
import dev.junitllm.internal.redact.Redactor;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives LangChain4j's real OpenAI clients through the proxy: record against a mock provider, then replay offline. */
class LangChain4jProxyTest {
    private static final String KEY = "fake-openai-key-LANGCHAIN0123456789";
    private static final String CLASS = "dev.example.CopilotTest";
    private static final String TEST = CLASS + "#answersThroughLangChain4j";
    private static final String QUESTION = "What is the refund window?";

    @TempDir
    Path dir;

    private final List<ExchangeResult> heard = Collections.synchronizedList(new ArrayList<>());
    private final List<Exchange> exchanges = Collections.synchronizedList(new ArrayList<>());
    private final List<RuntimeException> failures = Collections.synchronizedList(new ArrayList<>());

    private final ProxyListener listener = new ProxyListener() {
        @Override
        public void onExchange(Exchange exchange, ExchangeResult result, Instant receivedAt) {
            exchanges.add(exchange);
            heard.add(result);
        }

        @Override
        public void onFailure(Exchange exchange, RuntimeException error, Instant receivedAt) {
            failures.add(error);
        }
    };

    private CassetteStore store() {
        return new CassetteStore(dir, Redactor.fromEnvironment(Map.of("OPENAI_API_KEY", KEY)), true);
    }

    private static ChatModel chatModel(LocalLlmProxy proxy) {
        return OpenAiChatModel.builder()
                .baseUrl(proxy.baseUrl("openai"))
                .apiKey(KEY)
                .modelName("gpt-4o-mini")
                .temperature(0.2)
                .build();
    }

    private static StreamingChatModel streamingModel(LocalLlmProxy proxy) {
        return OpenAiStreamingChatModel.builder()
                .baseUrl(proxy.baseUrl("openai"))
                .apiKey(KEY)
                .modelName("gpt-4o-mini")
                .temperature(0.2)
                .build();
    }

    /** The streamed tokens and the final response. */
    private record Streamed(List<String> partials, ChatResponse response) {}

    private static Streamed stream(StreamingChatModel model, String question) throws Exception {
        List<String> partials = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        model.chat(question, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partialResponse) {
                partials.add(partialResponse);
            }

            @Override
            public void onCompleteResponse(ChatResponse completeResponse) {
                done.complete(completeResponse);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        return new Streamed(partials, done.get(20, TimeUnit.SECONDS));
    }

    @Test
    void recordsThroughTheProxyThenReplaysWithTheProviderGone() throws Exception {
        String answer;
        Streamed recordedStream;
        MockWebServer provider = new MockWebServer();
        provider.start();
        try {
            provider.enqueue(Fixtures.completionResponse("Refunds are accepted within 30 days."));
            provider.enqueue(Fixtures.streamResponse("Within ", "30 ", "days."));
            Cassette cassette = store().cassette(CLASS);
            Transport live = new HttpForwardingTransport(provider.url("/v1"), KEY);
            try (LocalLlmProxy proxy = LocalLlmProxy.start(
                    new CassetteTransport(cassette, LlmMode.RECORD, live, TEST, () -> 0), CallRole.MODEL, listener)) {
                answer = chatModel(proxy).chat(QUESTION);
                recordedStream = stream(streamingModel(proxy), QUESTION);
            }
            cassette.close();

            assertThat(provider.getRequestCount()).isEqualTo(2);
            RecordedRequest plain = provider.takeRequest();
            assertThat(plain.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
            assertThat(plain.getBody().utf8()).contains("\"model\":\"gpt-4o-mini\"", QUESTION);
            assertThat(provider.takeRequest().getBody().utf8()).contains("\"stream\":true");
        } finally {
            provider.close();
        }

        assertThat(answer).isEqualTo("Refunds are accepted within 30 days.");
        assertThat(recordedStream.partials()).containsExactly("Within ", "30 ", "days.");
        assertThat(recordedStream.response().aiMessage().text()).isEqualTo("Within 30 days.");
        assertThat(heard).extracting(ExchangeResult::replayed).containsExactly(false, false);
        assertThat(exchanges).extracting(Exchange::path).containsExactly("/chat/completions", "/chat/completions");
        assertThat(exchanges).extracting(e -> e.model().toString()).containsOnly("openai:gpt-4o-mini");
        assertThat(exchanges).extracting(Exchange::streaming).containsExactly(false, true);

        Path file = dir.resolve("dev/example/CopilotTest.json");
        String cassetteText = Files.readString(file);
        assertThat(cassetteText).doesNotContain(KEY).contains("{\"data\":\"[DONE]\"}", QUESTION);

        // replay: the provider is gone; LangChain4j gets the same answers, streaming included
        heard.clear();
        exchanges.clear();
        Cassette cassette = store().cassette(CLASS);
        try (LocalLlmProxy proxy = LocalLlmProxy.start(
                new CassetteTransport(cassette, LlmMode.REPLAY, null, TEST, () -> 0), CallRole.MODEL, listener)) {
            assertThat(chatModel(proxy).chat(QUESTION)).isEqualTo(answer);
            Streamed replayed = stream(streamingModel(proxy), QUESTION);
            assertThat(replayed.partials()).isEqualTo(recordedStream.partials());
            assertThat(replayed.response().aiMessage().text()).isEqualTo("Within 30 days.");
            assertThat(replayed.response().tokenUsage().inputTokenCount()).isEqualTo(12);
            assertThat(replayed.response().tokenUsage().outputTokenCount()).isEqualTo(3);
        }
        cassette.close();
        assertThat(heard).extracting(ExchangeResult::replayed).containsExactly(true, true);
        assertThat(heard.get(1).events()).hasSize(7);
        assertThat(failures).isEmpty();
        assertThat(Files.readString(file)).isEqualTo(cassetteText);
    }

    @Test
    void aMissingRecordingReachesTheSdkCallerWithTheCommand() {
        Cassette cassette = store().cassette(CLASS);
        try (LocalLlmProxy proxy = LocalLlmProxy.start(
                new CassetteTransport(cassette, LlmMode.REPLAY, null, TEST, () -> 0), CallRole.MODEL, listener)) {
            ChatModel model = chatModel(proxy);
            assertThatThrownBy(() -> model.chat("Never recorded"))
                    .hasStackTraceContaining("No recording in cassette")
                    .hasStackTraceContaining("mvn test -Dllm.mode=record -Dtest=CopilotTest#answersThroughLangChain4j");
        }
        assertThat(failures).isNotEmpty().allSatisfy(f -> assertThat(f).isInstanceOf(MissingRecordingException.class));
        assertThat(heard).isEmpty();
    }
}
