package dev.junitllm.assertions;

import static dev.junitllm.assertions.Fakes.response;
import static dev.junitllm.assertions.LlmAssertions.assertThat;
import static dev.junitllm.assertions.LlmAssertions.assertThatText;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.junitllm.Verdict;
import dev.junitllm.internal.engine.CurrentContext;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class TextAssertionsTest {

    private static final String REFUND = "Refunds are accepted within 30 days of delivery.";

    @Test
    void containsPassesAndFailsWithActualAndExpected() {
        assertThat(response(REFUND)).contains("30 days");

        AssertionFailedError e = catchThrowableOfType(
                AssertionFailedError.class, () -> assertThat(response(REFUND)).contains("14 days"));
        org.assertj.core.api.Assertions.assertThat(e)
                .hasMessage(
                        String.format(
                                "%nExpecting actual:%n  \"Refunds are accepted within 30 days of delivery.\"%nto contain:%n  \"14 days\"%n"));
        org.assertj.core.api.Assertions.assertThat(e.getActual().getValue()).isEqualTo(REFUND);
        org.assertj.core.api.Assertions.assertThat(e.getExpected().getValue()).isEqualTo("14 days");
    }

    @Test
    void containsIgnoringCase() {
        assertThat(response(REFUND)).containsIgnoringCase("30 DAYS");
        assertThatThrownBy(() -> assertThat(response(REFUND)).containsIgnoringCase("60 days"))
                .hasMessage(String.format(
                        "%nExpecting actual:%n  \"%s\"%nto contain (ignoring case):%n  \"60 days\"%n", REFUND));
    }

    @Test
    void containsAnyOfAndAllOf() {
        assertThat(response(REFUND)).containsAnyOf("exchange", "REFUNDS").containsAllOf("refunds", "30 days");
        assertThatThrownBy(() -> assertThat(response(REFUND)).containsAnyOf("exchange", "voucher"))
                .hasMessage(String.format(
                        "%nExpecting actual:%n  \"%s\"%nto contain any of:%n  [\"exchange\", \"voucher\"]%n", REFUND));
        assertThatThrownBy(() -> assertThat(response(REFUND)).containsAllOf("refunds", "receipt", "30 days"))
                .hasMessage(String.format(
                        "%nExpecting actual:%n  \"%s\"%nto contain all of:%n  [\"refunds\", \"receipt\", \"30 days\"]%n"
                                + "but could not find:%n  [\"receipt\"]%n",
                        REFUND));
    }

    @Test
    void doesNotContain() {
        assertThat(response(REFUND)).doesNotContain("guarantee", "lawyer");
        assertThatThrownBy(() -> assertThat(response("We GUARANTEE it")).doesNotContain("guarantee", "lawyer"))
                .hasMessage(
                        String.format("%nExpecting actual:%n  \"We GUARANTEE it\"%nnot to contain (ignoring case):%n"
                                + "  [\"guarantee\", \"lawyer\"]%nbut found:%n  [\"guarantee\"]%n"));
    }

    @Test
    void matchesFindsAPartOfTheText() {
        assertThat(response("Your order A-1001 shipped")).matches("[A-Z]-\\d{4}");
        assertThatThrownBy(() -> assertThat(response("Your order shipped")).matches("[A-Z]-\\d{4}"))
                .hasMessage(String.format(
                        "%nExpecting actual:%n  \"Your order shipped\"%nto contain a match for the regular expression:%n"
                                + "  \"[A-Z]-\\d{4}\"%n"));
    }

    @Test
    void startsWithIgnoresLeadingWhitespace() {
        assertThat(response("  Yes, you can.")).startsWith("Yes");
        assertThatThrownBy(() -> assertThat(response("No.")).startsWith("Yes"))
                .hasMessage(String.format("%nExpecting actual:%n  \"No.\"%nto start with:%n  \"Yes\"%n"));
    }

    @Test
    void lengthAndWordCountBounds() {
        assertThat(response("Yes."))
                .hasLengthBetween(1, 280)
                .hasWordCountBetween(1, 5)
                .hasWordCountAtMost(1);
        assertThatThrownBy(() -> assertThat(response("Yes.")).hasLengthBetween(10, 280))
                .hasMessage(String.format(
                        "%nExpecting actual:%n  \"Yes.\"%nto have a length within [10, 280] but it was 4%n"));
        assertThatThrownBy(
                        () -> assertThat(response("It's thirty days, really.")).hasWordCountAtMost(2))
                .hasMessage(
                        String.format(
                                "%nExpecting actual:%n  \"It's thirty days, really.\"%nto have a word count within [0, 2] but it was 4%n"));
        assertThatThrownBy(() -> assertThat(response("x")).hasLengthBetween(5, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("min 5 is greater than max 1");
    }

    @Test
    void descriptionPrefixesTheMessage() {
        assertThatThrownBy(() -> assertThat(response("No.")).as("refund answer").startsWith("Yes"))
                .hasMessageStartingWith("[refund answer] ")
                .hasMessageContaining("to start with");
    }

    @Test
    void plainTextEntryPoint() {
        assertThatText("Refunds within 30 days").contains("30 days").finishedNormally();
    }

    @Test
    void everyCheckRecordsAVerdictPassedOrFailed() {
        Fakes.FakeContext ctx = new Fakes.FakeContext();
        try (CurrentContext.Binding ignored = CurrentContext.bind(ctx)) {
            assertThat(response(REFUND)).containsIgnoringCase("30 days").containsAllOf("refunds", "delivery");
            assertThatThrownBy(() -> assertThat(response(REFUND)).containsAllOf("refunds", "receipt"));
        }
        org.assertj.core.api.Assertions.assertThat(ctx.verdicts)
                .containsExactly(
                        new Verdict("containsIgnoringCase", 1.0, 1.0, true, "contains \"30 days\""),
                        new Verdict("containsAllOf", 1.0, 1.0, true, "contains all of [refunds, delivery]"),
                        new Verdict("containsAllOf", 0.5, 1.0, false, "missing [receipt]"));
    }

    @Test
    void outsideAnLlmTestNothingIsRecordedAndChecksStillWork() {
        Fakes.FakeContext ctx = new Fakes.FakeContext();
        try (CurrentContext.Binding ignored = CurrentContext.bind(ctx)) {
            // bound, then unbound: the check below runs with no context
        }
        assertThat(response(REFUND)).contains("30 days");
        org.assertj.core.api.Assertions.assertThat(ctx.verdicts).isEmpty();
    }
}
