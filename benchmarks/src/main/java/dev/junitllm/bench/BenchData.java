package dev.junitllm.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * The generated datasets. Their paths are relative to the working directory of the benchmark JVM
 * ({@code benchmarks/target/bench}), because {@code @GoldenDataset} values are compile-time constants.
 */
final class BenchData {
    private BenchData() {}

    static final String REPLAY = "datasets/replay-2000.jsonl";
    static final int REPLAY_ROWS = 2_000;
    static final String LIVE = "datasets/live-2000.jsonl";
    static final int LIVE_ROWS = 2_000;
    static final String MEMORY = "datasets/memory-10000.jsonl";
    static final int MEMORY_ROWS = 10_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] ITEMS = {"running shoes", "kettle", "winter coat", "desk lamp", "phone case"};

    /** The input of row {@code n} (from 1): distinct per row, so every recording has its own key. */
    static String input(int n) {
        return String.format(
                Locale.ROOT,
                "Order #%d: I bought a %s %d days ago and it does not fit my needs. What is the refund window,"
                        + " do I need the receipt, and who pays for the return shipping?",
                n,
                ITEMS[n % ITEMS.length],
                n % 40);
    }

    /** The expected (and scripted) answer of row {@code n}: a realistic few hundred characters. */
    static String answer(int n) {
        return String.format(
                Locale.ROOT,
                "Thanks for reaching out about order #%d. You can return the %s within 30 days of delivery"
                        + " for a full refund to the original payment method. A receipt is not required: the order"
                        + " number is enough. Return shipping is free when you use the prepaid label from your"
                        + " account page; refunds are issued within 5 business days after the item arrives at"
                        + " our warehouse. Sale items follow the same 30-day window.",
                n,
                ITEMS[n % ITEMS.length]);
    }

    /** {@code text} as a JSON string literal. */
    static String quoted(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code rows} rows of {@code id, input, expected, tags} as JSONL, unless already there. */
    static Path write(Path workDir, String relative, int rows) {
        Path file = workDir.resolve(relative);
        try {
            if (Files.isRegularFile(file) && Files.size(file) > 0) {
                return file;
            }
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                for (int n = 1; n <= rows; n++) {
                    ObjectNode row = JSON.createObjectNode();
                    row.put("id", String.format(Locale.ROOT, "case-%05d", n));
                    row.put("input", input(n));
                    row.put("expected", answer(n));
                    row.putArray("tags").add("refunds").add(n % 2 == 0 ? "even" : "odd");
                    out.write(JSON.writeValueAsString(row));
                    out.newLine();
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the benchmark dataset " + file, e);
        }
    }
}
