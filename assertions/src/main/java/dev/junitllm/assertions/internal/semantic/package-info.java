/**
 * Semantic similarity: embedding resolution (explicit client, {@code llm.embedding.model}, or an {@link dev.junitllm.assertions.spi.EmbeddingModel} found with {@link java.util.ServiceLoader}), caching and cosine.
 *
 * <p>Internal: not part of the public API, may change in any release.
 */
@API(status = API.Status.INTERNAL)
package dev.junitllm.assertions.internal.semantic;

import org.apiguardian.api.API;
