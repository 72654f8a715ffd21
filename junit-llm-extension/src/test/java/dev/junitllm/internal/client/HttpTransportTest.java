package dev.junitllm.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junitllm.CallRole;
import dev.junitllm.ModelId;
import dev.junitllm.internal.cost.Budget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HttpTransportTest {

    @RegisterExtension
    final Fixture f = new Fixture();

    static Exchange streamOf(String model) {
        return new Exchange(ModelId.parse(model), CallRole.MODEL, "/chat/completions", Json.object(), true);
    }

    @Test
    void sseCommentsAreSkippedMultiLineDataIsJoinedAndALastEventWithoutBlankLineIsKept() {
        f.server.enqueue(
                Fixture.sse(
                        ": keep-alive\n\nevent: first\ndata: a\ndata: b\n\ndata:no-space\n\nid: 7\nretry: 100\ndata: {\"x\":1}\r\n\r\ndata: tail"));
        List<SseEvent> seen = new ArrayList<>();

        ExchangeResult result = f.transport().execute(streamOf("openai:gpt-4o-mini"), seen::add);

        assertThat(seen)
                .containsExactly(
                        new SseEvent("first", "a\nb"),
                        new SseEvent(null, "no-space"),
                        new SseEvent(null, "{\"x\":1}"),
                        new SseEvent(null, "tail"));
        assertThat(result.events()).isEqualTo(seen);
        assertThat(result.body()).isNull();
        assertThat(result.timeToFirstEvent()).isNotNull();
        assertThat(result.replayed()).isFalse();
        assertThat(result.recordedAt()).isNotNull();
    }

    @Test
    void anAnswerOverJacksonsDefaultTwentyMillionCharactersIsRead() {
        String content = "a".repeat(21_000_000);
        f.server.enqueue(Fixture.json(
                200,
                "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + content
                        + "\"},\"finish_reason\":\"stop\"}]}"));
        Exchange chat = new Exchange(
                ModelId.parse("openai:gpt-4o-mini"), CallRole.MODEL, "/chat/completions", Json.object(), false);

        ExchangeResult result = f.transport().execute(chat, e -> {});

        assertThat(result.body().at("/choices/0/message/content").textValue()).hasSize(21_000_000);
    }

    @Test
    void configurationBeatsEnvironmentWhichBeatsDefaults() {
        Map<String, String> env = Map.of(
                "OPENAI_BASE_URL", "http://env-openai/v1/",
                "ANTHROPIC_BASE_URL", "http://env-anthropic/v1",
                "OPENAI_API_KEY", "k");
        HttpTransportConfig fromEnv = HttpTransportConfig.from(key -> Optional.empty(), env::get);
        assertThat(fromEnv.endpoint("openai").baseUrl()).isEqualTo("http://env-openai/v1");
        assertThat(fromEnv.endpoint("anthropic").baseUrl()).isEqualTo("http://env-anthropic");
        assertThat(fromEnv.endpoint("anthropic").apiKey()).isNull();
        assertThat(fromEnv.endpoint("ollama").baseUrl()).isEqualTo("http://localhost:11434/v1");
        assertThat(fromEnv.concurrency()).isEqualTo(8);
        assertThat(fromEnv.maxRetries()).isEqualTo(2);
        assertThat(fromEnv.timeout()).hasSeconds(60);
        assertThat(fromEnv.readTimeout()).hasSeconds(60);
        assertThat(fromEnv.requestsPerMinute()).isZero();

        HttpTransportConfig fromConfig = HttpTransportConfig.from(
                key -> Optional.ofNullable(Map.of(
                                "llm.openai.base-url", "http://cfg/v1",
                                "llm.timeout", "90s",
                                "llm.concurrency", "2",
                                "llm.requests-per-minute", "100")
                        .get(key)),
                env::get);
        assertThat(fromConfig.endpoint("openai").baseUrl()).isEqualTo("http://cfg/v1");
        assertThat(fromConfig.readTimeout()).hasSeconds(90);
        assertThat(fromConfig.concurrency()).isEqualTo(2);
        assertThat(fromConfig.requestsPerMinute()).isEqualTo(100);
    }

    @Test
    void keysNeverShowInToString() {
        HttpTransportConfig cfg =
                HttpTransportConfig.from(key -> Optional.empty(), Map.of("OPENAI_API_KEY", "sk-secret")::get);
        assertThat(cfg.toString()).doesNotContain("sk-secret").contains("key set");
    }

    @Test
    void errorBodiesOfEveryShapeAreRead() {
        assertThat(ProviderErrors.parse("{\"error\":{\"message\":\"m\",\"type\":\"t\",\"code\":\"c\"}}"))
                .isEqualTo(new ProviderErrors.Parsed("c", "m", null));
        assertThat(
                        ProviderErrors.parse(
                                "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"},\"request_id\":\"req_1\"}"))
                .isEqualTo(new ProviderErrors.Parsed("rate_limit_error", "slow down", "req_1"));
        assertThat(ProviderErrors.parse("{\"error\":\"model 'llama9' not found\"}"))
                .isEqualTo(new ProviderErrors.Parsed(null, "model 'llama9' not found", null));
        assertThat(ProviderErrors.parse("<html>502 Bad Gateway</html>").message())
                .isEqualTo("<html>502 Bad Gateway</html>");
        assertThat(ProviderErrors.parse("").message()).isNull();
    }

    @Test
    void spendLimitsAreToldApartFromRateLimits() {
        assertThat(ProviderErrors.spendLimitReached(429, new ProviderErrors.Parsed("insufficient_quota", "x", null)))
                .isTrue();
        assertThat(ProviderErrors.spendLimitReached(
                        429,
                        new ProviderErrors.Parsed(
                                "rate_limit_error", "You have reached your specified API usage limits", null)))
                .isTrue();
        assertThat(ProviderErrors.spendLimitReached(
                        429,
                        new ProviderErrors.Parsed(
                                "rate_limit_exceeded", "Rate limit reached for gpt-4o on tokens per min", null)))
                .isFalse();
        assertThat(ProviderErrors.spendLimitReached(500, new ProviderErrors.Parsed("insufficient_quota", "x", null)))
                .isFalse();
    }

    @Test
    void aBudgetOfZeroSendsNothing() {
        f.budget = Budget.ofUsd(0);
        assertThatThrownBy(() -> f.transport().execute(streamOf("openai:gpt-4o-mini"), e -> {}))
                .isInstanceOf(dev.junitllm.BudgetExceededException.class);
        assertThat(f.server.getRequestCount()).isZero();
    }
}
