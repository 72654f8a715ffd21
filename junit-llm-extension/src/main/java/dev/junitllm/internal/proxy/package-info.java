/**
 * The local record/replay HTTP endpoint behind {@link dev.junitllm.LlmProxy} for third-party SDKs.
 *
 * <p>Internal: not part of junit-llm's API; may change in any release.
 */
@API(status = INTERNAL)
package dev.junitllm.internal.proxy;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
