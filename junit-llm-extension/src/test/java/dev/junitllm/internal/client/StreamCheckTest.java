package dev.junitllm.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junitllm.LlmProviderException;
import org.junit.jupiter.api.Test;

class StreamCheckTest {

    final StreamCheck check = new StreamCheck("a chunk", "data: [DONE]");

    @Test
    void aTerminatedStreamWithoutProblemsPassesAndCountsItsEvents() {
        check.arrived();
        check.arrived();
        check.notJson("   ");
        check.terminated();

        assertThat(check.events()).isEqualTo(2);
        assertThatCode(check::throwIfFailed).doesNotThrowAnyException();
    }

    @Test
    void theFirstProviderErrorWinsOverEverythingElse() {
        check.arrived();
        check.notJson("{not json");
        check.error(Json.tryParse("{\"error\":{\"message\":\"Overloaded\",\"type\":\"overloaded_error\"}}"));
        check.error(Json.tryParse("{\"error\":{\"message\":\"later\",\"type\":\"server_error\"}}"));

        assertThatThrownBy(check::throwIfFailed)
                .isInstanceOfSatisfying(LlmProviderException.class, e -> {
                    assertThat(e.status()).isEqualTo(200);
                    assertThat(e.errorType()).isEqualTo("overloaded_error");
                    assertThat(e.providerMessage()).isEqualTo("Overloaded");
                    assertThat(e.isTransient()).isTrue();
                })
                .hasMessage("The stream carried an error (overloaded_error): Overloaded [after 1 events]");
    }

    @Test
    void theFirstPayloadThatIsNotJsonIsNamedEvenWhenTheStreamEnded() {
        check.notJson("{not\n json");
        check.notJson("second");
        check.terminated();

        assertThatThrownBy(check::throwIfFailed)
                .isInstanceOfSatisfying(
                        LlmProviderException.class,
                        e -> assertThat(e.isTransient()).isTrue())
                .hasMessage("The stream carried a chunk that is not JSON: {not json");
    }

    @Test
    void aStreamWithoutItsTerminalEventIsIncomplete() {
        check.arrived();
        check.arrived();
        check.arrived();

        assertThatThrownBy(check::throwIfFailed)
                .isInstanceOf(LlmProviderException.class)
                .hasMessage("The stream ended without its terminal event (data: [DONE]) after 3 events: "
                        + "the answer is incomplete, not short");
    }
}
