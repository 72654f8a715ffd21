package dev.junitllm;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A prompt file from the repository, rendered with named variables ({@code ${name}}). Its name,
 * content hash and declared version are recorded with every result that used it, so a prompt change
 * is visible next to the scores it changed.
 *
 * <pre>{@code
 * // prompts/support-system.v3.md starts with an optional front line: "version: 3"
 * String system = prompt.render(Map.of("company", "ACME", "refundDays", 30));
 * }</pre>
 */
@API(status = STABLE)
public interface PromptTemplate {

    /** The resource name, e.g. {@code prompts/support-system.v3.md}. */
    String name();

    /** The version declared in the file, if any. */
    Optional<String> version();

    /** The first 12 hex digits of the SHA-256 of the file's content. */
    String hash();

    /** The template text, without the version line. */
    String text();

    /**
     * Replaces every {@code ${name}} with its value.
     *
     * @throws IllegalArgumentException naming the first variable the map lacks
     */
    String render(Map<String, ?> variables);
}
