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
 * Sets the {@link LlmMode} of the {@link LlmTest}s of a class (or of one method), whatever
 * {@value LlmConfiguration#MODE} says: a method's annotation beats its class's, which beats an
 * enclosing class's ({@code @Nested}), which beats {@code llm.mode}, which beats the default
 * {@code replay}.
 *
 * <pre>{@code
 * @RecordingMode(LlmMode.AUTO)      // new cases are recorded on their first run, then replayed
 * @Model("openai:gpt-4o-mini")
 * class RefundTest {
 *
 *     @LlmTest
 *     void answersRefunds(LlmClient llm) { ... }
 *
 *     @LlmTest
 *     @RecordingMode(LlmMode.LIVE)  // a smoke test that always asks the real model
 *     void stillReachesTheProvider(LlmClient llm) { ... }
 * }
 * }</pre>
 *
 * <p>Because the annotation wins, {@code -Dllm.mode=record} does not re-record an annotated class:
 * change (or remove) the annotation to re-record it. Nothing spends money unless the mode asks for
 * it; the live transport is created only when a case whose mode calls live makes its first call.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@API(status = STABLE)
public @interface RecordingMode {
    /** Where the answers of this class's (or method's) cases come from. */
    LlmMode value();
}
