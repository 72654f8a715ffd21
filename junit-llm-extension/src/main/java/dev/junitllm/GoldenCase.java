package dev.junitllm;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * One row of a {@link GoldenDataset}.
 *
 * <pre>{@code
 * void refunds(GoldenCase c, LlmClient llm) {
 *     LlmResponse r = llm.chat(c.input());
 *     assertThat(r).isSemanticallySimilarTo(c.expected(), 0.75);
 *     String channel = c.get("channel").orElse("web");
 * }
 * }</pre>
 */
@API(status = STABLE)
public interface GoldenCase {

    /** The row's id; unique within the dataset. */
    String id();

    /** What is sent to the model. */
    String input();

    /** The reference answer; empty string when the row has none. */
    String expected();

    /** Retrieved passages for RAG checks; empty when the row has none. */
    List<String> context();

    /** The row's tags, for selection with {@code llm.dataset.tags}. */
    Set<String> tags();

    /** Any other field, as text (objects and lists as JSON); empty when the row lacks it. */
    Optional<String> get(String field);

    /** Where the row came from, e.g. {@code datasets/refunds.jsonl:17}. */
    String source();
}
