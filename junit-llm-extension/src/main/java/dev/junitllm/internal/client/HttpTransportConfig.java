package dev.junitllm.internal.client;

import dev.junitllm.LlmConfiguration;
import dev.junitllm.ModelId;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything {@link HttpTransport} needs to reach the providers: base URLs, API keys, timeouts,
 * retries and limits. Read once per run from JUnit configuration parameters and the environment.
 *
 * <pre>{@code
 * HttpTransportConfig cfg = HttpTransportConfig.from(
 *         key -> extensionContext.getConfigurationParameter(key), System::getenv);
 * }</pre>
 *
 * @param endpoints per provider ({@code openai}, {@code anthropic}, {@code ollama})
 * @param timeout overall time of one attempt, stream included ({@code llm.timeout}, default 60s)
 * @param connectTimeout ({@code llm.timeout.connect}, default 10s)
 * @param readTimeout longest silence between bytes ({@code llm.timeout.read}, default {@code timeout})
 * @param maxRetries retries after the first attempt ({@code llm.retries}, default 2)
 * @param maxRetryWait the longest wait between attempts, whatever {@code Retry-After} asks
 *     ({@code llm.retry.max-wait}, default 60s)
 * @param concurrency requests in flight per provider ({@code llm.concurrency}, default 8)
 * @param requestsPerMinute requests started per provider per minute; 0 for no limit
 *     ({@code llm.requests-per-minute})
 * @param modelEndpoints endpoints configured per model, over the provider's
 */
public record HttpTransportConfig(
        Map<String, Endpoint> endpoints,
        Duration timeout,
        Duration connectTimeout,
        Duration readTimeout,
        int maxRetries,
        Duration maxRetryWait,
        int concurrency,
        int requestsPerMinute,
        ModelEndpoints modelEndpoints) {

    /** Default OpenAI base URL. */
    public static final String OPENAI_DEFAULT = "https://api.openai.com/v1";
    /** Default Anthropic base URL (the adapter adds {@code /v1/messages}). */
    public static final String ANTHROPIC_DEFAULT = "https://api.anthropic.com";
    /** Default Ollama base URL (its OpenAI-compatible endpoint). */
    public static final String OLLAMA_DEFAULT = "http://localhost:11434/v1";

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    public HttpTransportConfig {
        endpoints = Map.copyOf(endpoints);
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(maxRetryWait, "maxRetryWait");
        Objects.requireNonNull(modelEndpoints, "modelEndpoints");
    }

    /**
     * Where one provider lives and how to authenticate.
     *
     * @param baseUrl without a trailing slash
     * @param apiKey from the environment; null when unset
     * @param apiKeyEnv the variable the key comes from, for messages
     * @param apiVersion Azure OpenAI's {@code api-version}: when set, the key goes in an {@code
     *     api-key} header and {@code api-version} is added to the query
     */
    public record Endpoint(String baseUrl, String apiKey, String apiKeyEnv, String apiVersion) {
        @Override
        public String toString() {
            return "Endpoint[" + baseUrl + ", key " + (apiKey == null ? "unset" : "set") + " ($" + apiKeyEnv + ")"
                    + (apiVersion == null ? "" : ", api-version " + apiVersion) + "]";
        }
    }

    /**
     * Reads the configuration.
     *
     * @param config JUnit configuration parameters (keys of {@link LlmConfiguration})
     * @param env environment variables ({@code OPENAI_API_KEY}, {@code ANTHROPIC_API_KEY}, {@code
     *     OPENAI_BASE_URL}, {@code ANTHROPIC_BASE_URL}, {@code AZURE_OPENAI_API_KEY}); returns null when unset
     * @throws IllegalArgumentException for an invalid value, naming key, value and what is allowed
     */
    public static HttpTransportConfig from(Function<String, Optional<String>> config, Function<String, String> env) {
        Function<String, Optional<String>> cfg =
                key -> config.apply(key).map(String::strip).filter(s -> !s.isEmpty());
        Function<String, String> environment = name -> {
            String v = env.apply(name);
            return v == null || v.isBlank() ? null : v.strip();
        };

        Optional<String> apiVersion = cfg.apply(LlmConfiguration.OPENAI_API_VERSION);
        String openAiKeyEnv = apiVersion.isPresent() && environment.apply("AZURE_OPENAI_API_KEY") != null
                ? "AZURE_OPENAI_API_KEY"
                : "OPENAI_API_KEY";
        Endpoint openai = new Endpoint(
                baseUrl(LlmConfiguration.OPENAI_BASE_URL, cfg, environment, "OPENAI_BASE_URL", OPENAI_DEFAULT),
                environment.apply(openAiKeyEnv),
                openAiKeyEnv,
                apiVersion.orElse(null));
        String anthropicBase =
                baseUrl(LlmConfiguration.ANTHROPIC_BASE_URL, cfg, environment, "ANTHROPIC_BASE_URL", ANTHROPIC_DEFAULT);
        if (anthropicBase.endsWith("/v1")) {
            // the adapter's path is /v1/messages (as in Anthropic's SDKs); forgive a base that repeats /v1
            anthropicBase = anthropicBase.substring(0, anthropicBase.length() - 3);
        }
        Endpoint anthropic =
                new Endpoint(anthropicBase, environment.apply("ANTHROPIC_API_KEY"), "ANTHROPIC_API_KEY", null);
        Endpoint ollama = new Endpoint(
                baseUrl(LlmConfiguration.OLLAMA_BASE_URL, cfg, environment, null, OLLAMA_DEFAULT),
                "ollama",
                "none: Ollama ignores the key",
                null);

        Duration timeout = duration(cfg, LlmConfiguration.TIMEOUT, Duration.ofSeconds(60));
        return new HttpTransportConfig(
                Map.of("openai", openai, "anthropic", anthropic, "ollama", ollama),
                timeout,
                duration(cfg, LlmConfiguration.CONNECT_TIMEOUT, Duration.ofSeconds(10)),
                duration(cfg, LlmConfiguration.READ_TIMEOUT, timeout),
                integer(cfg, LlmConfiguration.MAX_RETRIES, 2, 0, 10),
                duration(cfg, LlmConfiguration.RETRY_MAX_WAIT, Duration.ofSeconds(60)),
                integer(cfg, LlmConfiguration.CONCURRENCY, 8, 1, 1024),
                integer(cfg, LlmConfiguration.REQUESTS_PER_MINUTE, 0, 0, 1_000_000),
                new ModelEndpoints(cfg, environment));
    }

    /** The endpoint of a provider. */
    public Endpoint endpoint(String provider) {
        Endpoint e = endpoints.get(provider);
        if (e == null) {
            throw new IllegalArgumentException("no endpoint configured for provider [" + provider + "]");
        }
        return e;
    }

    /** The endpoint of a model: its own ({@link ModelEndpoints}) where configured, else its provider's. */
    public Endpoint endpoint(ModelId model) {
        return modelEndpoints.resolve(model, endpoint(model.provider()));
    }

    private static String baseUrl(
            String key,
            Function<String, Optional<String>> cfg,
            Function<String, String> env,
            String envName,
            String fallback) {
        String source = key;
        String url = cfg.apply(key).orElse(null);
        if (url == null && envName != null) {
            url = env.apply(envName);
            source = envName;
        }
        if (url == null) {
            return fallback;
        }
        return checkedUrl(source, url, fallback);
    }

    /** {@code url} without trailing slashes; an error naming {@code source} if it is no http(s) URL. */
    static String checkedUrl(String source, String url, String example) {
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        if (!isHttpUrl(url)) {
            throw new IllegalArgumentException(
                    source + "=" + url + " is not allowed: give an http(s) URL, e.g. " + example);
        }
        return url;
    }

    private static boolean isHttpUrl(String url) {
        try {
            java.net.URI uri = new java.net.URI(url);
            String scheme = uri.getScheme();
            return uri.getHost() != null && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static int integer(Function<String, Optional<String>> cfg, String key, int fallback, int min, int max) {
        Optional<String> raw = cfg.apply(key);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(raw.get());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(
                key + "=" + raw.get() + " is not allowed: give a whole number from " + min + " to " + max);
    }

    private static Duration duration(Function<String, Optional<String>> cfg, String key, Duration fallback) {
        Optional<String> raw = cfg.apply(key);
        if (raw.isEmpty()) {
            return fallback;
        }
        Duration d = parseDuration(raw.get());
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + "=" + raw.get()
                    + " is not allowed: give a positive duration such as 500ms, 30s, 2m or PT1M30S");
        }
        return d;
    }

    /** A duration as {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, a bare number of seconds, or ISO-8601; null if none. */
    public static Duration parseDuration(String s) {
        Matcher m = SIMPLE_DURATION.matcher(s.strip().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            double n = Double.parseDouble(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            double millis = switch (unit) {
                case "ms" -> n;
                case "m" -> n * 60_000;
                case "h" -> n * 3_600_000;
                default -> n * 1_000;
            };
            return Duration.ofMillis(Math.round(millis));
        }
        try {
            return Duration.parse(s.strip().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
