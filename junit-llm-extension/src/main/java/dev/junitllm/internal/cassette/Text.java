package dev.junitllm.internal.cassette;

/** Small string helpers for messages. */
final class Text {
    private Text() {}

    /** One line, at most {@code max} characters, ending with an ellipsis when cut. */
    static String abbreviate(String text, int max) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= max ? line : line.substring(0, max - 1) + "…";
    }
}
