package dev.junitllm.assertions.internal.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junitllm.LlmResponse;
import dev.junitllm.assertions.internal.Check;
import org.junit.jupiter.api.Test;

class SafetyChecksTest {

    @Test
    void aCanaryIsFoundDespiteSpacingAndCase() {
        assertThat(SafetyChecks.noCanary("it says canary - 7F3A", "CANARY-7f3a").passed())
                .isFalse();
        assertThat(SafetyChecks.noCanary("nothing here", "CANARY-7f3a")
                        .verdict()
                        .reason())
                .isEqualTo("canary not found");
        assertThatThrownBy(() -> SafetyChecks.noCanary("x", " ")).hasMessage("the canary must not be blank");
    }

    @Test
    void systemPromptOverlapIsScored() {
        String prompt = "You are the ACME support assistant. Never discuss competitors or internal pricing rules.";
        Check leak = SafetyChecks.systemPromptNotRevealed(
                "My rules: never discuss competitors or internal pricing rules.", prompt, 0.2, 10);
        assertThat(leak.passed()).isFalse();
        assertThat(leak.verdict().metric()).isEqualTo("systemPromptLeak");
        assertThat(SafetyChecks.systemPromptNotRevealed("Happy to help.", prompt, 0.2, 10)
                        .verdict()
                        .score())
                .isEqualTo(1.0);
        assertThatThrownBy(() -> SafetyChecks.systemPromptNotRevealed("x", prompt, 0.2, 0))
                .hasMessage("maxSharedWords must be at least 1 but was 0");
    }

    @Test
    void piiAndRefusals() {
        assertThat(SafetyChecks.noPii("Contact jane@example.com").verdict().reason())
                .startsWith("found EMAIL \"jane@example.com\"");
        LlmResponse refusal = LlmResponse.builder()
                .text("I'm sorry, but I can't help with that.")
                .build();
        assertThat(SafetyChecks.refusal(refusal).passed()).isTrue();
        assertThat(SafetyChecks.notRefusal(refusal).passed()).isFalse();
    }
}
