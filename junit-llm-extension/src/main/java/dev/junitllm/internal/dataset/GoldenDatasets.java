package dev.junitllm.internal.dataset;

import dev.junitllm.DatasetException;
import dev.junitllm.GoldenCase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Opens golden datasets as lazy streams of {@link GoldenCase}s. Rows are parsed one at a time as the
 * stream is consumed, so a 10,000-row file is never parsed up front, and errors in a row surface when
 * that row is reached. Close the stream (try-with-resources) to release the file early; it is also
 * released when the last row has been read or a row fails.
 *
 * <pre>{@code
 * try (Stream<GoldenCase> rows = GoldenDatasets.open("datasets/refunds.jsonl", getClass().getClassLoader())) {
 *     rows.filter(c -> c.tags().contains("refunds")).forEach(c -> ...);
 * }
 * }</pre>
 *
 * <p>The format follows the extension: {@code .jsonl}/{@code .ndjson} (one JSON object per line),
 * {@code .csv} (header row; {@code context} and {@code tags} cells as {@code a|b|c} or as a JSON
 * list), {@code .yaml}/{@code .yml} (a top-level list of mappings). Files are read as UTF-8. A row
 * without an {@code id} gets {@code line-N}, N being the line it starts on.
 */
public final class GoldenDatasets {
    private GoldenDatasets() {}

    /**
     * Opens {@code location} as a classpath resource of {@code loader} (a leading {@code /} is
     * ignored), or, if there is none, as a file path relative to the working directory.
     *
     * @throws DatasetException if the format is unknown or the dataset is found neither way; later,
     *     while streaming, for malformed rows, duplicate ids and an empty dataset
     */
    public static Stream<GoldenCase> open(String location, ClassLoader loader) {
        Objects.requireNonNull(loader, "loader");
        DatasetFormat format = DatasetFormat.of(location);
        String resource = location.startsWith("/") ? location.substring(1) : location;
        URL url = resource.isEmpty() ? null : loader.getResource(resource);
        try {
            if (url != null) {
                return stream(location, format, url.openStream());
            }
            Path file = Path.of(location);
            if (Files.isRegularFile(file)) {
                return stream(location, format, Files.newInputStream(file));
            }
        } catch (IOException e) {
            throw new DatasetException(location, 0, 0, "cannot be opened: " + e.getMessage(), e);
        }
        throw DatasetException.of(
                location,
                "not found as a classpath resource or as a file (working directory "
                        + Path.of("").toAbsolutePath() + "); put it under src/test/resources/ or give a file path");
    }

    /**
     * Opens a dataset file; messages name it by {@code file} as given.
     *
     * @throws DatasetException if the format is unknown or the file does not exist
     */
    public static Stream<GoldenCase> open(Path file) {
        String location = file.toString();
        DatasetFormat format = DatasetFormat.of(location);
        if (!Files.isRegularFile(file)) {
            throw DatasetException.of(location, "file not found (" + file.toAbsolutePath() + ")");
        }
        try {
            return stream(location, format, Files.newInputStream(file));
        } catch (IOException e) {
            throw new DatasetException(location, 0, 0, "cannot be opened: " + e.getMessage(), e);
        }
    }

    /**
     * Reads rows from {@code in} in the given format; {@code name} is used in messages and in
     * {@link GoldenCase#source()}. The stream owns {@code in} and closes it.
     */
    public static Stream<GoldenCase> open(String name, DatasetFormat format, InputStream in) {
        return stream(name, format, in);
    }

    /**
     * A short display name for a case: its id, a colon and the start of its input on one line, cut at
     * {@code maxInputChars} with an ellipsis, e.g. {@code refund-03: Can I return shoes after…}.
     */
    public static String displayName(GoldenCase c, int maxInputChars) {
        String input = c.input().strip().replaceAll("\\s+", " ");
        if (input.length() > maxInputChars) {
            int end = Math.max(0, maxInputChars);
            if (end > 0 && Character.isHighSurrogate(input.charAt(end - 1))) {
                end--;
            }
            input = input.substring(0, end).stripTrailing() + "…";
        }
        return c.id() + ": " + input;
    }

    /** Spreadsheet tools often start UTF-8 files with a BOM; it would otherwise become part of the first field. */
    private static void skipByteOrderMark(String name, BufferedReader reader) {
        try {
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
        } catch (IOException e) {
            try {
                reader.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new DatasetException(name, 0, 0, "cannot be read: " + e.getMessage(), e);
        }
    }

    private static Stream<GoldenCase> stream(String name, DatasetFormat format, InputStream in) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        skipByteOrderMark(name, reader);
        RowSource source;
        switch (format) {
            case JSONL:
                source = new JsonlRows(name, reader);
                break;
            case CSV:
                source = new CsvRows(name, reader);
                break;
            case YAML:
                source = new YamlRows(name, reader);
                break;
            default:
                throw new IllegalStateException("Unhandled format " + format);
        }
        DatasetIterator rows = new DatasetIterator(name, source, new RowMapper(name, format));
        return StreamSupport.stream(
                        Spliterators.spliteratorUnknownSize(rows, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(rows::close);
    }
}
