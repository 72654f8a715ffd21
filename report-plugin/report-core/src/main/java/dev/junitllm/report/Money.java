package dev.junitllm.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Formats USD amounts the way the report and the console show them: small amounts keep four
 * decimals, amounts from a dollar up keep two, and anything below a hundredth of a cent is shown as
 * {@code <$0.0001} rather than a misleading {@code $0.0000}.
 *
 * <pre>{@code
 * Money.format(0.012345)  // "$0.0123"
 * Money.format(0.00002)   // "<$0.0001"
 * Money.format(12.5)      // "$12.50"
 * Money.format(null)      // "unknown"
 * }</pre>
 */
public final class Money {

    private static final double SMALLEST_SHOWN = 0.0001;

    private Money() {}

    /** Formats an amount in USD; {@code null} (no known price) becomes {@code unknown}. */
    public static String format(Double usd) {
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

    /** Formats a difference with an explicit sign: {@code +$0.0012}, {@code -$0.50}, {@code $0}. */
    public static String formatDelta(Double usd) {
        if (usd == null || usd.isNaN()) {
            return "unknown";
        }
        String text = format(usd);
        return usd > 0 ? "+" + text : text;
    }
}
