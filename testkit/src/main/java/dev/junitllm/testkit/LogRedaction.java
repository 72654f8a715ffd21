package dev.junitllm.testkit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the command-line log hides: the value of every environment variable ending in {@code _API_KEY}
 * or {@code _API_TOKEN} (8+ characters, exact match) and the rest of a line that starts like a
 * credential header ({@code Authorization: …}, {@code x-api-key: …}, {@code api-key: …}). A small
 * copy of the extension's rules: the testkit does not depend on the extension.
 */
final class LogRedaction implements UnaryOperator<String> {
    private static final Pattern HEADER_LINE = Pattern.compile(
            "(?im)^(\\s*(?:proxy-authorization|authorization|x-api-key|api-key|api_key)\\s*:\\s*)\\S.*$");

    private final List<Map.Entry<String, String>> secrets;

    private LogRedaction(List<Map.Entry<String, String>> secrets) {
        this.secrets = secrets;
    }

    static LogRedaction of(Map<String, String> environment) {
        List<Map.Entry<String, String>> secrets = new ArrayList<>();
        environment.forEach((name, value) -> {
            if ((name.endsWith("_API_KEY") || name.endsWith("_API_TOKEN"))
                    && value != null
                    && value.strip().length() >= 8) {
                secrets.add(Map.entry(name, value.strip()));
            }
        });
        secrets.sort(Comparator.comparingInt(
                (Map.Entry<String, String> e) -> -e.getValue().length()));
        return new LogRedaction(secrets);
    }

    @Override
    public String apply(String text) {
        String result = text;
        for (Map.Entry<String, String> secret : secrets) {
            result = result.replace(secret.getValue(), "[REDACTED:" + secret.getKey() + "]");
        }
        Matcher header = HEADER_LINE.matcher(result);
        return header.find() ? header.replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "[REDACTED]")) : result;
    }
}
