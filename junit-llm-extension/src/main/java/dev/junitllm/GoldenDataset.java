package dev.junitllm;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Runs an {@link LlmTest} once per row of a golden dataset (JSONL, CSV or YAML), injecting the row as
 * a {@link GoldenCase}; then a dataset gate decides on the share of cases that passed.
 *
 * <pre>{@code
 * @LlmTest
 * @GoldenDataset(value = "datasets/refunds.jsonl", minPassRate = 0.95)
 * void refunds(GoldenCase c, LlmClient llm) {
 *     assertThat(llm.chat(c.input())).containsIgnoringCase(c.expected());
 * }
 * }</pre>
 *
 * <p>Rows have {@code id}, {@code input}, optionally {@code expected}, {@code context} (a list),
 * {@code tags} (a list), and any other field, reachable with {@link GoldenCase#get(String)}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@API(status = STABLE)
public @interface GoldenDataset {

    /** A classpath resource, or a file path; the format follows the extension (.jsonl, .csv, .yaml/.yml). */
    String value();

    /** The share of cases (0..1) that must pass for the dataset gate to pass. */
    double minPassRate() default 1.0;
}
