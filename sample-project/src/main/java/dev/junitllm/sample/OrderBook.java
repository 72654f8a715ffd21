package dev.junitllm.sample;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ACME's orders as the copilot's {@code lookup_order} tool sees them. The demo book is computed from
 * the order number (A-1000 to A-1999), so answers are reproducible without a database.
 */
public final class OrderBook {

    /** How order numbers look. */
    public static final Pattern ORDER_ID = Pattern.compile("\\bA-\\d{4}\\b");

    /** @param id the order number */
    public Optional<String> status(String id) {
        Matcher m = ORDER_ID.matcher(id == null ? "" : id.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        int n = Integer.parseInt(id.strip().substring(2));
        if (n < 1000 || n > 1999) {
            return Optional.empty();
        }
        return Optional.of(
                switch (n % 4) {
                    case 0 -> "processing and ships within 1 business day";
                    case 1 -> "shipped with UPS and arrives in 2 business days";
                    case 2 -> "delivered, 3 days ago";
                    default -> "cancelled and the payment was refunded";
                });
    }

    /** The tool's answer for {@code id}: the status, or that no such order exists. */
    public String lookup(String id) {
        return status(id).map(s -> "Order " + id.strip() + " is " + s + ".").orElse("No order " + id + " was found.");
    }
}
