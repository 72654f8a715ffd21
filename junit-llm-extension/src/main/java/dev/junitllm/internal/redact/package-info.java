/**
 * Secrets out of everything junit-llm writes or shows: cassettes, results, Allure attachments and
 * thrown messages ({@link dev.junitllm.internal.redact.Redactor}).
 *
 * <p>Internal: not part of junit-llm's API; may change in any release.
 */
@API(status = INTERNAL)
package dev.junitllm.internal.redact;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
