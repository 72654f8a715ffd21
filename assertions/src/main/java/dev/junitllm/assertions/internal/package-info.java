/**
 * Implementation of the LLM assertions: each kind of check lives in its own sub-package and returns a {@link dev.junitllm.assertions.internal.Check} that the public assert records and, on failure, throws.
 *
 * <p>Internal: not part of the public API, may change in any release.
 */
@API(status = API.Status.INTERNAL)
package dev.junitllm.assertions.internal;

import org.apiguardian.api.API;
