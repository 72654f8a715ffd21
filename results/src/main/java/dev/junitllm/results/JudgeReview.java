package dev.junitllm.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What the labels said about one judge verdict ({@code samples[].verdicts[].review}): the criterion,
 * the hash of the answer the judge saw, the judge's own verdict, and the human label that overruled
 * it, if one was made on exactly this answer. {@code staleLabels} are labels on the same case and
 * criterion made on a different answer: they are reported, never applied.
 *
 * <pre>{@code
 * VerdictResult v = sample.verdicts().get(0);
 * v.review().judgePassed();      // true: the judge passed it
 * v.passed();                    // false: a person failed exactly this answer
 * v.review().humanLabel().describe();   // "fail by ana on 2026-12-01: Says 14 days"
 * }</pre>
 *
 * @param criterion the judge criterion (a labels file's {@code criterion})
 * @param answerHash {@link LabelsFile#hash} of the judged answer
 * @param judgePassed the judge's verdict before any label
 * @param humanLabel the label applied to this verdict, or null
 * @param staleLabels labels on this case and criterion for another answer (an answer that changed)
 */
@API(status = API.Status.EXPERIMENTAL)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record JudgeReview(
        String criterion,
        String answerHash,
        boolean judgePassed,
        HumanLabel humanLabel,
        java.util.List<HumanLabel> staleLabels) {

    public JudgeReview {
        Objects.requireNonNull(criterion, "criterion");
        Objects.requireNonNull(answerHash, "answerHash");
        staleLabels = Lists.copy(staleLabels);
    }

    /** Whether a person's label decided this verdict. */
    public boolean decidedByHuman() {
        return humanLabel != null;
    }
}
