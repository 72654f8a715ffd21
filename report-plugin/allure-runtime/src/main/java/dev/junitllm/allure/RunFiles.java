package dev.junitllm.allure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/** The run-level files junit-llm adds to the Allure results directory, merged with what is already there. */
final class RunFiles {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Our categories, most specific first: Allure files a failure under the first one that matches. */
    static final List<String[]> CATEGORIES = List.of(
            new String[] {"LLM: missing recording", "(?is).*(no recording|missing recording|cassette).*"},
            new String[] {"LLM: budget exceeded", "(?is).*budget.*"},
            new String[] {"LLM: judge failure", "(?is).*judge.*"},
            new String[] {"LLM: regression", "(?is).*regress.*"},
            new String[] {"LLM: pass rate below threshold", "(?is).*pass ?rate.*"});

    private RunFiles() {}

    static void writeEnvironment(Path file, JsonNode run) throws IOException {
        Map<String, String> values = new TreeMap<>();
        if (Files.isRegularFile(file)) {
            Properties existing = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                existing.load(reader);
            }
            existing.stringPropertyNames().forEach(k -> values.put(k, existing.getProperty(k)));
        }
        put(values, "llm.mode", run.path("mode"));
        StringBuilder models = new StringBuilder();
        run.path("models")
                .forEach(m -> models.append(models.length() == 0 ? "" : ", ").append(m.asText()));
        if (models.length() > 0) {
            values.put("llm.models", models.toString());
        }
        put(values, "llm.judge.model", run.path("judgeModel"));
        put(values, "llm.price.table.date", run.path("priceTableDate"));
        put(values, "llm.git.commit", run.path("gitCommit"));
        StringBuilder prompts = new StringBuilder();
        run.path("prompts")
                .forEach(p -> prompts.append(prompts.length() == 0 ? "" : ", ")
                        .append(p.path("name").asText())
                        .append('@')
                        .append(p.path("version").asText(p.path("hash").asText())));
        if (prompts.length() > 0) {
            values.put("llm.prompts", prompts.toString());
        }
        StringBuilder out = new StringBuilder();
        values.forEach((k, v) ->
                out.append(escape(k, true)).append('=').append(escape(v, false)).append('\n'));
        Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
    }

    static void writeCategories(Path file) throws IOException {
        ArrayNode categories = MAPPER.createArrayNode();
        Set<String> names = new HashSet<>();
        if (Files.isRegularFile(file)) {
            JsonNode existing = MAPPER.readTree(file.toFile());
            if (!existing.isArray()) {
                throw new IOException(file + " is not a JSON array of Allure categories");
            }
            existing.forEach(c -> {
                categories.add(c);
                names.add(c.path("name").asText());
            });
        }
        for (String[] category : CATEGORIES) {
            if (names.add(category[0])) {
                ObjectNode node = categories.addObject();
                node.put("name", category[0]);
                node.putArray("matchedStatuses").add("failed").add("broken");
                node.put("messageRegex", category[1]);
            }
        }
        Files.writeString(file, MAPPER.writeValueAsString(categories) + "\n", StandardCharsets.UTF_8);
    }

    private static void put(Map<String, String> values, String key, JsonNode value) {
        if (value.isValueNode() && !value.isNull()) {
            values.put(key, value.asText());
        }
    }

    private static String escape(String s, boolean key) {
        StringBuilder out = new StringBuilder();
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '=', ':', ' ' -> out.append(key ? "\\" + ch : String.valueOf(ch));
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
