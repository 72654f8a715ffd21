/**
 * JSON, JSON-schema, tool-call and finish-reason checks.
 *
 * <p>Internal: not part of the public API, may change in any release.
 */
@API(status = API.Status.INTERNAL)
package dev.junitllm.assertions.internal.structure;

import org.apiguardian.api.API;
