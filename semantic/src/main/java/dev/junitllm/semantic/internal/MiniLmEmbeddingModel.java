package dev.junitllm.semantic.internal;

import dev.junitllm.assertions.spi.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * The {@link EmbeddingModel} service of junit-llm-semantic. The ServiceLoader instantiates it cheaply;
 * the model itself loads on the first {@link #embed(String)}, once per JVM.
 */
public final class MiniLmEmbeddingModel implements EmbeddingModel {
    public static final String ID = "local:all-minilm-l6-v2-q";

    /** For {@link java.util.ServiceLoader}. */
    public MiniLmEmbeddingModel() {}

    @Override
    public String id() {
        return ID;
    }

    @Override
    public float[] embed(String text) {
        return Loaded.MODEL.embed(text).content().vector();
    }

    /** Nanoseconds the model took to load; loads it if needed. */
    static long loadNanos() {
        return Loaded.NANOS;
    }

    /** Holder idiom: the JVM loads the model at most once, on first access, without explicit locking. */
    private static final class Loaded {
        static final long NANOS;
        static final dev.langchain4j.model.embedding.EmbeddingModel MODEL;

        static {
            long start = System.nanoTime();
            MODEL = LeanMiniLm.create().orElseGet(AllMiniLmL6V2QuantizedEmbeddingModel::new);
            NANOS = System.nanoTime() - start;
        }
    }
}
