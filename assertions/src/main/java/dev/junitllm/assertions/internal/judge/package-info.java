/**
 * LLM-as-judge: versioned judge prompts, the judge panel and vote counting, rubric, G-Eval, pairwise, toxicity and RAG checks.
 *
 * <p>Internal: not part of the public API, may change in any release.
 */
@API(status = API.Status.INTERNAL)
package dev.junitllm.assertions.internal.judge;

import org.apiguardian.api.API;
