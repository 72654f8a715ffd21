package dev.junitllm.maven;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Allure results one report is generated from: a fresh copy of only this build's files of the
 * results directory (earlier builds' test results, attachments and history never mix in; history comes
 * only from the configured history directory), to which the {@code report} goal adds its own files and,
 * on each newly failing case's test result, an "Old vs new answer" attachment.
 */
final class StagedResults {

    /** Name of the attachment added to a newly failing case's Allure test result. */
    static final String OLD_VS_NEW = "Old vs new answer";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path dir;
    private final int copied;
    private final int leftOut;

    private StagedResults(Path dir, int copied, int leftOut) {
        this.dir = dir;
        this.copied = copied;
        this.leftOut = leftOut;
    }

    /**
     * Copies the regular files of {@code results} (not its {@code history/}) last modified at or after
     * {@code notBefore} (all when null) into {@code staging}, which is emptied first.
     */
    static StagedResults stage(Path results, Path staging, Instant notBefore) throws IOException {
        AllureCommandline.deleteTree(staging);
        Files.createDirectories(staging);
        int copied = 0;
        int leftOut = 0;
        if (Files.isDirectory(results)) {
            List<Path> files;
            try (Stream<Path> list = Files.list(results)) {
                files = list.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path file : files) {
                if (notBefore != null
                        && Files.getLastModifiedTime(file).toInstant().isBefore(notBefore)) {
                    leftOut++;
                    continue;
                }
                Files.copy(file, staging.resolve(file.getFileName().toString()));
                copied++;
            }
        }
        return new StagedResults(staging, copied, leftOut);
    }

    Path dir() {
        return dir;
    }

    /** Files of this build copied from the results directory. */
    int copied() {
        return copied;
    }

    /** Files of earlier builds left out. */
    int leftOut() {
        return leftOut;
    }

    /**
     * Attaches "Old vs new answer" to the Allure test result of every newly failing case of {@code
     * comparison} (the summary's {@code baseline} node), matched by test class and method, the {@code
     * case id} parameter and the {@code model} label.
     *
     * @return how many test results got the attachment
     */
    int attachOldVsNew(JsonNode comparison) throws IOException {
        JsonNode newlyFailing = comparison == null ? null : comparison.path("newlyFailing");
        if (newlyFailing == null || !newlyFailing.isArray() || newlyFailing.isEmpty()) {
            return 0;
        }
        Map<String, JsonNode> byKey = new HashMap<>();
        for (JsonNode change : newlyFailing) {
            byKey.put(
                    key(
                            change.path("testId").asText(),
                            change.path("caseId").asText(),
                            change.path("model").asText()),
                    change);
        }
        List<Path> results;
        try (Stream<Path> list = Files.list(dir)) {
            results = list.filter(f -> f.getFileName().toString().endsWith("-result.json"))
                    .sorted()
                    .toList();
        }
        int attached = 0;
        for (Path file : results) {
            JsonNode tree;
            try {
                tree = MAPPER.readTree(file.toFile());
            } catch (IOException e) {
                continue; // not ours to judge; Allure reports unreadable results itself
            }
            if (!(tree instanceof ObjectNode result)) {
                continue;
            }
            JsonNode change = byKey.get(key(result));
            if (change == null) {
                continue;
            }
            String uuid =
                    result.path("uuid").asText(file.getFileName().toString().replace("-result.json", ""));
            String source = uuid + "-old-vs-new-attachment.html";
            Files.writeString(dir.resolve(source), html(change), StandardCharsets.UTF_8);
            ArrayNode attachments =
                    result.has("attachments") && result.get("attachments").isArray()
                            ? (ArrayNode) result.get("attachments")
                            : result.putArray("attachments");
            attachments
                    .addObject()
                    .put("name", OLD_VS_NEW)
                    .put("source", source)
                    .put("type", "text/html");
            MAPPER.writeValue(file.toFile(), result);
            attached++;
        }
        return attached;
    }

    private static String key(String testId, String caseId, String model) {
        return testId + "\u0000" + caseId + "\u0000" + model;
    }

    private static String key(JsonNode result) {
        String testClass = null;
        String testMethod = null;
        String model = null;
        for (JsonNode label : result.path("labels")) {
            switch (label.path("name").asText()) {
                case "testClass" -> testClass = label.path("value").asText();
                case "testMethod" -> testMethod = label.path("value").asText();
                case "model" -> model = label.path("value").asText();
                default -> {}
            }
        }
        String caseId = null;
        for (JsonNode parameter : result.path("parameters")) {
            if ("case id".equals(parameter.path("name").asText())) {
                caseId = parameter.path("value").asText();
            }
        }
        if (testClass == null || testMethod == null || caseId == null || model == null) {
            return "";
        }
        return key(testClass + "#" + testMethod, caseId, model);
    }

    /** A self-contained fragment (inline styles only): it is shown as an attachment and in the LLM block. */
    static String html(JsonNode change) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {
            "model", change.path("beforeModel").asText(), change.path("model").asText()
        });
        rows.add(new String[] {
            "status",
            change.path("beforeStatus").asText(),
            change.path("afterStatus").asText()
        });
        rows.add(new String[] {
            "answer",
            change.has("baselineAnswer") ? change.path("baselineAnswer").asText() : "(answer not recorded)",
            change.has("answer") ? change.path("answer").asText() : "(answer not recorded)"
        });
        rows.add(new String[] {"reasons", reasons(change.path("baselineReasons")), reasons(change.path("reasons"))});
        String cell = "style=\"border:1px solid #ccc;padding:4px 8px;vertical-align:top;white-space:pre-wrap\"";
        StringBuilder html = new StringBuilder();
        html.append("<div data-llm=\"old-vs-new\">");
        html.append("<p><b>Newly failing against the baseline:</b> ")
                .append(escape(change.path("dataset").asText()))
                .append(" / ")
                .append(escape(change.path("caseId").asText()))
                .append("</p>");
        html.append("<table style=\"border-collapse:collapse\"><tr><th ")
                .append(cell)
                .append("></th><th ")
                .append(cell)
                .append(">baseline</th><th ")
                .append(cell)
                .append(">this run</th></tr>");
        for (String[] row : rows) {
            html.append("<tr><th ").append(cell).append('>').append(row[0]).append("</th>");
            html.append("<td ")
                    .append(cell)
                    .append(" data-llm=\"old-")
                    .append(row[0])
                    .append("\">")
                    .append(escape(row[1]))
                    .append("</td>");
            html.append("<td ")
                    .append(cell)
                    .append(" data-llm=\"new-")
                    .append(row[0])
                    .append("\">")
                    .append(escape(row[2]))
                    .append("</td></tr>");
        }
        html.append("</table></div>\n");
        return html.toString();
    }

    private static String reasons(JsonNode reasons) {
        List<String> all = new ArrayList<>();
        reasons.forEach(r -> all.add(r.asText()));
        return all.isEmpty() ? "(none)" : String.join("\n", all);
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
