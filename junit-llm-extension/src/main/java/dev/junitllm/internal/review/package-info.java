/**
 * Human review inside a run: the committed labels files ({@code llm.labels.dir}) are read once per
 * dataset, and a label on exactly the answer a judge graded decides that verdict.
 *
 * <p>Internal: not part of junit-llm's API; may change in any release.
 */
@API(status = INTERNAL)
package dev.junitllm.internal.review;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
