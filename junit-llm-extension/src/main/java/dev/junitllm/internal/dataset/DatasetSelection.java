package dev.junitllm.internal.dataset;

import dev.junitllm.GoldenCase;
import dev.junitllm.LlmConfiguration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Which dataset rows run, from four configuration keys, applied in this order:
 *
 * <ol>
 *   <li>{@value LlmConfiguration#DATASET_IDS}: comma-separated case ids; only those rows run (an id
 *       that is not in a dataset but close to one of its ids is an error naming the close ids, see
 *       {@link #unknownIds});
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
    public static final DatasetSelection ALL = new DatasetSelection(null, Set.of(), 0, null);

    /** Ids this far apart (in edits) or less count as a typo of each other. */
    private static final int CLOSE = 2;

    /** Null: any id. */
    private final Set<String> ids;

    private final Set<String> tags;
    private final int limit;
    private final Shard shard;

    private DatasetSelection(Set<String> ids, Set<String> tags, int limit, Shard shard) {
        this.ids = ids;
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
        DatasetSelection selection = parse(
                parameters.apply(LlmConfiguration.DATASET_TAGS).orElse(null),
                parameters.apply(LlmConfiguration.DATASET_LIMIT).orElse(null),
                parameters.apply(LlmConfiguration.SHARD).orElse(null));
        Set<String> ids = split(parameters.apply(LlmConfiguration.DATASET_IDS).orElse(null));
        return ids.isEmpty() ? selection : selection.withIds(ids);
    }

    private static Set<String> split(String list) {
        Set<String> out = new LinkedHashSet<>();
        if (list != null) {
            for (String item : list.split(",", -1)) {
                if (!item.isBlank()) {
                    out.add(item.strip());
                }
            }
        }
        return out;
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
        Set<String> tagSet = split(tags);
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
        return new DatasetSelection(null, Collections.unmodifiableSet(tagSet), max, parsedShard);
    }

    /** A copy that keeps only the rows with these ids (none, if empty). */
    public DatasetSelection withIds(Set<String> ids) {
        return new DatasetSelection(Collections.unmodifiableSet(new LinkedHashSet<>(ids)), tags, limit, shard);
    }

    /** A copy that keeps rows having any of {@code tags}. */
    public DatasetSelection withTags(Set<String> tags) {
        return new DatasetSelection(ids, Collections.unmodifiableSet(new LinkedHashSet<>(tags)), limit, shard);
    }

    /** A copy that keeps the first {@code limit} rows after the tag filter; must be at least 1. */
    public DatasetSelection withLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("The limit must be at least 1, but was " + limit);
        }
        return new DatasetSelection(ids, tags, limit, shard);
    }

    /** A copy that keeps the rows of {@code shard}. */
    public DatasetSelection withShard(Shard shard) {
        return new DatasetSelection(ids, tags, limit, Objects.requireNonNull(shard, "shard"));
    }

    /** The ids a row must have one of, if selected by id. */
    public Optional<Set<String>> ids() {
        return Optional.ofNullable(ids);
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
        return ids == null && tags.isEmpty() && limit == 0 && shard == null;
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
        return apply(rows, id -> {});
    }

    /**
     * As {@link #apply(Stream)}, telling {@code seen} the id of every row read (selected or not), for
     * {@link #unknownIds}.
     */
    public Stream<GoldenCase> apply(Stream<GoldenCase> rows, Consumer<String> seen) {
        Stream<GoldenCase> selected = rows;
        if (ids != null) {
            selected = selected.peek(row -> seen.accept(row.id())).filter(row -> ids.contains(row.id()));
        }
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

    /**
     * The selected ids missing from a dataset whose rows have the ids {@code seen}, that look like
     * typos of its ids, e.g. {@code [refund-14 (close: refund-014, refund-041)]}. An id far from every
     * id of this dataset is taken to belong to another dataset of the run and is not reported.
     */
    public List<String> unknownIds(Collection<String> seen) {
        List<String> unknown = new ArrayList<>();
        if (ids == null) {
            return unknown;
        }
        LevenshteinDistance distance = new LevenshteinDistance(CLOSE);
        for (String id : ids) {
            if (seen.contains(id)) {
                continue;
            }
            List<String> close = seen.stream()
                    .filter(known -> distance.apply(id, known) >= 0)
                    .sorted(Comparator.comparingInt((String known) -> distance.apply(id, known))
                            .thenComparing(Comparator.naturalOrder()))
                    .limit(5)
                    .toList();
            if (!close.isEmpty()) {
                unknown.add(id + " (close: " + String.join(", ", close) + ")");
            }
        }
        return unknown;
    }

    /** E.g. {@code tags [refunds], limit 100, shard 2/4}, or {@code all rows}: for messages and reports. */
    @Override
    public String toString() {
        if (selectsAll()) {
            return "all rows";
        }
        StringBuilder text = new StringBuilder();
        if (ids != null) {
            text.append("ids ").append(ids);
        }
        if (!tags.isEmpty()) {
            text.append(text.length() > 0 ? ", " : "");
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
                && Objects.equals(ids, other.ids)
                && tags.equals(other.tags)
                && limit == other.limit
                && Objects.equals(shard, other.shard);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ids, tags, limit, shard);
    }
}
