package dev.junitllm.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A person's pass/fail label on one answer for one judge criterion: one line of a dataset's labels
 * file ({@link LabelsFile}, {@code src/test/resources/llm-labels/}). It is keyed by the dataset case,
 * the criterion and the hash of exactly the answer that was labelled, so a label never applies to an
 * answer the reviewer has not seen.
 *
 * <pre>{@code
 * HumanLabel label = new HumanLabel("refund-03", "States the 30-day refund window",
 *         LabelsFile.hash(answer), "fail", "Says 14 days", "ana", "2026-12-01");
 * label.passed();   // false
 * }</pre>
 *
 * @param caseId the dataset row's id
 * @param criterion the judge criterion as the test states it (for {@code isNotToxic}: {@code not toxic})
 * @param answerHash {@link LabelsFile#hash} of the labelled answer
 * @param label {@code pass} or {@code fail}
 * @param note why, optional (null when absent)
 * @param reviewer who labelled
 * @param date when, ISO date {@code yyyy-mm-dd}
 * @param model the model whose answer was labelled ({@code provider:model}), or null for any model: a
 *     label with a model is neither applied to nor reported stale for another model's answers
 */
@API(status = API.Status.EXPERIMENTAL)
@JsonPropertyOrder({"caseId", "model", "criterion", "answerHash", "label", "note", "reviewer", "date"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HumanLabel(
        String caseId,
        String criterion,
        String answerHash,
        String label,
        String note,
        String reviewer,
        String date,
        String model) {

    /** The label meaning "the answer meets the criterion". */
    public static final String PASS = "pass";

    /** The label meaning "the answer does not meet the criterion". */
    public static final String FAIL = "fail";

    public HumanLabel {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(criterion, "criterion");
        Objects.requireNonNull(answerHash, "answerHash");
        if (!PASS.equals(label) && !FAIL.equals(label)) {
            throw new IllegalArgumentException("label must be \"pass\" or \"fail\" but was " + label);
        }
        note = note == null || note.isBlank() ? null : note;
        model = model == null || model.isBlank() ? null : model;
    }

    /** A label for any model's answer. */
    public HumanLabel(
            String caseId,
            String criterion,
            String answerHash,
            String label,
            String note,
            String reviewer,
            String date) {
        this(caseId, criterion, answerHash, label, note, reviewer, date, null);
    }

    /** Whether this label is about answers of {@code caseModel} (a label without model is about any). */
    public boolean appliesToModel(String caseModel) {
        return model == null || model.equals(caseModel);
    }

    /** Whether the person passed the answer. */
    public boolean passed() {
        return PASS.equals(label);
    }

    /** Whether this label and {@code other} are about the same answer of the same model to the same criterion of the same case. */
    public boolean sameKey(HumanLabel other) {
        return caseId.equals(other.caseId)
                && java.util.Objects.equals(model, other.model)
                && criterion.equals(other.criterion)
                && answerHash.equals(other.answerHash);
    }

    /** "fail by ana on 2026-12-01: Says 14 days", for reasons and reports. */
    public String describe() {
        return label + " by " + (reviewer == null ? "a reviewer" : reviewer) + (date == null ? "" : " on " + date)
                + (note == null ? "" : ": " + note);
    }
}
