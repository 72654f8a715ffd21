package dev.junitllm.internal.dataset;

import dev.junitllm.GoldenCase;
import dev.junitllm.LlmConfiguration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Which dataset rows run, from three configuration keys, applied in this order:
 *
 * <ol>
 *   <li>{@value LlmConfiguration#DATASET_TAGS}: comma-separated tags; a row runs when it has any of
 *       them (exact, case-sensitive match);
 *   <li>{@value LlmConfiguration#DATASET_LIMIT}: only the first N rows that passed the tag filter;
 *   <li>{@value LlmConfiguration#SHARD}: {@code k/n}, only rows in the k-th of n stable shards (see
 *       {@link Shard}).
 * </ol>
 *
 * <p>The limit comes before the shard, so the n shards of a run together hold exactly the rows an
 * unsharded run would have. Unset or blank keys select everything. Applying a selection stays lazy:
 * with a limit, reading stops after the N-th selected row.
 *
 * <pre>{@code
 * DatasetSelection selection = DatasetSelection.fromConfiguration(context::getConfigurationParameter);
 * try (Stream<GoldenCase> rows = selection.apply(GoldenDatasets.open(path, loader))) { ... }
 * }</pre>
 */
public final class DatasetSelection {

    /** Every row. */
    public static final DatasetSelection ALL = new DatasetSelection(Set.of(), 0, null);

    private final Set<String> tags;
    private final int limit;
    private final Shard shard;

    private DatasetSelection(Set<String> tags, int limit, Shard shard) {
        this.tags = tags;
        this.limit = limit;
        this.shard = shard;
    }

    /**
     * Reads the three keys through a lookup such as JUnit's
     * {@code ExtensionContext::getConfigurationParameter}.
     *
     * @throws IllegalArgumentException naming the key, the value and the allowed form, for an invalid value
     */
    public static DatasetSelection fromConfiguration(Function<String, Optional<String>> parameters) {
        return parse(
                parameters.apply(LlmConfiguration.DATASET_TAGS).orElse(null),
                parameters.apply(LlmConfiguration.DATASET_LIMIT).orElse(null),
                parameters.apply(LlmConfiguration.SHARD).orElse(null));
    }

    /**
     * A selection from raw configuration values; {@code null} or blank means unset.
     *
     * @param tags e.g. {@code refunds,shipping}
     * @param limit a positive whole number
     * @param shard {@code k/n}
     * @throws IllegalArgumentException naming the key, the value and the allowed form, for an invalid value
     */
    public static DatasetSelection parse(String tags, String limit, String shard) {
        Set<String> tagSet = new LinkedHashSet<>();
        if (tags != null) {
            for (String tag : tags.split(",", -1)) {
                if (!tag.isBlank()) {
                    tagSet.add(tag.strip());
                }
            }
        }
        int max = 0;
        if (limit != null && !limit.isBlank()) {
            try {
                max = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                max = -1;
            }
            if (max < 1) {
                throw new IllegalArgumentException("Invalid value '" + limit + "' for " + LlmConfiguration.DATASET_LIMIT
                        + ": expected a positive whole number, e.g. 100");
            }
        }
        Shard parsedShard = shard == null || shard.isBlank() ? null : Shard.parse(shard);
        return new DatasetSelection(Collections.unmodifiableSet(tagSet), max, parsedShard);
    }

    /** A copy that keeps rows having any of {@code tags}. */
    public DatasetSelection withTags(Set<String> tags) {
        return new DatasetSelection(Collections.unmodifiableSet(new LinkedHashSet<>(tags)), limit, shard);
    }

    /** A copy that keeps the first {@code limit} rows after the tag filter; must be at least 1. */
    public DatasetSelection withLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("The limit must be at least 1, but was " + limit);
        }
        return new DatasetSelection(tags, limit, shard);
    }

    /** A copy that keeps the rows of {@code shard}. */
    public DatasetSelection withShard(Shard shard) {
        return new DatasetSelection(tags, limit, Objects.requireNonNull(shard, "shard"));
    }

    /** The tags a row must have one of; empty means any row. */
    public Set<String> tags() {
        return tags;
    }

    /** The most rows to run, if limited. */
    public OptionalInt limit() {
        return limit > 0 ? OptionalInt.of(limit) : OptionalInt.empty();
    }

    /** The shard to run, if sharded. */
    public Optional<Shard> shard() {
        return Optional.ofNullable(shard);
    }

    /** Whether this selection keeps every row. */
    public boolean selectsAll() {
        return tags.isEmpty() && limit == 0 && shard == null;
    }

    /** Whether the row passes the tag filter. */
    public boolean matchesTags(GoldenCase row) {
        if (tags.isEmpty()) {
            return true;
        }
        for (String tag : row.tags()) {
            if (tags.contains(tag)) {
                return true;
            }
        }
        return false;
    }

    /** The selected rows of {@code rows}, lazily, in order; closing the result closes {@code rows}. */
    public Stream<GoldenCase> apply(Stream<GoldenCase> rows) {
        Stream<GoldenCase> selected = rows;
        if (!tags.isEmpty()) {
            selected = selected.filter(this::matchesTags);
        }
        if (limit > 0) {
            selected = selected.limit(limit);
        }
        if (shard != null) {
            selected = selected.filter(shard::contains);
        }
        return selected;
    }

    /** E.g. {@code tags [refunds], limit 100, shard 2/4}, or {@code all rows}: for messages and reports. */
    @Override
    public String toString() {
        if (selectsAll()) {
            return "all rows";
        }
        StringBuilder text = new StringBuilder();
        if (!tags.isEmpty()) {
            text.append("tags ").append(tags);
        }
        if (limit > 0) {
            text.append(text.length() > 0 ? ", " : "").append("limit ").append(limit);
        }
        if (shard != null) {
            text.append(text.length() > 0 ? ", " : "").append("shard ").append(shard);
        }
        return text.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DatasetSelection other
                && tags.equals(other.tags)
                && limit == other.limit
                && Objects.equals(shard, other.shard);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tags, limit, shard);
    }
}
