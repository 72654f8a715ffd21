package dev.junitllm.internal.cost;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junitllm.LlmConfiguration;
import dev.junitllm.ModelId;
import dev.junitllm.Usage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Model prices: the bundled, dated table ({@code dev/junitllm/internal/cost/prices.json}) plus an optional
 * override file named by {@code llm.prices}. A model without a price costs "unknown" ({@code null}),
 * never 0, and is reported once as a warning.
 *
 * <pre>{@code
 * PriceTable prices = PriceTable.load(key -> Optional.ofNullable(System.getProperty(key)));
 * Double usd = prices.costUsd(ModelId.parse("openai:gpt-4o-mini"), "gpt-4o-mini-2024-07-18", usage);
 * }</pre>
 *
 * <p>The file format (bundled and override alike), prices in USD per 1M tokens:
 *
 * <pre>{@code
 * {
 *   "date": "2026-07-01",
 *   "source": "where the prices come from",
 *   "models": {
 *     "gpt-4o-mini":      { "input": 0.15, "cachedInput": 0.075, "output": 0.60 },
 *     "claude-haiku-4-5": { "input": 1.00, "cachedInput": 0.10, "cacheWrite": 1.25, "output": 5.00 },
 *     "openai:my-finetune": { "input": 0.30, "output": 1.20 },
 *     "ollama:*":         { "input": 0, "output": 0 }
 *   }
 * }
 * }</pre>
 *
 * <p>A key is a model name (any provider), {@code provider:model} (that provider only, wins over the
 * bare name) or {@code provider:*} (every model of that provider). Override entries replace bundled
 * entries of the same key; other bundled entries stay. Dated names the providers report ({@code
 * gpt-4o-mini-2024-07-18}, {@code claude-haiku-4-5-20251001}) fall back to their undated name.
 */
public final class PriceTable {

    private static final Logger LOG = Logger.getLogger(PriceTable.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUNDLED = "prices.json";
    private static final Set<String> PRICE_FIELDS = Set.of("input", "cachedInput", "cacheWrite", "output");
    // -2024-07-18, -20251001, -2024-07-18-preview is left alone on purpose (a different product)
    private static final Pattern DATE_SUFFIX = Pattern.compile("-(\\d{4}-\\d{2}-\\d{2}|\\d{8})$");

    /** The bundled file, parsed once per JVM. */
    private static volatile PriceTable bundledTable;

    private final Map<String, Price> prices;
    private final String date;
    private final String source;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    private PriceTable(Map<String, Price> prices, String date, String source) {
        this.prices = Map.copyOf(prices);
        this.date = date;
        this.source = source;
    }

    /** The bundled table alone. */
    public static PriceTable bundled() {
        PriceTable parsed = bundledTable;
        if (parsed == null) {
            parsed = readBundled(); // two threads may both read it once: harmless
            bundledTable = parsed;
        }
        return new PriceTable(parsed.prices, parsed.date, parsed.source); // its own set of warnings
    }

    private static PriceTable readBundled() {
        try (InputStream in = PriceTable.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException(
                        "the bundled price table dev/junitllm/internal/cost/prices.json is missing");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "bundled prices.json", null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The bundled table, overridden by the file named in {@code llm.prices} when set.
     *
     * @throws IllegalArgumentException when the file is missing or malformed, naming the key, the file
     *     and the entry
     */
    public static PriceTable load(Function<String, Optional<String>> config) {
        PriceTable table = bundled();
        Optional<String> file =
                config.apply(LlmConfiguration.PRICES).map(String::strip).filter(s -> !s.isEmpty());
        if (file.isEmpty()) {
            return table;
        }
        Path path = Path.of(file.get());
        String text;
        try {
            text = Files.readString(path);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    LlmConfiguration.PRICES + " [" + file.get() + "]: cannot read the price file (" + e
                            + "); give the path of a JSON file in the prices.json format");
        }
        return table.overriddenBy(parse(text, LlmConfiguration.PRICES + " [" + file.get() + "]", table.date));
    }

    /** A table from JSON text in the format above; {@code origin} names it in error messages. */
    public static PriceTable parse(String json, String origin) {
        return parse(json, origin, null);
    }

    private static PriceTable parse(String json, String origin, String defaultDate) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    origin + ": not valid JSON at line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !root.path("models").isObject()) {
            throw new IllegalArgumentException(origin + ": expected an object with a \"models\" object, e.g. "
                    + "{\"date\":\"2026-07-01\",\"models\":{\"gpt-4o-mini\":{\"input\":0.15,\"output\":0.60}}}");
        }
        Map<String, Price> prices = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.get("models").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            prices.put(e.getKey(), price(origin, e.getKey(), e.getValue()));
        }
        String date = root.hasNonNull("date") ? root.get("date").asText() : defaultDate;
        if (date == null) {
            throw new IllegalArgumentException(
                    origin + ": missing \"date\" (when the prices were checked, e.g. 2026-07-01)");
        }
        return new PriceTable(prices, date, root.path("source").asText(""));
    }

    private static Price price(String origin, String key, JsonNode entry) {
        String where = origin + " model [" + key + "]: ";
        if (!entry.isObject()) {
            throw new IllegalArgumentException(where + "expected an object like {\"input\":0.15,\"output\":0.60}");
        }
        for (Iterator<String> names = entry.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!PRICE_FIELDS.contains(name)) {
                throw new IllegalArgumentException(
                        where + "unknown field \"" + name + "\"; allowed are input, cachedInput, cacheWrite, output");
            }
        }
        try {
            return new Price(
                    required(where, entry, "input"),
                    optional(where, entry, "cachedInput"),
                    optional(where, entry, "cacheWrite"),
                    required(where, entry, "output"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + e.getMessage(), e);
        }
    }

    private static double required(String where, JsonNode entry, String field) {
        Double value = optional(where, entry, field);
        if (value == null) {
            throw new IllegalArgumentException(where + "missing \"" + field + "\" (USD per 1M tokens)");
        }
        return value;
    }

    private static Double optional(String where, JsonNode entry, String field) {
        JsonNode v = entry.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException(where + "\"" + field + "\" must be a number but was " + v);
        }
        return v.asDouble();
    }

    private PriceTable overriddenBy(PriceTable override) {
        Map<String, Price> merged = new LinkedHashMap<>(prices);
        merged.putAll(override.prices);
        String mergedSource = override.source.isEmpty() ? source : override.source + "; else " + source;
        return new PriceTable(merged, override.date, mergedSource);
    }

    /** When the prices were checked, e.g. {@code 2026-07-01}: the override file's date when it has one. */
    public String date() {
        return date;
    }

    /** Where the prices come from. */
    public String source() {
        return source;
    }

    /**
     * The price of a model: the provider-reported name first (it says which version was billed), then
     * the requested name; each as {@code provider:name}, then bare, then undated; last {@code provider:*}.
     */
    public Optional<Price> price(ModelId model, String providerModel) {
        for (String name : new String[] {providerModel, model.model()}) {
            if (name == null || name.isBlank()) {
                continue;
            }
            Price p = lookup(model.provider(), name);
            if (p == null) {
                String undated = DATE_SUFFIX.matcher(name).replaceFirst("");
                p = undated.equals(name) ? null : lookup(model.provider(), undated);
            }
            if (p != null) {
                return Optional.of(p);
            }
        }
        return Optional.ofNullable(prices.get(model.provider() + ":*"));
    }

    private Price lookup(String provider, String name) {
        Price p = prices.get(provider + ":" + name);
        return p != null ? p : prices.get(name);
    }

    /**
     * The cost of one call in USD, or {@code null} when the model has no price (warned once per model).
     *
     * @param providerModel the model the provider reported (may be null)
     */
    public Double costUsd(ModelId model, String providerModel, Usage usage) {
        Optional<Price> price = price(model, providerModel);
        if (price.isEmpty()) {
            String name = model + (providerModel == null ? "" : " (" + providerModel + ")");
            if (warned.add(name)) {
                LOG.warning("junit-llm: no price for " + name + " in the price table of " + date
                        + "; its cost is reported as unknown. Add it to a file named by -D" + LlmConfiguration.PRICES
                        + "=<file>, e.g. {\"date\":\"" + date + "\",\"models\":{\"" + model.model()
                        + "\":{\"input\":1.0,\"output\":2.0}}}");
            }
            return null;
        }
        return price.get().costUsd(usage);
    }

    @Override
    public String toString() {
        return "PriceTable[" + prices.size() + " models, date " + date + "]";
    }
}
