package dev.junitllm.assertions;

import static dev.junitllm.assertions.Fakes.response;
import static dev.junitllm.assertions.LlmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junitllm.JudgeAnswerException;
import dev.junitllm.Message;
import dev.junitllm.assertions.Fakes.FakeContext;
import dev.junitllm.assertions.Fakes.FakeJudge;
import dev.junitllm.internal.engine.CurrentContext;
import java.util.List;
import org.junit.jupiter.api.Test;

class RagAssertionsTest {
    static final String ANSWER = "Refunds are accepted within 30 days, and shipping is always free.";
    static final List<String> CONTEXT =
            List.of("Refunds are accepted within 30 days of delivery.", "Returns need a receipt.");
    static final String CLAIMS = "{\"claims\":["
            + "{\"claim\":\"Refunds are accepted within 30 days.\",\"supported\":true,\"evidence\":\"Refunds are accepted within 30 days\"},"
            + "{\"claim\":\"Shipping is always free.\",\"supported\":false,\"evidence\":\"\"}]}";

    @Test
    void faithfulnessScoresSupportedOverTotalAndListsUnsupportedClaims() {
        FakeContext ctx = new FakeContext();
        FakeJudge judge = FakeJudge.answering(CLAIMS);
        ctx.judge = judge;
        ctx.goldenCase = new Fakes.Case("r-1", "Can I get a refund?", "Yes, within 30 days.", CONTEXT);
        try (CurrentContext.Binding ignored = CurrentContext.bind(ctx)) {
            assertThat(response(ANSWER)).isFaithfulToContext(0.5);
            assertThatThrownBy(() -> assertThat(response(ANSWER)).isFaithfulToContext())
                    .hasMessage(String.format(
                            "%nExpecting actual:%n  \"%s\"%nto have faithfulness >= 1.000 against:%n  \"the retrieved context\"%n"
                                    + "but was 0.500%nreason: faithfulness 0.500 < 1.000 (1/2); unsupported claims: \"Shipping is always free.\"%n",
                            ANSWER));
        }
        String user = judge.requests.get(0).messages().stream()
                .filter(m -> m.role() == Message.Role.USER)
                .findFirst()
                .orElseThrow()
                .content();
        org.assertj.core.api.Assertions.assertThat(user)
                .contains("[1] Refunds are accepted within 30 days of delivery.\n[2] Returns need a receipt.")
                .contains("<question>Can I get a refund?</question>");
        org.assertj.core.api.Assertions.assertThat(ctx.last().metric()).isEqualTo("faithfulness");
        org.assertj.core.api.Assertions.assertThat(ctx.last().score()).isEqualTo(0.5);
    }

    @Test
    void anAnswerWithoutClaimsIsFaithful() {
        assertThat(response("Happy to help!"))
                .usingJudge(FakeJudge.answering("{\"claims\":[]}"))
                .withContext(CONTEXT)
                .isFaithfulToContext();
    }

    @Test
    void anEmptyAnswerIsVacuouslyFaithfulButNotRelevantAndCostsNoJudgeCall() {
        FakeJudge judge = FakeJudge.answering(CLAIMS);
        assertThat(response(" ")).usingJudge(judge).withContext(CONTEXT).isFaithfulToContext();
        assertThatThrownBy(() -> assertThat(response(""))
                        .usingJudge(judge)
                        .forQuestion("How long do refunds take?")
                        .isRelevantToQuestion())
                .hasMessageContaining("reason: answerRelevancy 0.000 < 0.700: the answer is empty");
        org.assertj.core.api.Assertions.assertThat(judge.requests).isEmpty();
    }

    @Test
    void faithfulnessWithoutContextSaysHowToProvideIt() {
        assertThatThrownBy(() -> assertThat(response(ANSWER))
                        .usingJudge(FakeJudge.answering(CLAIMS))
                        .isFaithfulToContext())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("isFaithfulToContext needs the retrieved context: run over a @GoldenDataset whose rows have"
                        + " 'context', or call withContext(...)");
    }

    @Test
    void answerRelevancy() {
        String statements = "{\"statements\":[{\"statement\":\"Refunds take 30 days.\",\"relevant\":true},"
                + "{\"statement\":\"Our CEO likes golf.\",\"relevant\":false},"
                + "{\"statement\":\"Keep your receipt.\",\"relevant\":true}]}";
        assertThat(response("..."))
                .usingJudge(FakeJudge.answering(statements))
                .forQuestion("How long do refunds take?")
                .isRelevantToQuestion(0.6);
        assertThatThrownBy(() -> assertThat(response("..."))
                        .usingJudge(FakeJudge.answering(statements))
                        .forQuestion("How long do refunds take?")
                        .isRelevantToQuestion())
                .hasMessageContaining(
                        "to have answerRelevancy >= 0.700 against:%n  \"How long do refunds take?\"%nbut was 0.667"
                                .formatted())
                .hasMessageContaining("irrelevant statements: \"Our CEO likes golf.\"");
        assertThatThrownBy(() -> assertThat(response("..."))
                        .usingJudge(FakeJudge.answering(statements))
                        .isRelevantToQuestion())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("forQuestion(...)");
        assertThatThrownBy(() -> assertThat(response("..."))
                        .usingJudge(FakeJudge.answering("{\"statements\":[]}"))
                        .forQuestion("q")
                        .isRelevantToQuestion())
                .isInstanceOf(JudgeAnswerException.class);
    }

    @Test
    void contextRecallAgainstTheExpectedAnswer() {
        String sentences = "{\"sentences\":[{\"sentence\":\"Refunds within 30 days.\",\"attributed\":true},"
                + "{\"sentence\":\"A receipt is needed.\",\"attributed\":true},"
                + "{\"sentence\":\"Store credit is offered after 30 days.\",\"attributed\":false}]}";
        FakeContext ctx = new FakeContext();
        ctx.judge = FakeJudge.answering(sentences);
        ctx.goldenCase = new Fakes.Case(
                "r-2", "Refund rules?", "Refunds within 30 days with a receipt; store credit after that.", CONTEXT);
        try (CurrentContext.Binding ignored = CurrentContext.bind(ctx)) {
            assertThat(response(ANSWER)).hasContextRecallAtLeast(0.6);
            assertThatThrownBy(() -> assertThat(response(ANSWER)).hasContextRecallAtLeast(0.8))
                    .hasMessageContaining("to have contextRecall >= 0.800 against")
                    .hasMessageContaining(
                            "statements missing from the context: \"Store credit is offered after 30 days.\"");
        }
        assertThatThrownBy(() -> assertThat(response(ANSWER))
                        .usingJudge(FakeJudge.answering(sentences))
                        .withContext(CONTEXT)
                        .hasContextRecallAtLeast(0.5))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("comparedTo(...)");
        assertThat(response(ANSWER))
                .usingJudge(FakeJudge.answering(sentences))
                .withContext(CONTEXT)
                .comparedTo("Refunds within 30 days with a receipt; store credit after that.")
                .hasContextRecallAtLeast(0.6);
    }
}
