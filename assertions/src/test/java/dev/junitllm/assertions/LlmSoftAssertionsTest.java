package dev.junitllm.assertions;

import static dev.junitllm.assertions.Fakes.response;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junitllm.LlmResponse;
import dev.junitllm.ToolCall;
import dev.junitllm.internal.engine.CurrentContext;
import java.util.List;
import org.assertj.core.error.AssertJMultipleFailuresError;
import org.junit.jupiter.api.Test;

class LlmSoftAssertionsTest {

    @Test
    void collectsEveryFailureAndReportsThemTogether() {
        Fakes.FakeContext ctx = new Fakes.FakeContext();
        LlmSoftAssertions softly = new LlmSoftAssertions();
        try (CurrentContext.Binding ignored = CurrentContext.bind(ctx)) {
            softly.assertThat(response("Refunds within 14 days. Mail jane@example.com"))
                    .containsIgnoringCase("30 days")
                    .containsNoPii()
                    .startsWith("Refunds")
                    .hasWordCountAtMost(3);
            softly.assertThatText("ok").contains("ok");
            softly.assertThat(List.of(1, 2)).hasSize(3); // the standard soft assertions are there too
        }
        assertThat(softly.errorsCollected()).hasSize(4);
        assertThat(ctx.verdicts)
                .extracting(v -> v.metric() + "=" + v.passed())
                .containsExactly(
                        "containsIgnoringCase=false",
                        "pii=false",
                        "startsWith=true",
                        "wordCount=false",
                        "contains=true");
        assertThatThrownBy(softly::assertAll)
                .isInstanceOf(AssertJMultipleFailuresError.class)
                .hasMessageContaining("Multiple Failures (4 failures)")
                .hasMessageContaining("to contain (ignoring case):")
                .hasMessageContaining("EMAIL \"jane@example.com\"")
                .hasMessageContaining("to have a word count within [0, 3] but it was 8")
                .hasMessageContaining("Expected size: 3");
    }

    @Test
    void assertSoftlyFailsOnceAtTheEnd() {
        assertThatThrownBy(() -> LlmSoftAssertions.assertSoftly(softly -> {
                    softly.assertThat(response("a")).contains("b");
                    softly.assertThat(response("a")).contains("c");
                }))
                .hasMessageContaining("Multiple Failures (2 failures)");
        LlmSoftAssertions.assertSoftly(
                softly -> softly.assertThat(response("a")).contains("a"));
    }

    @Test
    void nestedAssertionsThroughConsumersAreCollectedToo() throws Exception {
        LlmResponse r = LlmResponse.builder()
                .toolCalls(List.of(
                        new ToolCall("c1", "lookup_order", new ObjectMapper().readTree("{\"order_id\":\"A-1001\"}"))))
                .finishReason("tool_calls")
                .build();
        LlmSoftAssertions softly = new LlmSoftAssertions();
        softly.assertThat(r)
                .hasToolCallSatisfying("lookup_order", c -> c.hasArgument("order_id", "A-9999"))
                .hasToolCallSatisfying("cancel_order", c -> c.hasArgument("x", 1))
                .finishedNormally();
        assertThat(softly.errorsCollected()).hasSize(2);
        assertThat(softly.errorsCollected().get(0)).hasMessageContaining("\"A-9999\"");
        assertThat(softly.errorsCollected().get(1)).hasMessageContaining("\"cancel_order\"");
    }

    @Test
    void configurationSurvivesTheProxyAndJudgeFailuresAreCollected() {
        LlmSoftAssertions softly = new LlmSoftAssertions();
        softly.assertThat(response("Refunds take 14 days."))
                .usingJudge(Fakes.FakeJudge.answering(JudgeAssertionsTest.FAIL))
                .votes(1)
                .satisfiesRubric("States the 30-day window")
                .contains("14 days");
        assertThat(softly.errorsCollected())
                .singleElement()
                .satisfies(
                        e -> assertThat(e).hasMessageContaining("reason: 0/1 votes pass; fail: Says 14 days, not 30."));
    }
}
