package dev.junitllm.assertions;

import dev.junitllm.LlmClient;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Sentence embeddings for semantic similarity: the in-process all-MiniLM-L6-v2 (quantized) model by
 * default, or a provider's embedding model through an {@link LlmClient}. Vectors are cached per
 * (embedder, text) in a bounded LRU, so the expected side of a dataset is embedded once.
 */
final class Embeddings {
    static final String LOCAL_ID = "local:all-minilm-l6-v2-q";
    static final int CACHE_SIZE = 4096;

    private static final Map<String, float[]> CACHE = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private Embeddings() {}

    /** Something that turns a text into a vector. */
    interface Embedder {
        String id();

        float[] embed(String text);
    }

    /** The in-process model; loaded on first use, once per JVM. */
    static Embedder local() {
        return LocalModel.EMBEDDER;
    }

    /** A provider's embedding model (recorded and replayed like any call when it comes from the extension). */
    static Embedder of(LlmClient client) {
        Objects.requireNonNull(client, "client");
        return new Embedder() {
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

    static float[] embed(Embedder embedder, String text) {
        String key = embedder.id() + '\u0000' + text;
        synchronized (CACHE) {
            float[] cached = CACHE.get(key);
            if (cached != null) {
                return cached;
            }
        }
        // Computed outside the lock: a slow provider call must not block other threads' cache hits.
        float[] vector = embedder.embed(text);
        synchronized (CACHE) {
            CACHE.put(key, vector);
        }
        return vector;
    }

    static double similarity(Embedder embedder, String a, String b) {
        if (a.isBlank() || b.isBlank()) {
            return a.isBlank() && b.isBlank() ? 1.0 : 0.0;
        }
        return cosine(embed(embedder, a), embed(embedder, b));
    }

    static double cosine(float[] a, float[] b) {
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

    static void clearCache() {
        synchronized (CACHE) {
            CACHE.clear();
        }
    }

    static int cacheSize() {
        synchronized (CACHE) {
            return CACHE.size();
        }
    }

    /** Holder idiom: the JVM loads the model at most once, on first access, without explicit locking. */
    private static final class LocalModel {
        static final long LOAD_NANOS;
        static final Embedder EMBEDDER;

        static {
            long start = System.nanoTime();
            EmbeddingModel model = LeanMiniLm.create().orElseGet(AllMiniLmL6V2QuantizedEmbeddingModel::new);
            LOAD_NANOS = System.nanoTime() - start;
            EMBEDDER = new Embedder() {
                @Override
                public String id() {
                    return LOCAL_ID;
                }

                @Override
                public float[] embed(String text) {
                    return model.embed(text).content().vector();
                }
            };
        }
    }

    /** Nanoseconds the local model took to load; loads it if needed. */
    static long localLoadNanos() {
        return LocalModel.LOAD_NANOS;
    }
}
