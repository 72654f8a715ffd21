package dev.junitllm.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What the labels said about one judge verdict ({@code samples[].verdicts[].review}): the criterion,
 * the hash of the answer the judge saw, the judge's own verdict, and the human label that overruled
 * it, if one was made on exactly this answer. {@code staleLabels} are labels on the same case and
 * criterion made on a different answer: they are reported, never applied. For a check whose verdict
 * depends on more than the answer (faithfulness and context recall on the context passages, context
 * recall on the expected answer, relevancy on the question, a pairwise preference on the other answer)
 * that material is kept here too, and {@code answerHash} covers it ({@link LabelsFile#hash(String,
 * String, List, String, String)}): a label applies only while all of it is unchanged.
 *
 * <pre>{@code
 * VerdictResult v = sample.verdicts().get(0);
 * v.review().judgePassed();      // true: the judge passed it
 * v.passed();                    // false: a person failed exactly this answer
 * v.review().humanLabel().describe();   // "fail by ana on 2026-12-01: Says 14 days"
 * }</pre>
 *
 * @param criterion the judge criterion (a labels file's {@code criterion})
 * @param answerHash {@link LabelsFile#hash(String)} of the judged answer, or {@link LabelsFile#hash(String,
 *     String, List, String, String)} of it with the question, context, expected or other answer below
 * @param judgePassed the judge's verdict before any label
 * @param humanLabel the label applied to this verdict, or null
 * @param staleLabels labels on this case and criterion for another answer (an answer that changed)
 * @param question the question the verdict depends on (answer relevancy), or null
 * @param context the passages the verdict depends on (faithfulness, context recall), or empty
 * @param expected the expected answer the verdict depends on (context recall), or null
 * @param otherAnswer the answer this one was compared with (pairwise preference), or null
 */
@API(status = API.Status.EXPERIMENTAL)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record JudgeReview(
        String criterion,
        String answerHash,
        boolean judgePassed,
        HumanLabel humanLabel,
        List<HumanLabel> staleLabels,
        String question,
        List<String> context,
        String expected,
        String otherAnswer) {

    public JudgeReview {
        Objects.requireNonNull(criterion, "criterion");
        Objects.requireNonNull(answerHash, "answerHash");
        staleLabels = Lists.copy(staleLabels);
        context = Lists.copy(context);
    }

    /** A review of a verdict that depends on the answer alone. */
    public JudgeReview(
            String criterion,
            String answerHash,
            boolean judgePassed,
            HumanLabel humanLabel,
            List<HumanLabel> staleLabels) {
        this(criterion, answerHash, judgePassed, humanLabel, staleLabels, null, null, null, null);
    }

    /**
     * The hash {@code answer} would have in this review: {@link LabelsFile#hash(String, String, List,
     * String, String)} of the answer with this review's question, context, expected and other answer.
     *
     * <pre>{@code
     * boolean judgedThisReply = review.hashOf(call.response()).equals(review.answerHash());
     * }</pre>
     */
    public String hashOf(String answer) {
        return LabelsFile.hash(answer, question, context, expected, otherAnswer);
    }

    /** Whether a person's label decided this verdict. */
    public boolean decidedByHuman() {
        return humanLabel != null;
    }
}
