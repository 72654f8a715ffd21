package dev.junitllm;

import org.apiguardian.api.API;

/**
 * A judge answered something that is not the JSON its prompt asked for. This is an error of the run,
 * never a pass or a default score: the message carries the prompt id, what was wrong and the judge's
 * raw text, so the judge model or the prompt can be fixed.
 *
 * <pre>{@code
 * try {
 *     assertThat(response).usingJudge(judge).satisfiesRubric("Polite");
 * } catch (JudgeAnswerException e) {
 *     e.rawAnswer(); // "Sure! The answer is polite. PASS"
 * }
 * }</pre>
 */
@API(status = API.Status.STABLE, since = "0.1")
public class JudgeAnswerException extends LlmException {
    private static final long serialVersionUID = 1L;

    private final String rawAnswer;

    /**
     * Creates the exception.
     *
     * <pre>{@code
     * throw new JudgeAnswerException("rubric.v1", "openai:gpt-4o", "not JSON", raw);
     * }</pre>
     */
    public JudgeAnswerException(String promptId, String judgeModel, String problem, String rawAnswer) {
        super("The judge " + judgeModel + " gave an unusable answer to prompt " + promptId + ": " + problem
                + System.lineSeparator() + "Raw answer:" + System.lineSeparator() + rawAnswer);
        this.rawAnswer = rawAnswer;
    }

    /**
     * The judge's answer, exactly as received.
     *
     * <pre>{@code
     * String raw = exception.rawAnswer();
     * }</pre>
     */
    public String rawAnswer() {
        return rawAnswer;
    }
}
