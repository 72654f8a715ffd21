/**
 * Record and replay: where a cassette key is computed ({@link dev.junitllm.internal.cassette.CanonicalRequest}), how cassette files are read, written atomically and redacted ({@link dev.junitllm.internal.cassette.CassetteFormat}, {@link dev.junitllm.internal.redact.Redactor}), and the transport that replays or records ({@link dev.junitllm.internal.cassette.CassetteTransport}).
 *
 * <p>Internal: not part of junit-llm's API; may change in any release.
 */
@API(status = INTERNAL)
package dev.junitllm.internal.cassette;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
