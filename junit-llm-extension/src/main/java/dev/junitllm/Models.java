package dev.junitllm;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * A model matrix: every case runs against every model, results are grouped per model, and the
 * models are compared pairwise on the same cases.
 *
 * <pre>{@code
 * @LlmTest
 * @Models({"openai:gpt-4o-mini", "anthropic:claude-haiku-4-5"})
 * void answersInEnglish(LlmClient llm) { ... }
 * }</pre>
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@API(status = STABLE)
public @interface Models {
    /** Models as {@code provider:model}; the first is the baseline of comparisons. */
    String[] value();
}
