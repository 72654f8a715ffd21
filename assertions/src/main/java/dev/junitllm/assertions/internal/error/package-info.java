/**
 * Failure messages of the LLM assertions, one factory per kind of failure, in AssertJ's
 * {@code ShouldXxx} style so that every message can be unit-tested on its own:
 *
 * <pre>{@code
 * String message = ShouldBeSemanticallySimilar.shouldBeSemanticallySimilar("Hi", "Hello", 0.75, 0.61)
 *         .create();
 * }</pre>
 *
 * <p>Internal: not part of the public API, may change in any release.
 */
@API(status = API.Status.INTERNAL)
package dev.junitllm.assertions.internal.error;

import org.apiguardian.api.API;
