package dev.junitllm.internal.util;

import java.util.regex.Pattern;

/** Small text helpers shared by messages and display names. */
public final class Text {
    private Text() {}

    /** Compiled once: {@code String.replaceAll} would compile it for every display name. */
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    public static String abbreviate(String s, int max) {
        if (s == null) {
            return "";
        }
        String oneLine = WHITESPACE.matcher(s).replaceAll(" ").strip();
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 1) + "…";
    }
}
