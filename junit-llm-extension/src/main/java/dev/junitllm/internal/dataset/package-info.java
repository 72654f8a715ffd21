/**
 * Golden datasets: reading JSONL, CSV and YAML rows lazily as {@link dev.junitllm.GoldenCase}s
 * ({@link dev.junitllm.internal.dataset.GoldenDatasets}), and choosing which rows run by tag, count and CI
 * shard ({@link dev.junitllm.internal.dataset.DatasetSelection}).
 *
 * <p>Internal: not part of junit-llm's API; may change in any release.
 */
@API(status = INTERNAL)
package dev.junitllm.internal.dataset;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
