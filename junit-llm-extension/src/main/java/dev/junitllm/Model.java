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
 * The model an {@link LlmTest} talks to, as {@code provider:model}; on a method or a class. Without
 * it, {@code llm.model} decides.
 *
 * <pre>{@code
 * @Model(value = "openai:gpt-4o-mini", fallback = "anthropic:claude-haiku-4-5")
 * class RefundTest { ... }
 * }</pre>
 */
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@API(status = STABLE)
public @interface Model {

    /** {@code provider:model}: {@code openai:gpt-4o-mini}, {@code anthropic:claude-haiku-4-5}, {@code ollama:llama3.2}. */
    String value();

    /** A model that answers when this one still fails after its retries; empty for none. */
    String fallback() default "";
}
