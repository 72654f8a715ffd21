package dev.junitllm.assertions.internal.safety;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds personal data in text: e-mail addresses, payment card numbers (Luhn-checked), IBANs
 * (mod-97-checked), US social security numbers and phone numbers. Checksums keep order numbers and
 * other long digit runs from being reported as cards or IBANs.
 */
public final class Pii {

    /** One finding: its type, the text found and where. */
    public record Finding(String type, String text, int start) {
        @Override
        public String toString() {
            return type + " \"" + text + "\" at " + start;
        }
    }

    private static final Pattern EMAIL =
            Pattern.compile("(?<![\\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final Pattern CARD = Pattern.compile("(?<![\\d-])\\d(?:[ -]?\\d){12,18}(?![\\d-])");
    private static final Pattern IBAN =
            Pattern.compile("(?<![A-Za-z0-9])[A-Z]{2}\\d{2}(?: ?[A-Z0-9]){11,30}(?![A-Za-z0-9])");
    private static final Pattern SSN =
            Pattern.compile("(?<![\\d-])(?!000|666|9\\d\\d)\\d{3}-(?!00)\\d{2}-(?!0000)\\d{4}(?![\\d-])");
    private static final Pattern PHONE = Pattern.compile(
            "(?<![\\w+])(?:\\+\\d{1,3}[ .-]?)?(?:\\(\\d{1,4}\\)[ .-]?)?\\d{2,4}(?:[ .-]?\\d{2,4}){2,4}(?!\\w)");

    private Pii() {}

    public static List<Finding> scan(String text) {
        List<Finding> findings = new ArrayList<>();
        List<int[]> taken = new ArrayList<>();
        collect(EMAIL, "EMAIL", text, findings, taken, s -> true);
        collect(IBAN, "IBAN", text, findings, taken, Pii::ibanValid);
        collect(CARD, "CREDIT_CARD", text, findings, taken, s -> luhnValid(digits(s)));
        collect(SSN, "US_SSN", text, findings, taken, s -> true);
        collect(PHONE, "PHONE", text, findings, taken, Pii::phoneLike);
        findings.sort(Comparator.comparingInt(Finding::start));
        return findings;
    }

    private interface Check {
        boolean test(String s);
    }

    private static void collect(
            Pattern pattern, String type, String text, List<Finding> findings, List<int[]> taken, Check check) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            int start = m.start();
            int end = m.end();
            boolean overlaps = taken.stream().anyMatch(t -> start < t[1] && end > t[0]);
            if (!overlaps && check.test(m.group())) {
                findings.add(new Finding(type, m.group(), start));
                taken.add(new int[] {start, end});
            }
        }
    }

    public static String digits(String s) {
        return s.replaceAll("\\D", "");
    }

    public static boolean luhnValid(String digits) {
        if (digits.length() < 13 || digits.length() > 19) {
            return false;
        }
        int sum = 0;
        boolean doubleIt = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }

    /** ISO 13616: move the first four characters to the end, letters to 10..35, the number mod 97 is 1. */
    public static boolean ibanValid(String candidate) {
        String iban = candidate.replace(" ", "").toUpperCase(Locale.ROOT);
        if (iban.length() < 15 || iban.length() > 34) {
            return false;
        }
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        int remainder = 0;
        for (char c : rearranged.toCharArray()) {
            int value = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            if (value < 0 || value > 35) {
                return false;
            }
            remainder = value > 9 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
        }
        return remainder == 1;
    }

    /**
     * 8 to 15 digits after a {@code +country} prefix, or 10 to 15 digits written with separators. A bare
     * run of digits is more often an order or tracking number than a phone number, and a date-like run
     * is a date.
     */
    private static boolean phoneLike(String s) {
        int n = digits(s).length();
        if (s.startsWith("+")) {
            return n >= 8 && n <= 15;
        }
        boolean separated = s.chars().anyMatch(c -> c == ' ' || c == '-' || c == '.' || c == '(');
        return separated && n >= 10 && n <= 15 && !s.matches("\\d{4}-\\d{2}-\\d{2}.*");
    }
}
