/**
 * Golden datasets: reading JSONL, CSV and YAML rows lazily as {@link dev.junitllm.GoldenCase}s
 * ({@link dev.junitllm.internal.dataset.GoldenDatasets}), and choosing which rows run by tag, count and CI
 * shard ({@link dev.junitllm.internal.dataset.DatasetSelection}).
 */
package dev.junitllm.internal.dataset;
