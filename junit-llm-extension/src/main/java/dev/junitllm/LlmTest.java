package dev.junitllm;

import static org.apiguardian.api.API.Status.STABLE;

import dev.junitllm.internal.engine.LlmExtension;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test of LLM behaviour. Use it instead of {@code @Test}; it registers the junit-llm
 * extension, which injects {@link LlmClient}, {@link GoldenCase}, {@link PromptTemplate} and
 * {@link LlmProxy} parameters.
 *
 * <p>Because answers vary between calls, the body can run several times inside one test: with
 * {@code samples = 5, minPassRate = 0.8} the case passes when at least 4 of 5 samples pass. Sampling
 * stops early once the outcome can no longer change (see {@link #earlyStop()}).
 *
 * <pre>{@code
 * @LlmTest(samples = 5, minPassRate = 0.8)
 * @Model("openai:gpt-4o-mini")
 * void mentionsTheRefundWindow(LlmClient llm) {
 *     LlmResponse r = llm.chat("Can I return shoes after 20 days?");
 *     LlmAssertions.assertThat(r).containsIgnoringCase("30 days");
 * }
 * }</pre>
 *
 * <p>An {@code @LlmTest} is a JUnit test template: one invocation per model (see {@link Models}) and,
 * with a {@link GoldenDataset}, one per dataset row and model plus a trailing dataset gate.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith(LlmExtension.class)
@API(status = STABLE)
public @interface LlmTest {

    /** How many times the body runs per case; each run is one sample. At least 1. */
    int samples() default 1;

    /** The share of samples (0..1) that must pass for the case to pass. */
    double minPassRate() default 1.0;

    /**
     * Whether sampling stops as soon as the case's outcome can no longer change (enough passes
     * reached, or too many failures). The results record how many samples ran.
     */
    boolean earlyStop() default true;
}
