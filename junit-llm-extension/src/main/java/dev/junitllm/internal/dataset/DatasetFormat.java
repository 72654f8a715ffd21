package dev.junitllm.internal.dataset;

import dev.junitllm.DatasetException;
import java.util.Locale;

/**
 * The file formats a golden dataset can have, chosen by the file's extension.
 *
 * <pre>{@code
 * DatasetFormat.of("datasets/refunds.yaml");   // YAML
 * DatasetFormat.of("datasets/refunds.txt");    // DatasetException naming the allowed extensions
 * }</pre>
 */
public enum DatasetFormat {
    /** One JSON object per line: {@code .jsonl} or {@code .ndjson}. */
    JSONL,
    /** A header row, then one row per line: {@code .csv}. */
    CSV,
    /** A top-level list of mappings: {@code .yaml} or {@code .yml}. */
    YAML;

    /**
     * The format of {@code location}, by its extension (case-insensitive).
     *
     * @throws DatasetException if the extension is none of {@code .jsonl .ndjson .csv .yaml .yml}
     */
    public static DatasetFormat of(String location) {
        String name = location.substring(Math.max(location.lastIndexOf('/'), location.lastIndexOf('\\')) + 1);
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot).toLowerCase(Locale.ROOT);
        switch (extension) {
            case ".jsonl":
            case ".ndjson":
                return JSONL;
            case ".csv":
                return CSV;
            case ".yaml":
            case ".yml":
                return YAML;
            default:
                throw DatasetException.of(
                        location,
                        (extension.isEmpty()
                                        ? "unknown format (no file extension)"
                                        : "unknown format '" + extension + "'")
                                + "; use .jsonl, .ndjson, .csv, .yaml or .yml");
        }
    }
}
