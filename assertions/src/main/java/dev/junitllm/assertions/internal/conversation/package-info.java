/**
 * Checks on a whole conversation (knowledge retention, role adherence, system-prompt leaks across turns,
 * resolution within n turns) and on an agent's trajectory (tools called, their order, arguments,
 * forbidden tools, steps and tokens).
 *
 * <p>Internal: not part of the public API, may change in any release.
 */
@API(status = API.Status.INTERNAL)
package dev.junitllm.assertions.internal.conversation;

import org.apiguardian.api.API;
