package dev.junitllm.internal.dataset;

import dev.junitllm.DatasetException;
import java.io.Closeable;
import java.io.IOException;

/** Reads a dataset's rows one at a time, so a large file is never parsed up front. */
interface RowSource extends Closeable {

    /**
     * The next row, or {@code null} after the last one.
     *
     * @throws DatasetException for malformed input, naming the line
     */
    RawRow next() throws IOException;
}
