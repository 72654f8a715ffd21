package dev.junitllm.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * The human labels of one dataset, committed next to it: {@code src/test/resources/llm-labels/} plus
 * the dataset's resource path with the extension {@code .jsonl} (dataset {@code datasets/refunds.csv}
 * → {@code llm-labels/datasets/refunds.jsonl}). One {@link HumanLabel} a line, keys in a fixed order,
 * lines sorted by case id, model, criterion and answer hash, so the file is stable and a review shows up in a
 * pull request as added or changed lines:
 *
 * <pre>{@code
 * {"caseId":"refund-03","criterion":"States the 30-day refund window","answerHash":"9c1f0a7e3b2d4c58","label":"fail","note":"Says 14 days","reviewer":"ana","date":"2026-12-01"}
 * }</pre>
 *
 * <pre>{@code
 * List<HumanLabel> labels = LabelsFile.read(Path.of("src/test/resources/llm-labels/datasets/refunds.jsonl"));
 * LabelsFile.upsert(file, List.of(newLabel));   // replaces a label with the same key, keeps the rest
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL)
public final class LabelsFile {

    /** Where labels live unless {@code llm.labels.dir} says otherwise. */
    public static final String DEFAULT_DIR = "src/test/resources/llm-labels";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> FIELDS =
            Set.of("caseId", "model", "criterion", "answerHash", "label", "note", "reviewer", "date");
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{16}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final String FORMAT =
            "each line is {\"caseId\":…,\"model\":… (optional),\"criterion\":…,\"answerHash\":…,"
                    + "\"label\":\"pass\"|\"fail\",\"note\":… (optional),\"reviewer\":…,\"date\":\"yyyy-mm-dd\"}";

    private LabelsFile() {}

    /**
     * The hash a label keys its answer by: SHA-256 of the answer's UTF-8 bytes (line ends normalised to
     * {@code \n}), the first 16 hex digits.
     *
     * <pre>{@code
     * LabelsFile.hash("No. Our refund window is 30 days.");   // 16 hex digits
     * }</pre>
     */
    public static String hash(String answer) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(answer.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * The hash a label keys a judge verdict by when the verdict depends on more than the answer (RAG and
     * pairwise checks): {@link #hash(String)} of the answer alone when nothing else is given, else the
     * same hash of one JSON object {@code {"answer":…,"question":…,"context":[…],"expected":…,
     * "otherAnswer":…}} (absent parts left out, line ends normalised to {@code \n}), so that a change to
     * the context, the expected answer, the question or the other answer makes an earlier label stale.
     *
     * <pre>{@code
     * LabelsFile.hash(answer, null, List.of("Refunds within 30 days."), null, null);   // answer + context
     * }</pre>
     *
     * @param question the question the verdict depends on, or null
     * @param context the passages the verdict depends on, or null / empty
     * @param expected the expected answer the verdict depends on, or null
     * @param otherAnswer the answer this one was compared with, or null
     */
    public static String hash(
            String answer, String question, List<String> context, String expected, String otherAnswer) {
        if (question == null && (context == null || context.isEmpty()) && expected == null && otherAnswer == null) {
            return hash(answer);
        }
        com.fasterxml.jackson.databind.node.ObjectNode judged = MAPPER.createObjectNode();
        judged.put("answer", lf(answer));
        if (question != null) {
            judged.put("question", lf(question));
        }
        if (context != null && !context.isEmpty()) {
            com.fasterxml.jackson.databind.node.ArrayNode passages = judged.putArray("context");
            context.forEach(p -> passages.add(lf(p)));
        }
        if (expected != null) {
            judged.put("expected", lf(expected));
        }
        if (otherAnswer != null) {
            judged.put("otherAnswer", lf(otherAnswer));
        }
        return hash(judged.toString());
    }

    private static String lf(String text) {
        return text == null ? null : text.replace("\r\n", "\n");
    }

    /**
     * The labels file of a dataset, relative to the labels folder: the dataset's resource path with
     * the extension {@code .jsonl}.
     *
     * <pre>{@code
     * LabelsFile.relativePath("datasets/refunds.csv");   // "datasets/refunds.jsonl"
     * }</pre>
     */
    public static String relativePath(String dataset) {
        String path = dataset.replace('\\', '/');
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        return (dot > slash ? path.substring(0, dot) : path) + ".jsonl";
    }

    /**
     * Reads a labels file; a missing file has no labels.
     *
     * @throws IllegalArgumentException naming the file and line of a malformed or duplicate label
     * @throws UncheckedIOException when the file exists but cannot be read
     */
    public static List<HumanLabel> read(Path file) {
        try {
            return parse(Files.newBufferedReader(file, StandardCharsets.UTF_8), file.toString());
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the labels file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses labels from text; {@code name} is used in error messages. */
    public static List<HumanLabel> parse(String text, String name) {
        try {
            return parse(new StringReader(text), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<HumanLabel> parse(Reader in, String name) throws IOException {
        List<HumanLabel> labels = new ArrayList<>();
        Map<String, Integer> lineOfKey = new HashMap<>();
        try (BufferedReader reader = new BufferedReader(in)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String where = name + " line " + number;
                HumanLabel label = parseLine(line, where);
                String key = key(label);
                Integer earlier = lineOfKey.putIfAbsent(key, number);
                if (earlier != null) {
                    throw new IllegalArgumentException(where + ": a second label for case '" + label.caseId()
                            + (label.model() == null ? "" : "' of model '" + label.model())
                            + "', criterion '" + label.criterion() + "', answer " + label.answerHash()
                            + " (the first is on line " + earlier + "); keep one of the two lines");
                }
                labels.add(label);
            }
        }
        return List.copyOf(labels);
    }

    private static HumanLabel parseLine(String line, String where) {
        JsonNode row;
        try {
            row = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    where + ": not valid JSON (" + e.getOriginalMessage() + "); " + FORMAT, e);
        }
        if (row == null || !row.isObject()) {
            throw new IllegalArgumentException(where + ": expected a JSON object; " + FORMAT);
        }
        for (Iterator<String> names = row.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException(where + ": unknown field '" + field + "'; " + FORMAT);
            }
        }
        String caseId = text(row, "caseId", where, true);
        String criterion = text(row, "criterion", where, true);
        String answerHash = text(row, "answerHash", where, true);
        if (!HASH.matcher(answerHash).matches()) {
            throw new IllegalArgumentException(where + ": 'answerHash' must be 16 lower-case hex digits"
                    + " (LabelsFile.hash of the answer) but was \"" + answerHash + "\"");
        }
        String label = text(row, "label", where, true);
        if (!HumanLabel.PASS.equals(label) && !HumanLabel.FAIL.equals(label)) {
            throw new IllegalArgumentException(
                    where + ": 'label' must be \"pass\" or \"fail\" but was \"" + label + "\"");
        }
        String date = text(row, "date", where, true);
        if (!DATE.matcher(date).matches()) {
            throw new IllegalArgumentException(
                    where + ": 'date' must be an ISO date yyyy-mm-dd but was \"" + date + "\"");
        }
        return new HumanLabel(
                caseId,
                criterion,
                answerHash,
                label,
                text(row, "note", where, false),
                text(row, "reviewer", where, true),
                date,
                text(row, "model", where, false));
    }

    private static String text(JsonNode row, String field, String where, boolean required) {
        JsonNode value = row.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new IllegalArgumentException(where + ": missing field '" + field + "'; " + FORMAT);
            }
            return null;
        }
        if (!value.isTextual() || (required && value.asText().isBlank())) {
            throw new IllegalArgumentException(
                    where + ": field '" + field + "' must be a non-empty string but was " + value + "; " + FORMAT);
        }
        return value.asText();
    }

    /** One label per case, model, criterion and answer. */
    private static String key(HumanLabel l) {
        return l.caseId() + "\u0000" + l.model() + "\u0000" + l.criterion() + "\u0000" + l.answerHash();
    }

    /** The file's text for {@code labels}: sorted by case id, criterion and answer hash, one a line. */
    public static String format(List<HumanLabel> labels) {
        StringBuilder out = new StringBuilder();
        labels.stream()
                .sorted(Comparator.comparing(HumanLabel::caseId)
                        .thenComparing(HumanLabel::model, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(HumanLabel::criterion)
                        .thenComparing(HumanLabel::answerHash))
                .forEach(l -> {
                    try {
                        out.append(MAPPER.writeValueAsString(l)).append('\n');
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException(e);
                    }
                });
        return out.toString();
    }

    /** Writes {@code labels} to {@code file} (atomically, creating its folder). */
    public static void write(Path file, List<HumanLabel> labels) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            AtomicFiles.writeString(file, format(labels));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the labels file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Adds {@code added} to the labels in {@code file}: a label with the same case, model, criterion
     * and answer hash as an existing one replaces it; the others stay. Returns all labels now in the file.
     */
    public static List<HumanLabel> upsert(Path file, List<HumanLabel> added) {
        Map<String, HumanLabel> byKey = new LinkedHashMap<>();
        for (HumanLabel l : read(file)) {
            byKey.put(key(l), l);
        }
        for (HumanLabel l : added) {
            byKey.put(key(l), l);
        }
        List<HumanLabel> all = new ArrayList<>(byKey.values());
        write(file, all);
        return List.copyOf(all);
    }
}
