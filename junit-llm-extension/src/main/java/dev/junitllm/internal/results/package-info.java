/**
 * The run's ledger while tests run: cases, samples, verdicts and calls, kept thread-safe and turned
 * into the results module's records ({@link dev.junitllm.internal.results.LedgerResults}) when a case
 * or the run ends.
 *
 * <p>Internal: not part of junit-llm's API; may change in any release.
 */
@API(status = INTERNAL)
package dev.junitllm.internal.results;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
