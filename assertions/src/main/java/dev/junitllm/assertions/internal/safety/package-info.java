/**
 * Safety checks without a model call: canary and system-prompt leaks, personal data, refusals.
 *
 * <p>Internal: not part of the public API, may change in any release.
 */
@API(status = API.Status.INTERNAL)
package dev.junitllm.assertions.internal.safety;

import org.apiguardian.api.API;
