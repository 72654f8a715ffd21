package dev.junitllm.assertions;

import dev.junitllm.Conversation;
import dev.junitllm.FinishReason;
import dev.junitllm.LlmResponse;
import org.apiguardian.api.API;

/**
 * The entry point of the LLM assertions: {@code import static
 * dev.junitllm.assertions.LlmAssertions.assertThat;}.
 *
 * <pre>{@code
 * @LlmTest
 * @GoldenDataset("datasets/refunds.jsonl")
 * void refunds(GoldenCase c, LlmClient llm) {
 *     LlmResponse r = llm.chat(c.input());
 *     assertThat(r)
 *         .containsIgnoringCase("30 days")
 *         .isSemanticallySimilarTo(c.expected(), 0.75)
 *         .satisfiesRubric("States the 30-day refund window and no other time limit")
 *         .costsAtMostUsd(0.01);
 * }
 * }</pre>
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class LlmAssertions {

    /**
     * Default threshold of {@code isSemanticallySimilarTo(expected)}: cosine similarity of
     * all-MiniLM-L6-v2 (quantized) embeddings, calibrated on the project's paraphrase /
     * non-paraphrase set (see docs/assertions.md).
     */
    public static final double DEFAULT_SEMANTIC_SIMILARITY = 0.75;

    /**
     * Configuration parameter that overrides {@link #DEFAULT_SEMANTIC_SIMILARITY} for {@code
     * isSemanticallySimilarTo(expected)}; calibrate it when {@code llm.embedding.model} names another
     * model.
     */
    public static final String SEMANTIC_SIMILARITY_THRESHOLD_KEY = "llm.semantic-similarity.threshold";

    /** Default threshold of {@code isRelevantToQuestion()}: share of the answer's statements that are relevant. */
    public static final double DEFAULT_ANSWER_RELEVANCY = 0.7;

    private LlmAssertions() {}

    /**
     * Starts assertions on a model's response.
     *
     * <pre>{@code
     * // passes
     * assertThat(llm.chat("How long do refunds take?")).containsIgnoringCase("30 days");
     * }</pre>
     */
    public static LlmResponseAssert assertThat(LlmResponse actual) {
        return new LlmResponseAssert(actual);
    }

    /**
     * Starts assertions on a plain text (e.g. an answer obtained through a third-party SDK); checks
     * that need a finish reason, usage or cost see a response with finish reason {@code STOP} and
     * no usage or cost. Named differently from AssertJ's {@code assertThat(String)} so that both can
     * be imported statically.
     *
     * <pre>{@code
     * // passes
     * assertThatText(sdkAnswer).containsNoPii().isNotRefusal();
     * }</pre>
     */
    public static LlmResponseAssert assertThatText(String text) {
        return new LlmResponseAssert(asResponse(text));
    }

    /**
     * Starts assertions on a judge calibration, to gate on a judge's agreement with human labels.
     *
     * <pre>{@code
     * assertThat(JudgeCalibration.fromJsonl(Path.of("src/test/resources/labels.jsonl")))
     *     .hasTruePositiveRateAtLeast(0.9)
     *     .hasTrueNegativeRateAtLeast(0.9)
     *     .hasKappaAtLeast(0.6);
     * }</pre>
     */
    public static JudgeCalibrationAssert assertThat(JudgeCalibration actual) {
        return new JudgeCalibrationAssert(actual);
    }

    /**
     * Starts assertions on a played conversation or agent run: the whole conversation, each turn and
     * the trajectory of tool calls.
     *
     * <pre>{@code
     * assertThat(Conversation.of(c).play(agent::chat))
     *     .calledToolsInOrder("lookupOrder")
     *     .neverCalledTools("issueRefund")
     *     .finalAnswer().containsIgnoringCase("shipped");
     * }</pre>
     */
    @API(status = API.Status.EXPERIMENTAL)
    public static ConversationAssert assertThat(Conversation actual) {
        return new ConversationAssert(actual);
    }

    static LlmResponse asResponse(String text) {
        return LlmResponse.builder()
                .text(text)
                .finishReason(FinishReason.STOP, "stop")
                .build();
    }
}
