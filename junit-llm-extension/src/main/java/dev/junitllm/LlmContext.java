package dev.junitllm;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.junitllm.internal.engine.CurrentContext;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The running {@link LlmTest} sample, as seen from code that runs inside it: assertions record their
 * verdicts here and find the judge model here.
 *
 * <p>The context is bound to the thread that runs the test body. Outside an {@code @LlmTest} (a
 * plain {@code @Test}, or a thread the test started itself) {@link #current()} is empty and
 * assertions still work, without recording verdicts.
 *
 * <pre>{@code
 * LlmContext.current().ifPresent(ctx -> ctx.record(Verdict.binary("custom", ok, "why")));
 * }</pre>
 */
@API(status = EXPERIMENTAL)
public interface LlmContext {

    /** The context of the sample running on this thread, if any. */
    static Optional<LlmContext> current() {
        return Optional.ofNullable(CurrentContext.get());
    }

    /** Records a check's verdict into the current sample. */
    void record(Verdict verdict);

    /**
     * Records a judge's verdict on {@code answer} for {@code criterion} and returns the verdict that
     * counts. When a person labelled exactly this answer for this criterion of this dataset case (the
     * labels file under {@code llm.labels.dir}, keyed by the answer's hash), the person's label is
     * returned and recorded as deciding, with the judge's own verdict kept for calibration; otherwise
     * the judge's verdict is. Outside a dataset case the judge's verdict is recorded and returned.
     *
     * <pre>{@code
     * Verdict counted = ctx.recordJudged(judgeVerdict, "States the 30-day refund window", response.text());
     * if (!counted.passed()) throw new AssertionError(counted.reason());
     * }</pre>
     */
    default Verdict recordJudged(Verdict judgeVerdict, String criterion, String answer) {
        record(judgeVerdict);
        return judgeVerdict;
    }

    /**
     * {@link #recordJudged(Verdict, String, String)} for a judge verdict that depends on more than the
     * answer: a label decides it only when it was made on exactly this answer together with this
     * question, these context passages, this expected answer and this other answer (each null when the
     * verdict does not depend on it). A label made when any of them differed is stale: reported, never
     * applied. The results keep that material on the verdict's review, so a reviewer sees what was
     * judged.
     *
     * <pre>{@code
     * // faithfulness: the label is on the answer and the passages it was checked against
     * Verdict counted = ctx.recordJudged(judgeVerdict, "faithful to the context", response.text(),
     *         null, passages, null, null);
     * }</pre>
     */
    default Verdict recordJudged(
            Verdict judgeVerdict,
            String criterion,
            String answer,
            String question,
            List<String> context,
            String expected,
            String otherAnswer) {
        record(judgeVerdict);
        return judgeVerdict;
    }

    /** The judge ({@code llm.judge.model}), recorded and replayed like the model, tagged as judge. */
    LlmClient judge();

    /** A judge client for a specific model ({@code provider:model}), for several-judges votes. */
    LlmClient judge(String modelId);

    /** A client for embeddings named by {@code llm.embedding.model}; empty when it is not set. */
    Optional<LlmClient> embeddingModel();

    /** A configuration parameter ({@code -Dkey=value} or {@code junit-platform.properties}). */
    Optional<String> configuration(String key);

    /** The dataset row of this case, when the test runs over a {@link GoldenDataset}. */
    Optional<GoldenCase> goldenCase();

    /**
     * The chat calls the model under test completed in this sample so far, in call order, through any
     * {@link LlmClient} or the {@link LlmProxy}: each response carries its {@link LlmResponse#request()
     * request} (messages with tool calls and tool results, and tools). Judge calls, embeddings and failed
     * attempts (retried or fallen back) are not in it. This is what a {@link Conversation} reads to see
     * the steps an application or agent took.
     *
     * <pre>{@code
     * int steps = LlmContext.current().map(ctx -> ctx.modelCalls().size()).orElse(0);
     * }</pre>
     */
    @API(status = EXPERIMENTAL)
    default List<LlmResponse> modelCalls() {
        return List.of();
    }

    /** Which sample of the case is running, from 0. */
    int sampleIndex();
}
