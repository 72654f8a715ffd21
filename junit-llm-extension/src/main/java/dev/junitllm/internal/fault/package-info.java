/**
 * Faults injected in front of the cassette ({@link dev.junitllm.LlmFault}): which call is hit, and
 * what each provider sends when it fails, for our clients and the {@link dev.junitllm.LlmProxy} alike.
 *
 * <p>Internal: not part of junit-llm's API; may change in any release.
 */
@API(status = INTERNAL)
package dev.junitllm.internal.fault;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
