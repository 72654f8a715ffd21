package dev.junitllm.internal.cassette;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junitllm.CallRole;
import dev.junitllm.LlmMode;
import dev.junitllm.MissingRecordingException;
import dev.junitllm.internal.client.Exchange;
import dev.junitllm.internal.client.SseEvent;
import dev.junitllm.internal.redact.Redactor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {
    private static final String OPENAI_KEY = "fake-openai-key-FAKEfake0123456789";
    private static final String ANTHROPIC_KEY = "fake-anthropic-key-FAKEfake98765";
    /** Shaped like a provider key; built at run time so no key-shaped literal sits in the source. */
    private static final String KEY_SHAPED = "sk" + "-" + "abcdefghijklmnopqrstuvwxyz012";

    private static final String SERVICE_KEY = "svc_5ecret_value_42";
    private static final Map<String, String> ENV = Map.of(
            "OPENAI_API_KEY", OPENAI_KEY,
            "ANTHROPIC_API_KEY", ANTHROPIC_KEY,
            "ACME_SEARCH_API_KEY", SERVICE_KEY,
            "HOME", "/home/someone",
            "SHORT_API_KEY", "abc");
    private static final String CLASS = "dev.example.SecretTest";
    private static final String TEST = CLASS + "#leaks";

    @TempDir
    Path dir;

    @Test
    void noKeyReachesAnyWrittenFile() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            HttpForwardingTransport live = new HttpForwardingTransport(server.url("/v1"), OPENAI_KEY);
            // the provider echoes secrets in the body and in stream events
            server.enqueue(Fixtures.completionResponse("your key is " + OPENAI_KEY + " and " + SERVICE_KEY));
            server.enqueue(new MockResponse.Builder()
                    .code(200)
                    .body("data: {\"choices\":[{\"delta\":{\"content\":\"" + ANTHROPIC_KEY + "\"}}]}\n\n"
                            + "data: {\"error\":\"https://x.test/v1?api-key=" + SERVICE_KEY + "\"}\n\ndata: [DONE]\n\n")
                    .build());

            CassetteStore store = new CassetteStore(dir, Redactor.fromEnvironment(ENV), true);
            Cassette cassette = store.cassette(CLASS);
            CassetteTransport transport = new CassetteTransport(cassette, LlmMode.RECORD, live, TEST, () -> 0);

            ObjectNode body = Fixtures.chatBody("My key is " + OPENAI_KEY + ", use Bearer " + ANTHROPIC_KEY, false);
            body.putObject("headers")
                    .put("Authorization", "Bearer abcdefghijklmnop")
                    .put("x-api-key", "zzzzzzzzzzzz");
            body.put("callback", "https://hooks.test/cb?key=querysecret123&x=1");
            List<SseEvent> seen = new ArrayList<>();
            transport.execute(new Exchange(Fixtures.MINI, CallRole.MODEL, "/chat/completions", body, false), e -> {});
            transport.execute(
                    new Exchange(
                            new dev.junitllm.ModelId("openai", "gpt-4o-" + SERVICE_KEY),
                            CallRole.JUDGE,
                            "/chat/completions",
                            Fixtures.chatBody("judge " + SERVICE_KEY, true),
                            true),
                    seen::add);
            cassette.close();

            // the test itself still received the real answer
            assertThat(seen.get(0).data()).contains(ANTHROPIC_KEY);
        }

        List<Path> files = Fixtures.filesUnder(dir);
        assertThat(files).hasSize(1);
        for (Path file : files) {
            String text = Files.readString(file);
            assertThat(text)
                    .doesNotContain(OPENAI_KEY, ANTHROPIC_KEY, SERVICE_KEY, "abcdefghijklmnop", "zzzzzzzzzzzz")
                    .contains(
                            "[REDACTED:OPENAI_API_KEY]",
                            "[REDACTED:ANTHROPIC_API_KEY]",
                            "[REDACTED:ACME_SEARCH_API_KEY]",
                            "\"Authorization\": \"[REDACTED]\"",
                            "\"x-api-key\": \"[REDACTED]\"",
                            // a URL inside a prompt is free text: only environment key values leave it
                            "?key=querysecret123&x=1");
            Fixtures.MAPPER.readTree(text); // still valid JSON
        }

        // and the recording still replays: the key was computed from the redacted request
        Cassette again = new CassetteStore(dir, Redactor.fromEnvironment(ENV), true).cassette(CLASS);
        ObjectNode body = Fixtures.chatBody("My key is " + OPENAI_KEY + ", use Bearer " + ANTHROPIC_KEY, false);
        body.putObject("headers")
                .put("Authorization", "Bearer abcdefghijklmnop")
                .put("x-api-key", "zzzzzzzzzzzz");
        body.put("callback", "https://hooks.test/cb?key=querysecret123&x=1");
        assertThat(new CassetteTransport(again, LlmMode.REPLAY, null, TEST, () -> 0)
                        .execute(new Exchange(Fixtures.MINI, CallRole.MODEL, "/chat/completions", body, false), e -> {})
                        .replayed())
                .isTrue();
    }

    @Test
    void missingRecordingMessagesAreRedacted() {
        Cassette cassette = new CassetteStore(dir, Redactor.fromEnvironment(ENV), true).cassette(CLASS);
        CassetteTransport replay = new CassetteTransport(cassette, LlmMode.REPLAY, null, TEST, () -> 0);
        assertThatThrownBy(() -> replay.execute(Fixtures.chat("key " + OPENAI_KEY), e -> {}))
                .isInstanceOf(MissingRecordingException.class)
                .hasMessageContaining("[REDACTED:OPENAI_API_KEY]")
                .hasMessageNotContaining(OPENAI_KEY);
    }

    @Test
    void messagesLoseHeaderValuesQueryParametersKeyShapesAndEnvironmentValues() {
        Redactor redactor = Redactor.fromEnvironment(ENV);
        assertThat(redactor.redactMessage("Authorization: Bearer abc.def-123")).isEqualTo("Authorization: [REDACTED]");
        assertThat(redactor.redactMessage("x-api-key: k123456")).isEqualTo("x-api-key: [REDACTED]");
        assertThat(redactor.redactMessage("{\"api-key\": \"k123456\", \"Authorization\":\"Token a b\\\"c\"}"))
                .isEqualTo("{\"api-key\": \"[REDACTED]\", \"Authorization\":\"[REDACTED]\"}");
        assertThat(redactor.redactMessage("GET /v1/models?api-key=k1&api_key=k2&x-api-key=k3&key=k4&q=1"))
                .isEqualTo("GET /v1/models?api-key=[REDACTED]&api_key=[REDACTED]&x-api-key=[REDACTED]"
                        + "&key=[REDACTED]&q=1");
        assertThat(redactor.redact("leaked " + KEY_SHAPED + " here")).isEqualTo("leaked [REDACTED] here");
        assertThat(redactor.redact("svc " + SERVICE_KEY)).isEqualTo("svc [REDACTED:ACME_SEARCH_API_KEY]");
        // short values and other variables are left alone: redacting "abc" would mangle text
        assertThat(redactor.redact("abc /home/someone")).isEqualTo("abc /home/someone");
        assertThat(redactor.redact((String) null)).isNull();
        assertThat(Redactor.none().redact("plain text")).isEqualTo("plain text");
    }

    @Test
    void anAlreadyRedactedValueIsNotRedactedTwice() {
        Redactor redactor = Redactor.fromEnvironment(ENV);
        String once = redactor.redactMessage("Authorization: Bearer " + OPENAI_KEY);
        assertThat(redactor.redactMessage(once)).isEqualTo(once);
        assertThat(once).isEqualTo("Authorization: Bearer [REDACTED:OPENAI_API_KEY]");
    }

    // ------------------------------------------------------------------ structural, never over free text

    /** A provider that streams the given event data and answers plain calls with {@code answer}. */
    private static dev.junitllm.internal.client.Transport provider(String answer, List<String> streamData) {
        return (exchange, onEvent) -> {
            if (exchange.streaming()) {
                List<SseEvent> events =
                        streamData.stream().map(d -> new SseEvent(null, d)).toList();
                events.forEach(onEvent);
                return new dev.junitllm.internal.client.ExchangeResult(
                        200, null, events, null, java.time.Duration.ofMillis(5), null, null, false);
            }
            return new dev.junitllm.internal.client.ExchangeResult(
                    200,
                    Fixtures.json(Fixtures.completion(answer)),
                    List.of(),
                    null,
                    java.time.Duration.ofMillis(5),
                    null,
                    null,
                    false);
        };
    }

    @Test
    void aStreamedAnswerMentioningHeadersIsStoredUnchangedAndReplaysIdentically() throws Exception {
        List<String> data = List.of(
                "{\"choices\":[{\"delta\":{\"content\":\"Authorization: please send your token\"}}]}",
                "{\"choices\":[{\"delta\":{\"content\":\"Authorization: \"}}]}",
                "{\"choices\":[{\"delta\":{\"content\":\" api-key: \"}}]}",
                "{\"choices\":[{\"delta\":{\"content\":\"x-api-key=abc123456789, Bearer token\"}}]}",
                "[DONE]");
        Cassette recording = new CassetteStore(dir, Redactor.fromEnvironment(ENV), true).cassette(CLASS);
        new CassetteTransport(recording, LlmMode.RECORD, provider("-", data), TEST, () -> 0)
                .execute(Fixtures.chatStream("Which header do I send?"), e -> {});
        recording.close();

        Path file = Fixtures.filesUnder(dir).get(0);
        String text = Files.readString(file);
        Fixtures.MAPPER.readTree(text); // valid JSON
        assertThat(text).doesNotContain("[REDACTED");

        List<SseEvent> replayed = new ArrayList<>();
        Cassette replaying = new CassetteStore(dir, Redactor.fromEnvironment(ENV), true).cassette(CLASS);
        new CassetteTransport(replaying, LlmMode.REPLAY, null, TEST, () -> 0)
                .execute(Fixtures.chatStream("Which header do I send?"), replayed::add);
        assertThat(replayed).extracting(SseEvent::data).containsExactlyElementsOf(data);
    }

    @Test
    void ordinaryWordsInPromptsAndAnswersAreNeverRedacted() throws Exception {
        String prompt = "Refund or replace? Authorization or api-key: or key=or; token: or Basic or Bearer or";
        String answer = "Either works. Authorization: is a header; api_key=or is a setting. Or not.";
        Cassette recording = new CassetteStore(dir, Redactor.fromEnvironment(ENV), true).cassette(CLASS);
        new CassetteTransport(recording, LlmMode.RECORD, provider(answer, List.of()), TEST, () -> 0)
                .execute(Fixtures.chat(prompt), e -> {});
        recording.close();

        String text = Files.readString(Fixtures.filesUnder(dir).get(0));
        assertThat(text).contains(prompt, answer).doesNotContain("[REDACTED");
        Redactor redactor = Redactor.fromEnvironment(ENV);
        assertThat(redactor.redact(prompt)).isEqualTo(prompt);
        assertThat(redactor.redact(answer)).isEqualTo(answer);
        assertThat(redactor.redact(Fixtures.json("{\"content\":\"" + prompt + "\"}")))
                .isEqualTo(Fixtures.json("{\"content\":\"" + prompt + "\"}"));
    }

    @Test
    void theWholeCredentialOfAnySchemeIsRedactedInKnownFields() {
        Redactor redactor = Redactor.fromEnvironment(ENV);
        ObjectNode headers = Fixtures.json("{\"headers\":{"
                + "\"Authorization\":\"Token custom-scheme-SECRET-one\","
                + "\"authorization\":\"Bearer x\","
                + "\"Proxy-Authorization\":\"Basic dXNlcjpwYXNz\","
                + "\"X-Api-Key\":\"Weird scheme SECRET-two\","
                + "\"api-key\":\"SECRET-three\","
                + "\"api_key\":[\"SECRET-four\"],"
                + "\"x-goog-api-key\":\"SECRET-five\","
                + "\"content\":\"Authorization: Token stays, it is text\"}}");
        String redacted = redactor.redact(headers).toString();
        assertThat(redacted)
                .doesNotContain("SECRET", "Token custom", "dXNlcjpwYXNz", "Bearer x")
                .contains("\"Authorization\":\"[REDACTED]\"", "\"api_key\":[\"[REDACTED]\"]")
                .contains("Authorization: Token stays, it is text");
    }

    @Test
    void thrownMessagesLoseHeaderCredentialsOfAnySchemeAndKeyValues() {
        Redactor redactor = Redactor.fromEnvironment(ENV);
        String echo = "HTTP 401 from https://api.test/v1/chat?key=querysecret123&x=1\n"
                + "Request headers:\n"
                + "  Authorization: Token custom-scheme-SECRET-one\n"
                + "  authorization: Bearer " + KEY_SHAPED + "\n"
                + "  x-api-key: Weird scheme SECRET-two\n"
                + "\"api-key\": \"SECRET-three\"\n"
                + "Body: {\"error\":\"Incorrect API key provided: " + OPENAI_KEY + " (or " + SERVICE_KEY + ")\"}";
        String message = redactor.redactMessage(echo);
        assertThat(message)
                .doesNotContain("SECRET", OPENAI_KEY, SERVICE_KEY, KEY_SHAPED, "querysecret123")
                .contains(
                        "  Authorization: [REDACTED]\n",
                        "  authorization: Bearer [REDACTED]\n",
                        "  x-api-key: [REDACTED]\n",
                        "?key=[REDACTED]&x=1",
                        "provided: [REDACTED:OPENAI_API_KEY] (or [REDACTED:ACME_SEARCH_API_KEY])");
        assertThat(redactor.redactMessage(message)).isEqualTo(message);
        assertThat(redactor.redactMessage(null)).isNull();
        assertThat(redactor.redactMessage("Refund or replace? Authorization or not."))
                .isEqualTo("Refund or replace? Authorization or not.");
    }
}
