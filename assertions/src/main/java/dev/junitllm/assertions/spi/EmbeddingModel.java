package dev.junitllm.assertions.spi;

import org.apiguardian.api.API;

/**
 * A sentence-embedding model for {@code isSemanticallySimilarTo}, found with {@link
 * java.util.ServiceLoader}: put a jar on the test classpath whose {@code
 * META-INF/services/dev.junitllm.assertions.spi.EmbeddingModel} names an implementation with a public
 * no-argument constructor. {@code dev.junitllm:junit-llm-semantic} is one: the in-process
 * all-MiniLM-L6-v2 model, no key, no network.
 *
 * <p>It is used when neither {@code usingEmbeddingModel(LlmClient)} nor the configuration parameter
 * {@code llm.embedding.model} names a provider model. When several are installed, the first one the
 * {@code ServiceLoader} finds is used. Implementations must be thread-safe (parallel tests embed
 * concurrently) and should load lazily, on the first {@link #embed(String)}.
 *
 * <pre>{@code
 * public final class MyEmbeddings implements EmbeddingModel {
 *     public String id() {
 *         return "local:my-model";
 *     }
 *
 *     public float[] embed(String text) {
 *         return MyModel.instance().vector(text);
 *     }
 * }
 * // src/test/resources/META-INF/services/dev.junitllm.assertions.spi.EmbeddingModel:
 * //   com.example.MyEmbeddings
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface EmbeddingModel {

    /** Names the model in verdict reasons and keys the vector cache, e.g. {@code local:all-minilm-l6-v2-q}. */
    String id();

    /** The embedding of {@code text}; vectors of one model all have the same length. */
    float[] embed(String text);
}
