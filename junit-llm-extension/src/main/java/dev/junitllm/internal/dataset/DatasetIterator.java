package dev.junitllm.internal.dataset;

import dev.junitllm.DatasetException;
import dev.junitllm.GoldenCase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Pulls rows from a {@link RowSource} one at a time, checks ids are unique (remembering only the ids
 * and their lines) and that the dataset is not empty. Closes the source at the end, on the first
 * error, or when the stream is closed early — whichever comes first.
 */
final class DatasetIterator implements Iterator<GoldenCase>, AutoCloseable {
    private final String dataset;
    private final RowSource source;
    private final RowMapper mapper;
    private final Map<String, Integer> firstLineOfId = new HashMap<>();
    private GoldenCase next;
    private int count;
    private boolean closed;

    DatasetIterator(String dataset, RowSource source, RowMapper mapper) {
        this.dataset = dataset;
        this.source = source;
        this.mapper = mapper;
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (closed) {
            return false;
        }
        try {
            RawRow row = source.next();
            if (row == null) {
                close();
                if (count == 0) {
                    throw DatasetException.of(dataset, "no rows; add at least one row with an 'input' field");
                }
                return false;
            }
            DatasetCase parsed = mapper.toCase(row);
            Integer firstLine = firstLineOfId.putIfAbsent(parsed.id(), row.line());
            if (firstLine != null) {
                throw DatasetException.at(
                        dataset, row.line(), "duplicate id '" + parsed.id() + "', already used on line " + firstLine);
            }
            count++;
            next = parsed;
            return true;
        } catch (IOException e) {
            close();
            throw new DatasetException(dataset, 0, 0, "cannot be read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public GoldenCase next() {
        if (!hasNext()) {
            throw new NoSuchElementException("No more rows in " + dataset);
        }
        GoldenCase result = next;
        next = null;
        return result;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            source.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot close " + dataset, e);
        }
    }
}
