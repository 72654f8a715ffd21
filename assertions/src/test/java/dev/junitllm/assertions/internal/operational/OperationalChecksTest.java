package dev.junitllm.assertions.internal.operational;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junitllm.LlmResponse;
import dev.junitllm.assertions.internal.Check;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OperationalChecksTest {

    @Test
    void anUnknownCostFailsAndSaysWhy() {
        Check check = OperationalChecks.costAtMost(
                LlmResponse.builder().requestedModel("acme:unknown").build(), 0.01);
        assertThat(check.passed()).isFalse();
        assertThat(check.actual()).isEqualTo("unknown");
        assertThat(check.verdict().reason()).contains("acme:unknown is unknown");
    }

    @Test
    void aKnownCostIsCompared() {
        Check check = OperationalChecks.costAtMost(
                LlmResponse.builder().costUsd(0.0213).build(), 0.01);
        assertThat(check.verdict().reason()).isEqualTo("cost $0.0213 > $0.01");
        assertThat(check.expected()).isEqualTo("<= 0.01");
    }

    @Test
    void latencyAndFirstToken() {
        LlmResponse response =
                LlmResponse.builder().latency(Duration.ofMillis(7200)).build();
        assertThat(OperationalChecks.latencyAtMost(response, Duration.ofSeconds(5))
                        .verdict()
                        .reason())
                .isEqualTo("latency 7200 ms > 5000 ms");
        Check ttft = OperationalChecks.firstTokenWithin(response, Duration.ofMillis(800));
        assertThat(ttft.passed()).isFalse();
        assertThat(ttft.verdict().reason()).contains("not streamed");
        LlmResponse streamed =
                response.toBuilder().timeToFirstToken(Duration.ofMillis(300)).build();
        assertThat(OperationalChecks.firstTokenWithin(streamed, Duration.ofMillis(800))
                        .verdict()
                        .reason())
                .isEqualTo("first token after 300 ms <= 800 ms");
    }

    @Test
    void tokens() {
        assertThat(OperationalChecks.tokensAtMost(LlmResponse.builder().build(), 10)
                        .passed())
                .isTrue();
    }
}
