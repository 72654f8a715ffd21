package dev.junitllm.assertions.internal;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Locale;

/** Number and text formatting shared by the verdict reasons, so every check reads the same. */
public final class Format {
    private Format() {}

    /** Three decimals, dot separator. */
    public static String fmt(double d) {
        return String.format(Locale.ROOT, "%.3f", d);
    }

    /** Dollars without trailing zeros or exponent: {@code 0.0213}. */
    public static String usd(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    public static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    public static String quote(String s) {
        return "\"" + s + "\"";
    }

    public static String quoteAll(Collection<String> items) {
        return String.join(", ", items.stream().map(Format::quote).toList());
    }

    /** Rejects a threshold outside 0..1, naming it. */
    public static void requireUnit(double value, String name) {
        if (value < 0 || value > 1) {
            throw new IllegalArgumentException(name + " must be within 0..1 but was " + value);
        }
    }
}
