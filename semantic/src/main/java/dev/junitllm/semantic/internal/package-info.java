/**
 * The in-process all-MiniLM-L6-v2 (quantized) embedding model behind {@code isSemanticallySimilarTo},
 * registered as a {@link dev.junitllm.assertions.spi.EmbeddingModel} service. Users only add the
 * artifact ({@code dev.junitllm:junit-llm-semantic}, test scope); nothing here is called directly.
 *
 * <p>Internal: not part of the public API, may change in any release.
 */
@API(status = API.Status.INTERNAL)
package dev.junitllm.semantic.internal;

import org.apiguardian.api.API;
