package dev.junitllm.assertions.error;

import java.util.Locale;

/** Formats scores the same way in every message: three decimals, dot separator. */
final class Scores {
    private Scores() {}

    static String format(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
