/**
 * OpenTelemetry traces of a test run: {@link dev.junitllm.otel.internal.OtelResultsListener} is
 * registered as a {@link dev.junitllm.results.LlmResultsListener} service and turns each finished case
 * into a case span with a GenAI {@code chat} span per model and judge call. Users only add the artifact
 * ({@code dev.junitllm:junit-llm-otel}, test scope) and set {@code OTEL_TRACES_EXPORTER}; nothing here
 * is called directly. See docs/traces.md.
 *
 * <p>Internal: not part of the public API, may change in any release.
 */
@API(status = API.Status.INTERNAL)
package dev.junitllm.otel.internal;

import org.apiguardian.api.API;
