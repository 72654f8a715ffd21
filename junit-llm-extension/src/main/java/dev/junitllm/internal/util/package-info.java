/**
 * Small helpers shared by the API and the engine.
 *
 * <p>Internal: not part of junit-llm's API; may change in any release.
 */
@API(status = INTERNAL)
package dev.junitllm.internal.util;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
