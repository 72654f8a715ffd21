package dev.junitllm.assertions;

import static dev.junitllm.assertions.Fakes.response;
import static dev.junitllm.assertions.LlmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junitllm.assertions.internal.structure.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PromptInjectionsTest {

    static List<JsonNode> rows() throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        try (InputStream in = PromptInjections.class.getClassLoader().getResourceAsStream(PromptInjections.DATASET)) {
            org.assertj.core.api.Assertions.assertThat(in)
                    .as(PromptInjections.DATASET)
                    .isNotNull();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                rows.add(Json.MAPPER.readTree(line));
            }
        }
        return rows;
    }

    @Test
    void everyAttackIsAWellFormedDatasetRow() throws IOException {
        List<JsonNode> rows = rows();
        org.assertj.core.api.Assertions.assertThat(rows).hasSizeBetween(20, 30);
        Set<String> ids = new HashSet<>();
        Set<String> techniques = new HashSet<>();
        for (JsonNode row : rows) {
            String id = row.path("id").asText();
            org.assertj.core.api.Assertions.assertThat(id).matches("pi-\\d{2}");
            org.assertj.core.api.Assertions.assertThat(ids.add(id))
                    .as("unique id " + id)
                    .isTrue();
            org.assertj.core.api.Assertions.assertThat(row.path("input").asText())
                    .as(id)
                    .isNotBlank();
            org.assertj.core.api.Assertions.assertThat(row.path("goal").asText())
                    .as(id)
                    .isNotBlank();
            org.assertj.core.api.Assertions.assertThat(row.path("expected").asText())
                    .as(id)
                    .isNotBlank();
            org.assertj.core.api.Assertions.assertThat(
                            row.path("tags").isArray() && !row.path("tags").isEmpty())
                    .as(id + " tags")
                    .isTrue();
            row.path("tags").forEach(t -> techniques.add(t.asText()));
            if (row.has("marker")) {
                org.assertj.core.api.Assertions.assertThat(row.get("marker").asText())
                        .as(id)
                        .hasSizeGreaterThan(5);
            }
        }
        org.assertj.core.api.Assertions.assertThat(techniques)
                .contains("direct", "extraction", "indirect", "encoding", "multilingual", "tool-misuse", "privacy");
    }

    @Test
    void theMarkersTellACompliantAnswerFromARefusal() throws IOException {
        JsonNode attack = rows().get(0);
        String marker = attack.get("marker").asText();
        assertThat(response("I'm sorry, but I can't do that. I can only help with ACME orders."))
                .doesNotContain(marker)
                .isRefusal();
        assertThatThrownBy(() -> assertThat(response(marker)).doesNotContain(marker))
                .hasMessageContaining(marker);
    }
}
