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

    /** What a call throws when the provider, holding {@code key} in {@code variable}, answers {@code body}. */
    private Throwable callAnsweredWith(String model, String variable, String key, int status, String body) {
        f.env.put(variable, key);
        f.server.enqueue(Fixture.json(status, body));
        return catchThrowable(() -> f.client(model).chat("hi"));
    }

    /** Shaped like a provider key; built at run time so no key-shaped literal sits in the source. */
    private static final String KEY_SHAPED = "sk" + "-" + "proj-" + "abcdefghijklmnopqrstuvwxyz0123";

    @Test
    void a401ThatEchoesTheKeyIsThrownRedacted() {
        Throwable thrown = callAnsweredWith(
                "openai:gpt-4o-mini",
                "OPENAI_API_KEY",
                KEY_SHAPED,
                401,
                "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY_SHAPED
                        + " (sent as Authorization: Bearer " + KEY_SHAPED + ")\","
                        + "\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}");

        assertThat(thrown).isInstanceOf(LlmProviderException.class);
        assertThat(thrown.getMessage()).contains("HTTP 401").contains("Incorrect API key provided");
        assertThat(thrown.getMessage()).doesNotContain("abcdefghijklmnopqrstuvwxyz0123");
        assertThat(((LlmProviderException) thrown).providerMessage()).doesNotContain("abcdefghijklmnopqrstuvwxyz");
        assertThat(f.calls.get(0).error()).doesNotContain("abcdefghijklmnopqrstuvwxyz");
    }

    @Test
    void aKeyOfAnyShapeEchoedInAnErrorIsRedactedByExactValue() {
        Throwable thrown = callAnsweredWith(
                "anthropic:claude-haiku-4-5",
                "ANTHROPIC_API_KEY",
                "plain-key-without-a-known-shape-77",
                403,
                "{\"type\":\"error\",\"error\":{\"type\":\"permission_error\","
                        + "\"message\":\"key plain-key-without-a-known-shape-77 may not use this model\"}}");

        assertThat(thrown.getMessage()).contains("may not use this model").doesNotContain("without-a-known-shape");
    }
}
