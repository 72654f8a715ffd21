package dev.junitllm.assertions.internal.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junitllm.assertions.internal.Check;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextChecksTest {

    @Test
    void substringChecksNameWhatTheyFound() {
        assertThat(TextChecks.contains("Refunds within 30 days", "30 days")
                        .verdict()
                        .reason())
                .isEqualTo("contains \"30 days\"");
        assertThat(TextChecks.containsIgnoringCase("30 DAYS", "30 days").passed())
                .isTrue();
        assertThat(TextChecks.containsAnyOf("Hello", List.of("refund", "return"))
                        .verdict()
                        .reason())
                .isEqualTo("contains none of [refund, return]");
        assertThat(TextChecks.doesNotContain("We guarantee it", List.of("Guarantee"))
                        .verdict()
                        .reason())
                .isEqualTo("contains [Guarantee]");
    }

    @Test
    void containsAllOfScoresTheShareFound() {
        Check check = TextChecks.containsAllOf("Refund within 30 days", List.of("refund", "receipt"));
        assertThat(check.passed()).isFalse();
        assertThat(check.verdict().score()).isEqualTo(0.5);
        assertThat(check.verdict().reason()).isEqualTo("missing [receipt]");
        assertThat(check.expected()).isEqualTo("refund\nreceipt");
        assertThat(check.actual()).isEqualTo("Refund within 30 days");
        assertThat(check.failureMessage()).contains("\"receipt\"");
    }

    @Test
    void patternsAndPrefixes() {
        assertThat(TextChecks.matches("order A-1001", "[A-Z]-\\d{4}").passed()).isTrue();
        assertThat(TextChecks.startsWith("  Yes, you can.", "Yes").passed()).isTrue();
        assertThat(TextChecks.startsWith("No.", "Yes").verdict().reason()).isEqualTo("does not start with \"Yes\"");
    }

    @Test
    void boundsOnLengthAndWords() {
        Check length = TextChecks.lengthBetween("Yes.", 10, 280);
        assertThat(length.verdict().metric()).isEqualTo("length");
        assertThat(length.verdict().reason()).isEqualTo("length 4 outside [10, 280]");
        assertThat(length.expected()).isEqualTo("length within [10, 280]");
        assertThat(TextChecks.wordCountBetween("one two three", 0, 2).verdict().metric())
                .isEqualTo("wordCount");
        assertThatThrownBy(() -> TextChecks.lengthBetween("x", 3, 2)).hasMessage("min 3 is greater than max 2");
    }
}
