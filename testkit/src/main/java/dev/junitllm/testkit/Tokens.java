package dev.junitllm.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deterministic token counts: a word is a run of letters or digits, and a text costs {@code
 * ceil(words × 1.3)} tokens (at least 1 for an answer). Not a tokenizer; just stable, non-zero
 * numbers so costs in recordings are plausible and never change between runs.
 */
final class Tokens {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    private Tokens() {}

    static int words(String text) {
        Matcher m = WORD.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    static int ofWords(int words) {
        // Integer arithmetic: words * 1.3 in doubles lands a hair above some integers and ceil() would add one.
        return (words * 13 + 9) / 10;
    }

    /** An answer's output tokens. */
    static int output(String text) {
        return Math.max(1, ofWords(words(text)));
    }

    /** A chat request's input tokens: system prompt, every message's text and the tool definitions. */
    static int input(ScriptedRequest request) {
        JsonNode body = request.body();
        int words = words(request.system());
        for (JsonNode message : body.path("messages")) {
            String role = message.path("role").asText();
            if (request.endpoint().isAnthropic() || !(role.equals("system") || role.equals("developer"))) {
                words += words(ScriptedRequest.text(message.path("content")));
                words += words(message.path("tool_calls").toString());
            }
        }
        if (body.has("tools")) {
            words += words(body.path("tools").toString());
        }
        return Math.max(1, ofWords(words));
    }

    /**
     * The longest prefix of {@code text} (whole words, original spacing kept) that fits in {@code
     * maxTokens}, or the text itself when it fits.
     */
    static String truncate(String text, int maxTokens) {
        Matcher m = WORD.matcher(text);
        int words = 0;
        while (m.find()) {
            words++;
            if (ofWords(words) > maxTokens) {
                return text.substring(0, m.start()).stripTrailing();
            }
        }
        return text;
    }
}
