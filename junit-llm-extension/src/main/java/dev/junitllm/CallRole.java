package dev.junitllm;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Why a model was called: to produce the answer under test, or to grade one.
 *
 * <p>Every call is tagged with its role so that reports can split spend between the model under
 * test and the judge, and so that judge calls are recorded and replayed like any other call.
 *
 * <pre>{@code
 * LlmResponse grade = LlmContext.current().orElseThrow().judge().chat(request);
 * grade.role();   // JUDGE: its cost is reported as judge cost
 * }</pre>
 */
@API(status = EXPERIMENTAL)
public enum CallRole {
    /** The model whose behaviour the test checks. */
    MODEL,
    /** A model that grades another model's answer (LLM-as-judge). */
    JUDGE;

    /** The lower-case name used in cassettes and results files: {@code model} or {@code judge}. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
