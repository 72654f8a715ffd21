package dev.junitllm.semantic.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.junitllm.assertions.internal.semantic.Embeddings;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class MiniLmEmbeddingModelTest {

    @Test
    void isTheInstalledEmbeddingModel() {
        assertThat(Embeddings.installed()).get().isInstanceOf(MiniLmEmbeddingModel.class);
        assertThat(Embeddings.installed().orElseThrow().id()).isEqualTo("local:all-minilm-l6-v2-q");
    }

    @Test
    void theLeanSessionGivesTheStockModelsVectors() {
        dev.langchain4j.model.embedding.EmbeddingModel lean =
                LeanMiniLm.create().orElseThrow();
        dev.langchain4j.model.embedding.EmbeddingModel stock =
                new dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel();
        for (String text : List.of("Refunds are accepted within 30 days.", "Where is my parcel?")) {
            float[] a = lean.embed(text).content().vector();
            float[] b = stock.embed(text).content().vector();
            assertThat(a).hasSize(384);
            assertThat(Embeddings.cosine(a, b)).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void aBlankTextIsNotSimilarToAnything() {
        assertThat(Embeddings.similarity(new MiniLmEmbeddingModel(), " ", "refund"))
                .isZero();
        assertThat(MiniLmEmbeddingModel.loadNanos()).isPositive();
    }

    @Test
    void theLocalModelIsSafeUnderConcurrentUse() throws Exception {
        MiniLmEmbeddingModel model = new MiniLmEmbeddingModel();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Double>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String text = "Refunds are accepted within " + (i % 4 + 28) + " days.";
                results.add(
                        pool.submit(() -> Embeddings.similarity(model, text, "Items can be returned within a month.")));
            }
            for (Future<Double> f : results) {
                assertThat(f.get()).isBetween(0.3, 1.0);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(Embeddings.cacheSize()).isLessThanOrEqualTo(Embeddings.CACHE_SIZE);
    }
}
