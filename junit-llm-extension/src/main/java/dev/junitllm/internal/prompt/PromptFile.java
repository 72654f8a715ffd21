package dev.junitllm.internal.prompt;

import dev.junitllm.PromptTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.text.StringSubstitutor;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * A prompt file as a {@link PromptTemplate}: immutable and safe to share between threads.
 *
 * <p>The file may declare its version in one of two ways, both removed from {@link #text()}:
 *
 * <pre>
 * version: 3
 *
 * You are the support assistant of ${company}. Refunds are accepted within ${refundDays} days.
 * </pre>
 *
 * or a front-matter block (other keys in it are ignored):
 *
 * <pre>
 * ---
 * version: 3
 * owner: support-team
 * ---
 * You are the support assistant of ${company}. ...
 * </pre>
 *
 * <p>Blank lines right after the header are removed too. {@link #hash()} is computed over the file's
 * exact bytes, header included, so any edit — even to whitespace or line endings — shows as a new
 * hash next to the results it produced.
 *
 * <p>{@link #render(Map)} replaces {@code ${name}} with the value's {@code toString()};
 * {@code ${name:-fallback}} gives a default; {@code $${name}} writes a literal {@code ${name}}.
 * Values are inserted as they are: a value containing {@code ${...}} is not expanded again.
 *
 * <pre>{@code
 * PromptTemplate p = PromptFile.load("prompts/support-system.v3.md", getClass().getClassLoader());
 * p.version();                                              // Optional[3]
 * p.hash();                                                 // "a1b2c3d4e5f6"
 * p.render(Map.of("company", "ACME", "refundDays", 30));   // "You are the support assistant of ACME. ..."
 * }</pre>
 */
public final class PromptFile implements PromptTemplate {

    private static final Pattern VERSION_LINE = Pattern.compile("version:\\s*(\\S(?:.*\\S)?)\\s*");
    private static final Pattern FRONT_MATTER_KEY = Pattern.compile("[A-Za-z0-9_.-]+:.*");

    private final String name;
    private final String version;
    private final String hash;
    private final String text;

    private PromptFile(String name, String version, String hash, String text) {
        this.name = name;
        this.version = version;
        this.hash = hash;
        this.text = text;
    }

    /**
     * Loads {@code location} as a classpath resource of {@code loader} (a leading {@code /} is
     * ignored), or, if there is none, as a file path relative to the working directory.
     *
     * @throws ExtensionConfigurationException if it is found neither way or cannot be read
     */
    public static PromptFile load(String location, ClassLoader loader) {
        Objects.requireNonNull(loader, "loader");
        String resource = location.startsWith("/") ? location.substring(1) : location;
        URL url = resource.isEmpty() ? null : loader.getResource(resource);
        try {
            if (url != null) {
                try (InputStream in = url.openStream()) {
                    return of(location, in.readAllBytes());
                }
            }
            Path file = Path.of(location);
            if (Files.isRegularFile(file)) {
                return of(location, Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new ExtensionConfigurationException(
                    "@Prompt [" + location + "]: cannot be read: " + e.getMessage(), e);
        }
        throw new ExtensionConfigurationException("@Prompt [" + location
                + "]: not found as a classpath resource or as a file (working directory "
                + Path.of("").toAbsolutePath() + "); put it under src/test/resources/ or give a file path");
    }

    /**
     * Loads a prompt file; {@link #name()} is {@code file} as given.
     *
     * @throws ExtensionConfigurationException if the file does not exist or cannot be read
     */
    public static PromptFile load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ExtensionConfigurationException(
                    "@Prompt [" + file + "]: file not found (" + file.toAbsolutePath() + ")");
        }
        try {
            return of(file.toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ExtensionConfigurationException("@Prompt [" + file + "]: cannot be read: " + e.getMessage(), e);
        }
    }

    /** A prompt from the bytes of a UTF-8 file called {@code name}. */
    public static PromptFile of(String name, byte[] content) {
        Objects.requireNonNull(name, "name");
        String hash = HexFormat.of().formatHex(sha256(content), 0, 6);
        String body = new String(content, StandardCharsets.UTF_8);
        if (body.startsWith("\uFEFF")) {
            body = body.substring(1);
        }
        String version = null;
        String[] firstLines = body.split("\\R", 2);
        Matcher versionLine = VERSION_LINE.matcher(firstLines[0]);
        if (versionLine.matches()) {
            version = unquote(versionLine.group(1));
            body = firstLines.length > 1 ? firstLines[1] : "";
            body = stripLeadingBlankLines(body);
        } else if (firstLines[0].strip().equals("---") && firstLines.length > 1) {
            FrontMatter frontMatter = frontMatter(firstLines[1]);
            if (frontMatter != null) {
                version = frontMatter.version;
                body = stripLeadingBlankLines(frontMatter.rest);
            }
        }
        return new PromptFile(name, version, hash, body);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<String> version() {
        return Optional.ofNullable(version);
    }

    @Override
    public String hash() {
        return hash;
    }

    @Override
    public String text() {
        return text;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException naming the first variable without a value (or with a {@code
     *     null} value), this prompt, and the variables that were given
     */
    @Override
    public String render(Map<String, ?> variables) {
        Objects.requireNonNull(variables, "variables");
        String[] missing = new String[1];
        StringSubstitutor substitutor = new StringSubstitutor(key -> {
            Object value = variables.get(key);
            if (value == null) {
                missing[0] = key;
                return null;
            }
            return value.toString();
        });
        substitutor.setEnableUndefinedVariableException(true);
        substitutor.setDisableSubstitutionInValues(true);
        try {
            return substitutor.replace(text);
        } catch (IllegalArgumentException e) {
            // Commons Text throws right after the lookup that came back empty, so `missing` names it.
            throw new IllegalArgumentException(
                    "@Prompt [" + name + "]: no value for variable '" + missing[0] + "'; pass it to render(Map)"
                            + " (given: " + new TreeSet<>(variables.keySet()) + ")",
                    e);
        }
    }

    @Override
    public String toString() {
        return name + (version == null ? "" : " v" + version) + " (" + hash + ")";
    }

    private record FrontMatter(String version, String rest) {}

    /** Parses "key: value" lines up to a closing "---"; null if this is not a front-matter block. */
    private static FrontMatter frontMatter(String afterOpening) {
        String version = null;
        String rest = afterOpening;
        while (true) {
            String[] split = rest.split("\\R", 2);
            String line = split[0];
            if (line.strip().equals("---")) {
                return new FrontMatter(version, split.length > 1 ? split[1] : "");
            }
            if (split.length < 2
                    || !(line.isBlank()
                            || FRONT_MATTER_KEY.matcher(line.strip()).matches())) {
                return null;
            }
            Matcher versionLine = VERSION_LINE.matcher(line.strip());
            if (versionLine.matches()) {
                version = unquote(versionLine.group(1));
            }
            rest = split[1];
        }
    }

    private static String unquote(String value) {
        boolean quoted = value.length() >= 2
                && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"));
        return quoted ? value.substring(1, value.length() - 1) : value;
    }

    private static String stripLeadingBlankLines(String text) {
        String rest = text;
        while (true) {
            String[] split = rest.split("\\R", 2);
            if (split.length < 2 || !split[0].isBlank()) {
                return split.length < 2 && split[0].isBlank() ? "" : rest;
            }
            rest = split[1];
        }
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
