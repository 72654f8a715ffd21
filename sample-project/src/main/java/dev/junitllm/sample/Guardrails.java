package dev.junitllm.sample;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the copilot checks before a message reaches the model: known prompt-injection phrasings are
 * deflected without a model call, and payment cards, e-mail addresses and phone numbers are masked so
 * they never leave ACME.
 */
public final class Guardrails {

    /** The answer to a message that tries to take over the assistant. */
    public static final String DEFLECTION =
            "I can't do that, but I'm happy to help with your ACME orders, refunds, shipping, account or warranty.";

    private static final List<Pattern> INJECTIONS = List.of(
            Pattern.compile("\\b(ignore|disregard|forget)\\b.{0,40}\\b(instructions|rules|prompt|guidelines)\\b"),
            Pattern.compile("\\b(system|hidden|initial) (prompt|instructions|message)\\b"),
            Pattern.compile("\\b(reveal|print|repeat|show|output)\\b.{0,30}\\b(instructions|prompt|reference code)\\b"),
            Pattern.compile("\\b(developer|god|jailbreak|dan) mode\\b"),
            Pattern.compile("\\byou are (now|no longer)\\b"),
            Pattern.compile("\\bpretend (you are|to be)\\b"));
    private static final Pattern CARD = Pattern.compile("\\b(?:\\d[ -]?){12,18}\\d\\b");
    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");
    private static final Pattern PHONE =
            Pattern.compile("(?<![\\w-])(?:\\+?\\d{1,2}[ .-]?)?\\(?\\d{3}\\)?[ .-]\\d{3}[ .-]\\d{4}\\b");

    private Guardrails() {}

    /** The injection pattern {@code message} matches, if any (case ignored). */
    public static Optional<String> injection(String message) {
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        return INJECTIONS.stream()
                .filter(p -> p.matcher(lower).find())
                .map(Pattern::pattern)
                .findFirst();
    }

    /** {@code text} with payment cards (Luhn-valid), e-mail addresses and phone numbers masked. */
    public static String maskPii(String text) {
        Matcher cards = CARD.matcher(text);
        StringBuilder out = new StringBuilder();
        while (cards.find()) {
            String digits = cards.group().replaceAll("[ -]", "");
            String replacement =
                    luhn(digits) ? "[card ending " + digits.substring(digits.length() - 4) + "]" : cards.group();
            cards.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        cards.appendTail(out);
        String masked = EMAIL.matcher(out).replaceAll("[email]");
        return PHONE.matcher(masked).replaceAll("[phone]");
    }

    static boolean luhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        return sum % 10 == 0;
    }
}
