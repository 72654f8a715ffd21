package dev.junitllm.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.junitllm.LlmProviderException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Exception messages reach Surefire and Allure reports: no key may be in them. */
class RedactedMessagesTest {

    @RegisterExtension
    final Fixture f = new Fixture();

    @Test
    void a401ThatEchoesTheKeyIsThrownRedacted() {
        f.env.put("OPENAI_API_KEY", "sk-proj-abcdefghijklmnopqrstuvwxyz0123");
        f.server.enqueue(Fixture.json(
                401,
                "{\"error\":{\"message\":\"Incorrect API key provided: sk-proj-abcdefghijklmnopqrstuvwxyz0123"
                        + " (sent as Authorization: Bearer sk-proj-abcdefghijklmnopqrstuvwxyz0123)\","
                        + "\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}"));

        Throwable thrown = catchThrowable(() -> f.client("openai:gpt-4o-mini").chat("hi"));

        assertThat(thrown).isInstanceOf(LlmProviderException.class);
        assertThat(thrown.getMessage()).contains("HTTP 401").contains("Incorrect API key provided");
        assertThat(thrown.getMessage()).doesNotContain("abcdefghijklmnopqrstuvwxyz0123");
        assertThat(((LlmProviderException) thrown).providerMessage()).doesNotContain("abcdefghijklmnopqrstuvwxyz");
        assertThat(f.calls.get(0).error()).doesNotContain("abcdefghijklmnopqrstuvwxyz");
    }

    @Test
    void aKeyOfAnyShapeEchoedInAnErrorIsRedactedByExactValue() {
        f.env.put("ANTHROPIC_API_KEY", "plain-key-without-a-known-shape-77");
        f.server.enqueue(Fixture.json(
                403,
                "{\"type\":\"error\",\"error\":{\"type\":\"permission_error\","
                        + "\"message\":\"key plain-key-without-a-known-shape-77 may not use this model\"}}"));

        Throwable thrown =
                catchThrowable(() -> f.client("anthropic:claude-haiku-4-5").chat("hi"));

        assertThat(thrown.getMessage()).contains("may not use this model").doesNotContain("without-a-known-shape");
    }
}
