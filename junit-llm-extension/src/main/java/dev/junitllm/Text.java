package dev.junitllm;

/** Small text helpers shared by messages and display names. */
final class Text {
    private Text() {}

    static String abbreviate(String s, int max) {
        if (s == null) {
            return "";
        }
        String oneLine = s.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 1) + "…";
    }
}
