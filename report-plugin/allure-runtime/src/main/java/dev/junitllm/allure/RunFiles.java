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

    /** One Allure category as written to {@code categories.json}. */
    record Category(String name, String messageRegex, List<String> matchedStatuses) {}

    private static final List<String> FAILED = List.of("failed");
    private static final List<String> FAILED_OR_BROKEN = List.of("failed", "broken");

    /** Starts the gate test's message ({@code GateExtension}). */
    private static final String GATE = "Dataset gate failed: ";

    /** Starts a replay miss's message ({@code Cassette.missingMessage}, also inside an SDK's wrapper). */
    private static final String MISSING = "No recording in cassette \\[|MissingRecordingException";

    /** Starts {@code BudgetExceededException}'s message. */
    private static final String BUDGET = "Budget reached: ";

    /** A judge verdict that failed ("the judge's score was …") or a judge that broke ("The judge … gave"). */
    private static final String JUDGE = "(?i:\\bjudge)";

    /** A case of several samples below its pass rate ({@code FailureSummary}: "1 of 3 samples passed (…"). */
    private static final String SAMPLES = "\\d+ of \\d+ samples passed \\(";

    /**
     * Our categories. Allure matches {@code messageRegex} against the whole status message with {@link
     * java.util.regex.Pattern#DOTALL} and files a result under <em>every</em> category that matches, so
     * each regex excludes the ones before it: a gate failure listing a judge's critique is a gate
     * failure, a replay miss inside a judge call is a missing recording.
     */
    static final List<Category> CATEGORIES = List.of(
            new Category("LLM: dataset gate failed", GATE + ".*", FAILED),
            new Category("LLM: missing recording", "(?!" + GATE + ").*(?:" + MISSING + ").*", FAILED_OR_BROKEN),
            new Category(
                    "LLM: budget exceeded",
                    "(?!" + GATE + ")(?!.*(?:" + MISSING + ")).*" + BUDGET + ".*",
                    FAILED_OR_BROKEN),
            new Category(
                    "LLM: judge failure",
                    "(?!" + GATE + ")(?!.*(?:" + MISSING + "|" + BUDGET + ")).*" + JUDGE + ".*",
                    FAILED_OR_BROKEN),
            new Category("LLM: regression", "(?is).*regress.*", FAILED_OR_BROKEN),
            new Category(
                    "LLM: pass rate below threshold",
                    "(?!" + GATE + ")(?!.*(?:" + MISSING + "|" + BUDGET + "|" + JUDGE + ")).*" + SAMPLES + ".*",
                    FAILED));

    /**
     * The regexes earlier releases wrote under our names: an entry with one of them is ours, from a run
     * whose results were not cleaned, and is replaced; any other entry of one of our names is the
     * project's own and wins.
     */
    private static final Map<String, String> EARLIER = Map.of(
            "LLM: missing recording", "(?is).*(no recording|missing recording|cassette).*",
            "LLM: budget exceeded", "(?is).*budget.*",
            "LLM: judge failure", "(?is).*judge.*",
            "LLM: pass rate below threshold", "(?is).*pass ?rate.*");

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
                String name = c.path("name").asText();
                String regex = c.path("messageRegex").asText(null);
                boolean ours = CATEGORIES.stream()
                        .anyMatch(o -> o.name().equals(name)
                                && (o.messageRegex().equals(regex)
                                        || regex != null && regex.equals(EARLIER.get(name))));
                if (!ours) {
                    categories.add(c);
                    names.add(name);
                }
            });
        }
        for (Category category : CATEGORIES) {
            if (names.add(category.name())) {
                ObjectNode node = categories.addObject();
                node.put("name", category.name());
                ArrayNode statuses = node.putArray("matchedStatuses");
                category.matchedStatuses().forEach(statuses::add);
                node.put("messageRegex", category.messageRegex());
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
