package dev.junitllm.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldenPromotionTest {

    @TempDir
    Path dir;

    @Test
    void onlyTheExpectedValueOfThatRowChangesEveryOtherByteStays() throws Exception {
        String before = "{\"id\":\"a\",\"input\":\"Q1\",\"expected\":\"old \\\"one\\\"\",\"tags\":[\"x\"]}\n"
                + "{\"id\": \"b\", \"input\": \"Q2\", \"expected\": \"keep\"}\r\n"
                + "\n"
                + "{\"id\":\"c\",\"input\":\"Q3 — ü\",\"expected\":{\"nested\":[1,2]},\"fact\":\"f\"}\r\n"
                + "{\"id\":\"d\",\"input\":\"Q4\"}";
        Path file = dir.resolve("refunds.jsonl");
        Files.writeString(file, before, StandardCharsets.UTF_8);

        GoldenPromotion.promote(file, "a", "Within 30 days.\nSee \"policy\".");
        GoldenPromotion.promote(file, "c", "ü new");
        GoldenPromotion.promote(file, "d", "added");

        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .isEqualTo(
                        "{\"id\":\"a\",\"input\":\"Q1\",\"expected\":\"Within 30 days.\\nSee \\\"policy\\\".\",\"tags\":[\"x\"]}\n"
                                + "{\"id\": \"b\", \"input\": \"Q2\", \"expected\": \"keep\"}\r\n"
                                + "\n"
                                + "{\"id\":\"c\",\"input\":\"Q3 — ü\",\"expected\":\"ü new\",\"fact\":\"f\"}\r\n"
                                + "{\"id\":\"d\",\"input\":\"Q4\",\"expected\":\"added\"}");
    }

    @Test
    void anUnknownIdOrAnotherFormatIsAClearError() throws Exception {
        Path file = dir.resolve("refunds.jsonl");
        Files.writeString(file, "{\"id\":\"a\",\"expected\":\"x\"}\n");
        assertThatThrownBy(() -> GoldenPromotion.promote(file, "zz", "y"))
                .hasMessageContaining("No row with id 'zz' in");
        Path csv = dir.resolve("refunds.csv");
        Files.writeString(csv, "id,expected\na,x\n");
        assertThatThrownBy(() -> GoldenPromotion.promote(csv, "a", "y"))
                .hasMessageContaining("supports JSONL datasets")
                .hasMessageContaining("edit its expected value by hand");
        assertThat(Files.readString(csv)).isEqualTo("id,expected\na,x\n");
    }
}
