package dev.junitllm;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Injects a versioned prompt file as a {@link PromptTemplate}.
 *
 * <pre>{@code
 * @LlmTest
 * void greets(@Prompt("prompts/support-system.v3.md") PromptTemplate system, LlmClient llm) {
 *     String text = system.render(Map.of("company", "ACME"));
 *     ...
 * }
 * }</pre>
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@API(status = STABLE)
public @interface Prompt {
    /** A classpath resource, or a file path. */
    String value();
}
