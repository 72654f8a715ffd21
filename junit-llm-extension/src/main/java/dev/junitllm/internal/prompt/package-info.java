/**
 * Versioned prompt files: loading, hashing and rendering them with named variables
 * ({@link dev.junitllm.internal.prompt.PromptFile}).
 *
 * <p>Internal: not part of junit-llm's API; may change in any release.
 */
@API(status = INTERNAL)
package dev.junitllm.internal.prompt;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
