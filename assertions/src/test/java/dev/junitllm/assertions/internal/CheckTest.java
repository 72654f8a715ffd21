package dev.junitllm.assertions.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junitllm.Verdict;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.junit.jupiter.api.Test;

class CheckTest {

    @Test
    void aPassingCheckNeverBuildsItsMessage() {
        Check check = new Check(
                Verdict.binary("m", true, "ok"),
                () -> {
                    throw new AssertionError("built");
                },
                "e",
                "a");
        assertThat(check.passed()).isTrue();
    }

    @Test
    void theMessageIsRenderedWithTheRepresentation() {
        Check check = new Check(
                Verdict.binary("m", false, "no"), () -> new BasicErrorMessageFactory("%nfound %s", "x"), "e", "a");
        assertThat(check.failureMessage()).isEqualTo(String.format("%nfound \"x\""));
        assertThatThrownBy(() -> new Check(null, () -> null, "e", "a")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void formatsNumbersTheSameEverywhere() {
        assertThat(Format.fmt(0.12345)).isEqualTo("0.123");
        assertThat(Format.usd(0.02130)).isEqualTo("0.0213");
        assertThat(Format.quoteAll(java.util.List.of("a", "b"))).isEqualTo("\"a\", \"b\"");
        assertThatThrownBy(() -> Format.requireUnit(1.5, "minScore"))
                .hasMessage("minScore must be within 0..1 but was 1.5");
    }
}
