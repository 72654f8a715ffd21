package dev.junitllm.cassette;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every redaction rule, in the letter cases that must be caught, and text that must stay as it is. */
class RedactorTest {

    private final Redactor redactor =
            Redactor.fromEnvironment(Map.of("OPENAI_API_KEY", "env-secret-value-123", "HOME", "/root"));

    @Test
    void environmentSecretsAnywhere() {
        assertThat(redactor.redact("echo env-secret-value-123 back")).isEqualTo("echo [REDACTED:OPENAI_API_KEY] back");
    }

    @Test
    void headersInAnyLetterCase() {
        assertThat(redactor.redact("Authorization: Bearer abc.def")).isEqualTo("Authorization: [REDACTED]");
        assertThat(redactor.redact("AUTHORIZATION: Basic Zm9vOmJhcg==")).isEqualTo("AUTHORIZATION: [REDACTED]");
        assertThat(redactor.redact("{\"X-Api-Key\": \"abc123\"}")).isEqualTo("{\"X-Api-Key\": \"[REDACTED]\"}");
        assertThat(redactor.redact("API-KEY=abc123")).isEqualTo("API-KEY=[REDACTED]");
    }

    @Test
    void queryParametersInAnyLetterCase() {
        assertThat(redactor.redact("https://h/v1?KEY=abc123&x=1")).isEqualTo("https://h/v1?KEY=[REDACTED]&x=1");
        assertThat(redactor.redact("https://h/v1?a=1&Api_Key=abc123")).isEqualTo("https://h/v1?a=1&Api_Key=[REDACTED]");
    }

    @Test
    void keyShapedStrings() {
        assertThat(redactor.redact("use sk-proj-ABCDEFGHIJKLMNOPQRSTUV now")).isEqualTo("use [REDACTED] now");
        assertThat(redactor.redact("task-list sk-short")).isEqualTo("task-list sk-short");
    }

    @Test
    void ordinaryTextIsReturnedAsItIs() {
        String text = "Refunds within 30 days; the keyboard's keys are covered, authorisation is not needed.";
        assertThat(redactor.redact(text)).isSameAs(text);
        assertThat(redactor.redact("")).isEmpty();
        assertThat(redactor.redact((String) null)).isNull();
    }

    @Test
    void jsonValuesFieldNamesAndSecretFields() throws Exception {
        JsonNode node = new ObjectMapper()
                .readTree("{\"api_key\":\"plain\",\"note\":\"key env-secret-value-123\",\"n\":1,"
                        + "\"list\":[\"Authorization: Bearer t0k3n\"]}");
        assertThat(redactor.redact(node).toString())
                .isEqualTo("{\"api_key\":\"[REDACTED]\",\"note\":\"key [REDACTED:OPENAI_API_KEY]\",\"n\":1,"
                        + "\"list\":[\"Authorization: [REDACTED]\"]}");
    }
}
