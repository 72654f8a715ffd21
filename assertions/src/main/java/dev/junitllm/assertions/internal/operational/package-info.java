/**
 * Operational checks: cost, latency, tokens, time to first token.
 *
 * <p>Internal: not part of the public API, may change in any release.
 */
@API(status = API.Status.INTERNAL)
package dev.junitllm.assertions.internal.operational;

import org.apiguardian.api.API;
