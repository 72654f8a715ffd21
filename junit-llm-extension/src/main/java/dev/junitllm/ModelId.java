package dev.junitllm;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Locale;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A model named as {@code provider:model}. Providers: {@code openai} (and any OpenAI-compatible
 * server), {@code anthropic}, {@code ollama}.
 *
 * <pre>{@code
 * ModelId id = ModelId.parse("anthropic:claude-haiku-4-5");
 * id.provider();   // "anthropic"
 * id.model();      // "claude-haiku-4-5"
 * ModelId.parse("gpt-4o");   // IllegalArgumentException: must be provider:model, e.g. openai:gpt-4o-mini …
 * }</pre>
 */
@API(status = STABLE)
public record ModelId(String provider, String model) {

    public ModelId {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
    }

    /**
     * Parses {@code provider:model}.
     *
     * @throws IllegalArgumentException when the form or the provider is wrong, saying what is allowed
     */
    public static ModelId parse(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(
                    "No model given: name one as provider:model, e.g. @Model(\"openai:gpt-4o-mini\") or -Dllm.model=openai:gpt-4o-mini");
        }
        int colon = id.indexOf(':');
        if (colon <= 0 || colon == id.length() - 1) {
            throw new IllegalArgumentException(
                    "Model [" + id + "] must be provider:model, e.g. openai:gpt-4o-mini or anthropic:claude-haiku-4-5");
        }
        String provider = id.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        if (!provider.equals("openai") && !provider.equals("anthropic") && !provider.equals("ollama")) {
            throw new IllegalArgumentException("Model [" + id + "] names unknown provider [" + provider
                    + "]: allowed are openai, anthropic, ollama");
        }
        return new ModelId(provider, id.substring(colon + 1).strip());
    }

    @Override
    public String toString() {
        return provider + ":" + model;
    }
}
