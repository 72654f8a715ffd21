package dev.junitllm.internal.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;

class PromptFileTest {

    private static final ClassLoader LOADER = PromptFileTest.class.getClassLoader();

    @TempDir
    Path dir;

    @Test
    void versionLineIsReadAndRemoved() throws Exception {
        PromptFile prompt = PromptFile.load("prompts/support-system.v3.md", LOADER);

        assertThat(prompt.name()).isEqualTo("prompts/support-system.v3.md");
        assertThat(prompt.version()).contains("3");
        assertThat(prompt.text())
                .isEqualTo(
                        "You are the support assistant of ${company}.\nRefunds are accepted within ${refundDays} days.\n");
        assertThat(prompt.hash()).isEqualTo(sha256Prefix(resourceBytes("prompts/support-system.v3.md")));
        assertThat(prompt.hash()).hasSize(12).matches("[0-9a-f]{12}");
    }

    @Test
    void rendersNamedVariables() {
        PromptFile prompt = PromptFile.load("prompts/support-system.v3.md", LOADER);

        assertThat(prompt.render(Map.of("company", "ACME", "refundDays", 30)))
                .isEqualTo("You are the support assistant of ACME.\nRefunds are accepted within 30 days.\n");
    }

    @Test
    void frontMatterDefaultsAndEscapes() {
        PromptFile prompt = PromptFile.load("/prompts/front-matter.md", LOADER);

        assertThat(prompt.version()).contains("2.1");
        assertThat(prompt.text()).isEqualTo("Hello ${name:-there}. Write $${literal} as is.\n");
        assertThat(prompt.render(Map.of())).isEqualTo("Hello there. Write ${literal} as is.\n");
        assertThat(prompt.render(Map.of("name", "Ada"))).isEqualTo("Hello Ada. Write ${literal} as is.\n");
    }

    @Test
    void noHeaderMeansNoVersion() {
        PromptFile prompt = PromptFile.load("prompts/plain.txt", LOADER);

        assertThat(prompt.version()).isEmpty();
        assertThat(prompt.text()).isEqualTo("No header here: ${who}.\n");
    }

    @Test
    void valuesAreNotExpandedAgain() {
        PromptFile prompt = PromptFile.of("p.md", "Question: ${q}".getBytes(StandardCharsets.UTF_8));

        assertThat(prompt.render(Map.of("q", "what is ${secret}?"))).isEqualTo("Question: what is ${secret}?");
    }

    @Test
    void missingVariableNamesTheVariableAndThePrompt() {
        PromptFile prompt = PromptFile.load("prompts/support-system.v3.md", LOADER);

        assertThatThrownBy(() -> prompt.render(Map.of("company", "ACME", "days", 30)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("@Prompt [prompts/support-system.v3.md]: no value for variable 'refundDays';"
                        + " pass it to render(Map) (given: [company, days])");
    }

    @Test
    void nullValueCountsAsMissing() {
        PromptFile prompt = PromptFile.of("p.md", "Hi ${a} and ${b}".getBytes(StandardCharsets.UTF_8));
        Map<String, Object> values = new HashMap<>();
        values.put("a", "x");
        values.put("b", null);

        assertThatThrownBy(() -> prompt.render(values))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("@Prompt [p.md]: no value for variable 'b'; pass it to render(Map) (given: [a, b])");
    }

    @Test
    void hashCoversTheWholeFileIncludingHeaderAndLineEndings() {
        PromptFile a = PromptFile.of("p.md", "version: 1\nHello".getBytes(StandardCharsets.UTF_8));
        PromptFile b = PromptFile.of("p.md", "version: 2\nHello".getBytes(StandardCharsets.UTF_8));
        PromptFile c = PromptFile.of("p.md", "version: 1\r\nHello".getBytes(StandardCharsets.UTF_8));

        assertThat(a.text()).isEqualTo(b.text()).isEqualTo(c.text()).isEqualTo("Hello");
        assertThat(a.hash()).isNotEqualTo(b.hash()).isNotEqualTo(c.hash());
        // printf 'version: 1\nHello' | sha256sum
        assertThat(a.hash()).isEqualTo("603f82d65526");
        assertThat(a.hash()).isEqualTo(sha256Prefix("version: 1\nHello".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void headerEdgeCases() {
        assertThat(PromptFile.of("p", bytes("version: 3")).text()).isEmpty();
        assertThat(PromptFile.of("p", bytes("version: 3\n\n\n")).text()).isEmpty();
        assertThat(PromptFile.of("p", bytes("\uFEFFversion: 4\nHi")).version()).contains("4");
        assertThat(PromptFile.of("p", bytes("  version: 3\nHi")).version()).isEmpty();
        assertThat(PromptFile.of("p", bytes("Hi\nversion: 3\n")).version()).isEmpty();
        // a Markdown rule is not front matter
        PromptFile rule = PromptFile.of("p", bytes("---\nJust text\n---\nMore"));
        assertThat(rule.version()).isEmpty();
        assertThat(rule.text()).isEqualTo("---\nJust text\n---\nMore");
        // front matter without a version
        PromptFile noVersion = PromptFile.of("p", bytes("---\nowner: me\n---\nBody"));
        assertThat(noVersion.version()).isEmpty();
        assertThat(noVersion.text()).isEqualTo("Body");
        // unclosed front matter is left alone
        assertThat(PromptFile.of("p", bytes("---\nversion: 3\nBody")).text()).isEqualTo("---\nversion: 3\nBody");
    }

    @Test
    void loadsFromAFilePath() throws IOException {
        Path file = dir.resolve("p.md");
        Files.writeString(file, "version: 7\nHi ${x}");

        assertThat(PromptFile.load(file).version()).contains("7");
        assertThat(PromptFile.load(file).name()).isEqualTo(file.toString());
        assertThat(PromptFile.load(file.toString(), LOADER).render(Map.of("x", 1)))
                .isEqualTo("Hi 1");
    }

    @Test
    void missingFileNamesThePath() {
        assertThatThrownBy(() -> PromptFile.load("prompts/missing.md", LOADER))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage(
                        "@Prompt [prompts/missing.md]: not found as a classpath resource or as a file (working directory "
                                + Path.of("").toAbsolutePath()
                                + "); put it under src/test/resources/ or give a file path");
        Path missing = dir.resolve("missing.md");
        assertThatThrownBy(() -> PromptFile.load(missing))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@Prompt [" + missing + "]: file not found (" + missing.toAbsolutePath() + ")");
    }

    @Test
    void rendersConcurrently() throws Exception {
        PromptFile prompt = PromptFile.load("prompts/support-system.v3.md", LOADER);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    String rendered = prompt.render(Map.of("company", "C" + n, "refundDays", n));
                    return rendered.equals("You are the support assistant of C" + n + ".\nRefunds are accepted within "
                            + n + " days.\n");
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void describesItself() {
        assertThat(PromptFile.of("p.md", bytes("version: 3\nHi")))
                .hasToString("p.md v3 (" + sha256Prefix(bytes("version: 3\nHi")) + ")");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] resourceBytes(String name) throws IOException {
        try (var in = LOADER.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    private static String sha256Prefix(byte[] content) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(content))
                    .substring(0, 12);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
