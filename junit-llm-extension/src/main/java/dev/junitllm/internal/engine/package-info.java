/**
 * The JUnit engine side of {@code @LlmTest}: invocation contexts per dataset row and model, the sample loop, the dataset gate and the run's lifecycle.
 *
 * <p>Internal: not part of junit-llm's API; may change in any release.
 */
@API(status = INTERNAL)
package dev.junitllm.internal.engine;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
