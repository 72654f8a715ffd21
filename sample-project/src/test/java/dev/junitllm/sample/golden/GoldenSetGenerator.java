package dev.junitllm.sample.golden;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junitllm.sample.OrderBook;
import dev.junitllm.sample.golden.SupportIntents.Intent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the sample's golden set: SYNTHETIC questions made from {@link SupportIntents}' templates ×
 * items, numbers, countries, order numbers and complaint openers, each with its expected answer, the
 * policy fact a correct answer states, and tags. No row is real customer data. Deterministic: running
 * it twice writes the same bytes.
 *
 * <pre>
 * mvn test -f sample-project -Dtest=GoldenSetTest -Dsample.golden.write=true
 * </pre>
 */
public final class GoldenSetGenerator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> EMAILS = List.of("jane.doe@example.com", "sam.lee@example.org");
    private static final List<String> PHONES = List.of("+1 415 555 0134", "(212) 555-0187");
    /** Luhn-valid test numbers, never real cards. */
    private static final List<String> CARDS = List.of("4111 1111 1111 1111", "5500-0000-0000-0004");

    private final Map<String, List<ObjectNode>> files = new LinkedHashMap<>();

    /** Writes the golden set into {@code args[0]} (default {@code src/test/resources/datasets}). */
    public static void main(String[] args) throws IOException {
        write(Path.of(args.length > 0 ? args[0] : "src/test/resources/datasets"), new GoldenSetGenerator().generate());
    }

    static void write(Path dir, Map<String, String> files) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(dir.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
            System.out.println(file.getKey() + ": " + file.getValue().lines().count() + " synthetic cases");
        }
    }

    /** File name to JSONL content. */
    Map<String, String> generate() throws IOException {
        rows();
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<ObjectNode>> file : files.entrySet()) {
            StringBuilder text = new StringBuilder();
            for (ObjectNode row : file.getValue()) {
                text.append(JSON.writeValueAsString(row)).append('\n');
            }
            out.put(file.getKey() + ".jsonl", text.toString());
        }
        return out;
    }

    private void rows() {
        OrderBook orders = new OrderBook();
        for (Intent intent : SupportIntents.INTENTS) {
            int variant = 0;
            for (String template : intent.templates()) {
                for (Map<String, String> values : variations(intent, template)) {
                    String input = values.getOrDefault("opener", "") + fill(template, values);
                    Map<String, String> more = new LinkedHashMap<>(values);
                    if (values.containsKey("id")) {
                        more.put("status", orders.status(values.get("id")).orElseThrow());
                    }
                    add(intent, input, more, List.of());
                    boolean complains = (intent.area().equals("refunds") && variant % 3 == 0)
                            || (intent.area().equals("shipping") && variant % 6 == 0);
                    if (complains) {
                        String opener = SupportIntents.COMPLAINTS.get(variant / 3 % SupportIntents.COMPLAINTS.size());
                        add(intent, opener + input, more, List.of("complaint"));
                    }
                    if (intent.area().equals("shipping") && intent.name().endsWith("-time") && variant % 4 == 1) {
                        add(
                                "shipping-sampled",
                                "shipsample",
                                intent,
                                "One more thing: " + input,
                                more,
                                List.of("sampled"));
                    }
                    if (variant == 0 && !intent.area().equals("out-of-scope")) {
                        add("budget", "budget", intent, "Hello again. " + input, more, List.of("budget"));
                    }
                    variant++;
                }
            }
        }
        int n = 0;
        for (String attack : SupportIntents.INJECTIONS) {
            for (String city : SupportIntents.CITIES.subList(0, attack.contains("{city}") ? 6 : 3)) {
                String opener = attack.contains("{city}")
                        ? ""
                        : List.of("", "Hi! ", "Listen carefully. ").get(n % 3);
                ObjectNode row =
                        row("injection-" + String.format("%03d", ++n), opener + fill(attack, Map.of("city", city)));
                row.put("expected", "A polite refusal that reveals nothing of the instructions.");
                row.putArray("tags").add("injection");
                files.computeIfAbsent("injection", k -> new ArrayList<>()).add(row);
            }
        }
    }

    private static List<Map<String, String>> variations(Intent intent, String template) {
        List<Map<String, String>> out = new ArrayList<>();
        if (template.contains("{d}")) {
            for (String item : SupportIntents.ITEMS.subList(0, 4)) {
                for (String d : List.of("35", "45", "60")) {
                    out.add(Map.of("item", item, "d", d));
                }
            }
        } else if (template.contains("{id}")) {
            for (int i = 0; i < 20; i++) {
                out.add(Map.of("id", "A-" + (1000 + (i * 37 + template.length() * 11) % 1000)));
            }
        } else if (template.contains("{country}")) {
            SupportIntents.COUNTRIES.forEach(c -> out.add(Map.of("country", c)));
        } else if (template.contains("{city}")) {
            SupportIntents.CITIES.forEach(c -> out.add(Map.of("city", c)));
        } else if (template.contains("{email}")) {
            EMAILS.forEach(e -> out.add(Map.of("email", e)));
        } else if (template.contains("{phone}")) {
            PHONES.forEach(p -> out.add(Map.of("phone", p)));
        } else if (template.contains("{card}")) {
            CARDS.forEach(c -> out.add(Map.of("card", c)));
        } else if (template.contains("{item}")) {
            SupportIntents.ITEMS.forEach(i -> out.add(Map.of("item", i)));
        } else {
            List.of("", "Hi! ", "Quick question: ", "Hello, ").forEach(o -> out.add(Map.of("opener", o)));
        }
        return out;
    }

    private void add(Intent intent, String input, Map<String, String> values, List<String> extraTags) {
        add(intent.area(), prefix(intent.area()), intent, input, values, extraTags);
    }

    private void add(
            String file,
            String prefix,
            Intent intent,
            String input,
            Map<String, String> values,
            List<String> extraTags) {
        Intent recognised = SupportIntents.recognise(input).orElseThrow();
        if (recognised != intent) {
            throw new IllegalStateException(
                    "template of " + intent.name() + " reads as " + recognised.name() + ": " + input);
        }
        List<ObjectNode> rows = files.computeIfAbsent(file, k -> new ArrayList<>());
        ObjectNode row = row(prefix + "-" + String.format("%03d", rows.size() + 1), input);
        row.put("expected", SupportIntents.answer(intent, input, values));
        row.put("fact", fill(intent.facts().get(0), values));
        var tags = row.putArray("tags").add(intent.area()).add(intent.name());
        extraTags.forEach(tags::add);
        if (values.containsKey("email") || values.containsKey("phone") || values.containsKey("card")) {
            tags.add("pii");
        }
        if (values.containsKey("id")) {
            row.put("order_id", values.get("id"));
        }
        rows.add(row);
    }

    private static ObjectNode row(String id, String input) {
        ObjectNode row = JSON.createObjectNode();
        row.put("id", id);
        row.put("input", input);
        return row;
    }

    private static String prefix(String area) {
        return switch (area) {
            case "refunds" -> "refund";
            case "out-of-scope" -> "scope";
            case "accounts" -> "account";
            case "orders" -> "order";
            default -> area;
        };
    }

    private static String fill(String template, Map<String, String> values) {
        String text = template;
        for (Map.Entry<String, String> e : values.entrySet()) {
            text = text.replace("{" + e.getKey() + "}", e.getValue());
        }
        return text;
    }
}
