package dev.junitllm.results;

import dev.junitllm.stats.Interval;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * How junit-llm shows money and rates to people, in one place so that the console summary, the Maven
 * plugin, the Allure transcript and the report data print the same strings. (The report's JavaScript
 * formats amounts for its charts on its own; it follows these rules.) Small amounts keep four
 * decimals, amounts from a dollar up keep two, anything below a hundredth of a cent is {@code <$0.0001}
 * rather than a misleading {@code $0.0000}, and an unknown amount says so.
 *
 * <pre>{@code
 * Formats.money(0.012345)                         // "$0.0123"
 * Formats.money(0.00002)                          // "<$0.0001"
 * Formats.money(12.5)                             // "$12.50"
 * Formats.money(null)                             // "unknown"
 * Formats.moneyDelta(0.0012)                      // "+$0.0012"
 * Formats.percent(0.6401, 1)                      // "64.0%"
 * Formats.interval(Interval.wilson(16, 25), 1)    // "44.5-79.8%"
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL)
public final class Formats {

    private static final double SMALLEST_SHOWN = 0.0001;

    private Formats() {}

    /** An amount in USD; {@code null} (no known price) becomes {@code unknown}. */
    public static String money(Double usd) {
        if (usd == null || usd.isNaN()) {
            return "unknown";
        }
        double value = usd;
        String sign = value < 0 ? "-" : "";
        double abs = Math.abs(value);
        if (abs == 0) {
            return "$0";
        }
        if (abs < SMALLEST_SHOWN) {
            return sign + "<$0.0001";
        }
        int scale = abs >= 1 ? 2 : 4;
        return sign + "$"
                + BigDecimal.valueOf(abs).setScale(scale, RoundingMode.HALF_UP).toPlainString();
    }

    /** A difference with an explicit sign: {@code +$0.0012}, {@code -$0.50}, {@code $0}. */
    public static String moneyDelta(Double usd) {
        if (usd == null || usd.isNaN()) {
            return "unknown";
        }
        String text = money(usd);
        return usd > 0 ? "+" + text : text;
    }

    /** A rate on 0..1 as a percentage with {@code decimals} decimals: {@code 64.0%}. */
    public static String percent(double rate, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f%%", 100 * rate);
    }

    /** An interval on 0..1 as percentages: {@code 44.5-79.8%}. */
    public static String interval(Interval interval, int decimals) {
        return String.format(
                Locale.ROOT, "%." + decimals + "f-%." + decimals + "f%%", 100 * interval.low(), 100 * interval.high());
    }
}
