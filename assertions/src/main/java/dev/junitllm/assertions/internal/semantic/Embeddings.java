package dev.junitllm.assertions.internal.semantic;

import dev.junitllm.LlmClient;
import dev.junitllm.assertions.spi.EmbeddingModel;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Sentence embeddings for semantic similarity: a provider's embedding model through an {@link
 * LlmClient}, or an installed {@link EmbeddingModel}. Vectors are cached per (model, text) in a bounded
 * LRU, so the expected side of a dataset is embedded once.
 */
public final class Embeddings {
    public static final int CACHE_SIZE = 4096;

    private static final Map<String, float[]> CACHE = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private Embeddings() {}

    /** The first {@link EmbeddingModel} on the classpath; looked up once per JVM. */
    public static Optional<EmbeddingModel> installed() {
        return Installed.MODEL;
    }

    /** A provider's embedding model (recorded and replayed like any call when it comes from the extension). */
    public static EmbeddingModel of(LlmClient client) {
        Objects.requireNonNull(client, "client");
        return new EmbeddingModel() {
            @Override
            public String id() {
                return client.modelId();
            }

            @Override
            public float[] embed(String text) {
                List<float[]> vectors = client.embed(text);
                if (vectors.size() != 1) {
                    throw new IllegalStateException("embedding model " + client.modelId() + " returned "
                            + vectors.size() + " vectors for 1 text");
                }
                return vectors.get(0);
            }
        };
    }

    public static float[] embed(EmbeddingModel model, String text) {
        String key = model.id() + '\u0000' + text;
        synchronized (CACHE) {
            float[] cached = CACHE.get(key);
            if (cached != null) {
                return cached;
            }
        }
        // Computed outside the lock: a slow provider call must not block other threads' cache hits.
        float[] vector = model.embed(text);
        synchronized (CACHE) {
            CACHE.put(key, vector);
        }
        return vector;
    }

    public static double similarity(EmbeddingModel model, String a, String b) {
        if (a.isBlank() || b.isBlank()) {
            return a.isBlank() && b.isBlank() ? 1.0 : 0.0;
        }
        return cosine(embed(model, a), embed(model, b));
    }

    public static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors differ in length: " + a.length + " vs " + b.length);
        }
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        if (na == 0 || nb == 0) {
            return 0.0;
        }
        return dot / (Math.sqrt(na) * Math.sqrt(nb));
    }

    public static void clearCache() {
        synchronized (CACHE) {
            CACHE.clear();
        }
    }

    public static int cacheSize() {
        synchronized (CACHE) {
            return CACHE.size();
        }
    }

    /** Holder idiom: the service lookup runs at most once, on first access. */
    private static final class Installed {
        static final Optional<EmbeddingModel> MODEL = lookUp();

        private static Optional<EmbeddingModel> lookUp() {
            Iterator<EmbeddingModel> found = ServiceLoader.load(EmbeddingModel.class, Embeddings.class.getClassLoader())
                    .iterator();
            return found.hasNext() ? Optional.of(found.next()) : Optional.empty();
        }
    }
}
