package dev.junitllm.assertions.internal.judge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junitllm.assertions.internal.structure.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A versioned judge prompt: {@code judge/<name>.v<version>.md} (a {@code # system} and a {@code #
 * user} section with {@code {{placeholders}}}) plus {@code judge/<name>.v<version>.schema.json}, the
 * JSON schema the judge's answer must follow.
 */
public final class JudgePrompt {
    public static final JudgePrompt RUBRIC = load("rubric", 1);
    public static final JudgePrompt GRADED = load("graded", 1);
    public static final JudgePrompt PAIRWISE = load("pairwise", 1);
    public static final JudgePrompt FAITHFULNESS = load("faithfulness", 1);
    public static final JudgePrompt ANSWER_RELEVANCY = load("answer-relevancy", 1);
    public static final JudgePrompt CONTEXT_RECALL = load("context-recall", 1);
    public static final JudgePrompt TOXICITY = load("toxicity", 1);

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z_]+)}}");
    // Material that tries to close our own tags early would let it pose as instructions.
    private static final Pattern OUR_TAGS =
            Pattern.compile("<(/?(?:criterion|rubric|question|reference|answer|answer_a|answer_b|context)\\s*>)");

    private final String name;
    private final int version;
    private final String system;
    private final String user;
    private final JsonNode schema;

    private JudgePrompt(String name, int version, String system, String user, JsonNode schema) {
        this.name = name;
        this.version = version;
        this.system = system;
        this.user = user;
        this.schema = schema;
    }

    public static JudgePrompt load(String name, int version) {
        String base = "judge/" + name + ".v" + version;
        String text = resource(base + ".md");
        int system = text.indexOf("\n# system\n");
        int user = text.indexOf("\n# user\n");
        if (system < 0 || user < system) {
            throw new IllegalStateException(base + ".md needs a '# system' section followed by a '# user' section");
        }
        JsonNode schema = Json.parseSchema(resource(base + ".schema.json"));
        return new JudgePrompt(
                name,
                version,
                text.substring(system + "\n# system\n".length(), user).strip(),
                text.substring(user + "\n# user\n".length()).strip(),
                schema);
    }

    private static String resource(String path) {
        try (InputStream in = JudgePrompt.class.getResourceAsStream("/dev/junitllm/assertions/" + path)) {
            if (in == null) {
                throw new IllegalStateException(
                        "judge prompt resource dev/junitllm/assertions/" + path + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code name.vN}, e.g. {@code rubric.v1}. */
    public String id() {
        return name + ".v" + version;
    }

    /** The response_format name: {@code [A-Za-z0-9_-]}. */
    public String schemaName() {
        return "junit_llm_" + name.replace('-', '_') + "_v" + version;
    }

    public JsonNode schema() {
        return schema;
    }

    public String system() {
        return system;
    }

    /** The user message with every placeholder replaced; a missing variable is a programming error. */
    public String renderUser(Map<String, String> variables) {
        Matcher m = PLACEHOLDER.matcher(user);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = variables.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException(
                        "judge prompt " + id() + " needs a value for {{" + m.group(1) + "}}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(neutralise(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    public static String neutralise(String value) {
        return OUR_TAGS.matcher(value).replaceAll("&lt;$1");
    }
}
