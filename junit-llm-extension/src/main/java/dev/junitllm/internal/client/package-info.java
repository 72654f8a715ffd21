/**
 * Model clients: the OpenAI and Anthropic wire formats, HTTP with retries, rate and concurrency limits, streaming, fallback, and the hand-off of every call to the run's results.
 *
 * <p>Internal: not part of junit-llm's API; may change in any release.
 */
@API(status = INTERNAL)
package dev.junitllm.internal.client;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
