package dev.junitllm.internal.client;

import dev.junitllm.LlmConfiguration;
import dev.junitllm.ModelId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Endpoints configured per model, so that one matrix can put two models of one wire format on
 * different deployments (OpenAI and a vLLM server, say): {@code llm.model.<provider:model>.base-url}
 * and {@code llm.model.<provider:model>.api-key-env} (the environment variable holding that
 * deployment's key). Whatever a model does not set comes from its provider's endpoint.
 *
 * <pre>{@code
 * -Dllm.model.openai:qwen2.5-7b.base-url=http://vllm.internal:8000/v1
 * -Dllm.model.openai:qwen2.5-7b.api-key-env=VLLM_API_KEY
 * }</pre>
 *
 * Keys are looked up on a model's first call (JUnit cannot list configuration keys), then cached.
 */
public final class ModelEndpoints {

    /** No per-model configuration: every model uses its provider's endpoint. */
    public static final ModelEndpoints NONE = new ModelEndpoints(key -> Optional.empty(), name -> null);

    private final Function<String, Optional<String>> config;
    private final Function<String, String> env;
    private final Map<String, Optional<Override>> overrides = new ConcurrentHashMap<>();

    /**
     * @param config configuration parameters, blank values already removed
     * @param env environment variables, null when unset
     */
    ModelEndpoints(Function<String, Optional<String>> config, Function<String, String> env) {
        this.config = config;
        this.env = env;
    }

    private record Override(String baseUrl, String apiKeyEnv) {}

    /** {@code llm.model.<provider:model>.base-url}. */
    public static String baseUrlKey(ModelId model) {
        return LlmConfiguration.MODEL_PREFIX + model + ".base-url";
    }

    /** {@code llm.model.<provider:model>.api-key-env}. */
    public static String apiKeyEnvKey(ModelId model) {
        return LlmConfiguration.MODEL_PREFIX + model + ".api-key-env";
    }

    /**
     * The endpoint of {@code model}: {@code provider}'s, with the model's own base URL and key if set.
     *
     * @throws IllegalArgumentException for an invalid base URL, naming the key
     */
    HttpTransportConfig.Endpoint resolve(ModelId model, HttpTransportConfig.Endpoint provider) {
        Optional<Override> override = overrides.computeIfAbsent(model.toString(), k -> read(model));
        if (override.isEmpty()) {
            return provider;
        }
        Override o = override.get();
        String keyEnv = o.apiKeyEnv() == null ? provider.apiKeyEnv() : o.apiKeyEnv();
        return new HttpTransportConfig.Endpoint(
                o.baseUrl() == null ? provider.baseUrl() : o.baseUrl(),
                o.apiKeyEnv() == null ? provider.apiKey() : env.apply(keyEnv),
                keyEnv,
                provider.apiVersion());
    }

    private Optional<Override> read(ModelId model) {
        String base = config.apply(baseUrlKey(model))
                .map(url -> HttpTransportConfig.checkedUrl(baseUrlKey(model), url, "http://localhost:8000/v1"))
                .orElse(null);
        String keyEnv = config.apply(apiKeyEnvKey(model)).orElse(null);
        return base == null && keyEnv == null ? Optional.empty() : Optional.of(new Override(base, keyEnv));
    }
}
