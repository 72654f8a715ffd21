package dev.junitllm.results;

import org.apiguardian.api.API;

/**
 * A prompt template a case used: its resource name, its declared version (null when the template
 * declares none) and the hash of its text, so a changed prompt is visible in the results and in the
 * report even when nobody bumped the version.
 *
 * <pre>{@code
 * new PromptInfo("prompts/support-system.v3.md", "3", "a1b2c3d4e5f6");
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL)
public record PromptInfo(String name, String version, String hash) {}
