package dev.junitllm.internal.engine;

import dev.junitllm.DatasetException;
import dev.junitllm.GoldenCase;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A dataset's rows as JUnit pulls them, where a dataset that cannot be read (not found, malformed
 * line) ends the rows with its error instead of failing the whole test template: the error becomes
 * one failing invocation and the dataset's gate still decides, and fails.
 */
final class DatasetRows {

    private DatasetRows() {}

    /** A row that was read, or the error that ended the reading. */
    record Read(GoldenCase row, RuntimeException failure) {}

    /** Opens the rows lazily, on the first pull; closing the result closes what was opened. */
    static Stream<Read> read(Supplier<Stream<GoldenCase>> open) {
        Reader reader = new Reader(open);
        return StreamSupport.stream(reader, false).onClose(reader::close);
    }

    private static final class Reader extends Spliterators.AbstractSpliterator<Read> {
        private final Supplier<Stream<GoldenCase>> open;
        private Stream<GoldenCase> rows;
        private Iterator<GoldenCase> iterator;
        private boolean ended;

        Reader(Supplier<Stream<GoldenCase>> open) {
            super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
            this.open = open;
        }

        @Override
        public boolean tryAdvance(Consumer<? super Read> action) {
            if (ended) {
                return false;
            }
            Read next;
            try {
                if (iterator == null) {
                    rows = open.get();
                    iterator = rows.iterator();
                }
                if (!iterator.hasNext()) {
                    ended = true;
                    return false;
                }
                next = new Read(iterator.next(), null);
            } catch (DatasetException | UncheckedIOException e) {
                ended = true;
                next = new Read(null, e);
            }
            action.accept(next);
            return true;
        }

        void close() {
            if (rows != null) {
                rows.close();
            }
        }
    }
}
