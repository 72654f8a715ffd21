/**
 * Cost: the bundled, dated price table ({@code prices.json}) with user overrides ({@link dev.junitllm.internal.cost.PriceTable}) and the run's budget ({@link dev.junitllm.internal.cost.Budget}).
 *
 * <p>Internal: not part of junit-llm's API; may change in any release.
 */
@API(status = INTERNAL)
package dev.junitllm.internal.cost;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
