package dev.junitllm.assertions;

import static dev.junitllm.assertions.LlmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junitllm.LlmResponse;
import dev.junitllm.Usage;
import dev.junitllm.Verdict;
import dev.junitllm.internal.engine.CurrentContext;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OperationalAssertionsTest {

    private static LlmResponse call(Double cost, long millis, Duration ttft) {
        return LlmResponse.builder()
                .text("ok")
                .finishReason("stop")
                .requestedModel("openai:gpt-4o-mini")
                .usage(Usage.of(1_200, 300))
                .costUsd(cost)
                .latency(Duration.ofMillis(millis))
                .timeToFirstToken(ttft)
                .build();
    }

    @Test
    void cost() {
        assertThat(call(0.0042, 100, null)).costsAtMostUsd(0.01).costsAtMostUsd(0.0042);
        assertThatThrownBy(() -> assertThat(call(0.0213, 100, null)).costsAtMostUsd(0.01))
                .hasMessage(
                        String.format("%nExpecting the response's cost (USD) to be at most 0.01 but it was 0.0213%n"));
    }

    @Test
    void anUnknownCostFailsSayingThePriceIsUnknown() {
        Fakes.FakeContext ctx = new Fakes.FakeContext();
        try (CurrentContext.Binding ignored = CurrentContext.bind(ctx)) {
            assertThatThrownBy(() -> assertThat(call(null, 100, null)).costsAtMostUsd(1.0))
                    .hasMessage(String.format(
                            "%nExpecting the response's cost (USD) to be known but the price of model openai:gpt-4o-mini"
                                    + " is unknown (add it to the price table)%n"));
        }
        org.assertj.core.api.Assertions.assertThat(ctx.verdicts)
                .containsExactly(Verdict.binary(
                        "costUsd",
                        false,
                        "cost unknown: the price of model openai:gpt-4o-mini is unknown (add it to the price table)"));
    }

    @Test
    void latencyTokensAndTimeToFirstToken() {
        LlmResponse streamed = call(0.001, 1_500, Duration.ofMillis(320));
        assertThat(streamed)
                .tookAtMost(Duration.ofSeconds(2))
                .usedAtMostTokens(1_500)
                .firstTokenWithin(Duration.ofMillis(500));
        assertThatThrownBy(() -> assertThat(streamed).tookAtMost(Duration.ofSeconds(1)))
                .hasMessage(String.format("%nExpecting the response's latency to be at most PT1S but it was PT1.5S%n"));
        assertThatThrownBy(() -> assertThat(streamed).usedAtMostTokens(1_000))
                .hasMessage(
                        String.format("%nExpecting the response's total tokens to be at most 1000 but it was 1500%n"));
        assertThatThrownBy(() -> assertThat(streamed).firstTokenWithin(Duration.ofMillis(200)))
                .hasMessage(String.format(
                        "%nExpecting the response's time to first token to be at most PT0.2S but it was PT0.32S%n"));
        assertThatThrownBy(() -> assertThat(call(0.001, 10, null)).firstTokenWithin(Duration.ofSeconds(1)))
                .hasMessageContaining("the response was not streamed, so it has no time to first token");
    }
}
