/**
 * Deterministic text checks and string-similarity metrics (Levenshtein, Jaro-Winkler, bag-of-words cosine, ROUGE-L, BLEU).
 *
 * <p>Internal: not part of the public API, may change in any release.
 */
@API(status = API.Status.INTERNAL)
package dev.junitllm.assertions.internal.text;

import org.apiguardian.api.API;
