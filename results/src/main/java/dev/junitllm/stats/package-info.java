/**
 * Exact statistics behind junit-llm's verdicts: the Wilson score interval of a pass rate, the
 * pass@k and pass^k, McNemar's exact test for paired model
 * comparisons, judge-agreement measures and latency percentiles. Pure functions on counts; every
 * class is immutable and safe to share between threads.
 */
package dev.junitllm.stats;
