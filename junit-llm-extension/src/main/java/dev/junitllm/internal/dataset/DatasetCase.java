package dev.junitllm.internal.dataset;

import dev.junitllm.GoldenCase;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable {@link GoldenCase}: what {@link GoldenDatasets} produces for each row, and a way to
 * build cases by hand in tests.
 *
 * <pre>{@code
 * GoldenCase c = DatasetCase.builder("refund-01", "Can I return shoes after 20 days?")
 *         .expected("Yes, within 30 days.")
 *         .tags(List.of("refunds"))
 *         .field("channel", "email")
 *         .build();
 * }</pre>
 */
public final class DatasetCase implements GoldenCase {

    private final String id;
    private final String input;
    private final String expected;
    private final List<String> context;
    private final Set<String> tags;
    private final Map<String, String> fields;
    private final String source;

    private DatasetCase(Builder builder) {
        this.id = builder.id;
        this.input = builder.input;
        this.expected = builder.expected;
        this.context = List.copyOf(builder.context);
        this.tags = Collections.unmodifiableSet(new LinkedHashSet<>(builder.tags));
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(builder.fields));
        this.source = builder.source;
    }

    /** Starts a case with its id and input; everything else is optional. */
    public static Builder builder(String id, String input) {
        return new Builder(id, input);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String input() {
        return input;
    }

    @Override
    public String expected() {
        return expected;
    }

    @Override
    public List<String> context() {
        return context;
    }

    @Override
    public Set<String> tags() {
        return tags;
    }

    /**
     * Any field the row has, as written: text as is, numbers and booleans as their literal, lists and
     * objects as compact JSON. The standard fields ({@code input}, {@code expected}, ...) are there too.
     * A generated id is not a field of the row.
     */
    @Override
    public Optional<String> get(String field) {
        return Optional.ofNullable(fields.get(field));
    }

    /** The names of all fields the row has, in file order. */
    public Set<String> fieldNames() {
        return fields.keySet();
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DatasetCase other
                && id.equals(other.id)
                && input.equals(other.input)
                && expected.equals(other.expected)
                && context.equals(other.context)
                && tags.equals(other.tags)
                && fields.equals(other.fields)
                && source.equals(other.source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, input, expected, context, tags, fields, source);
    }

    @Override
    public String toString() {
        return "GoldenCase[" + id + " at " + source + "]";
    }

    /** Builds a {@link DatasetCase}. Not thread-safe; the built case is. */
    public static final class Builder {
        private final String id;
        private final String input;
        private String expected = "";
        private List<String> context = List.of();
        private Collection<String> tags = List.of();
        private final Map<String, String> fields = new LinkedHashMap<>();
        private String source = "";

        private Builder(String id, String input) {
            this.id = Objects.requireNonNull(id, "id");
            this.input = Objects.requireNonNull(input, "input");
        }

        /** The reference answer; default empty. */
        public Builder expected(String expected) {
            this.expected = Objects.requireNonNull(expected, "expected");
            return this;
        }

        /** Retrieved passages; default none. */
        public Builder context(List<String> context) {
            this.context = List.copyOf(context);
            return this;
        }

        /** Tags for selection; default none. Order is kept, duplicates dropped. */
        public Builder tags(Collection<String> tags) {
            this.tags = List.copyOf(tags);
            return this;
        }

        /** A field reachable with {@link GoldenCase#get(String)}. */
        public Builder field(String name, String value) {
            fields.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Where the case came from, e.g. {@code datasets/refunds.jsonl:17}; default empty. */
        public Builder source(String source) {
            this.source = Objects.requireNonNull(source, "source");
            return this;
        }

        public DatasetCase build() {
            return new DatasetCase(this);
        }
    }
}
