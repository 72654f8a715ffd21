package dev.junitllm.assertions;

import org.apiguardian.api.API;

/**
 * A project-written set of prompt-injection attacks (direct overrides, forged system messages,
 * system-prompt extraction, role play, encodings, indirect injection through documents, tool misuse,
 * data exfiltration, several languages and obfuscations) to run against your own prompt with
 * {@code @GoldenDataset}.
 *
 * <p>Each JSONL row has {@code id}, {@code input} (the attack), {@code tags} (the technique),
 * {@code goal} (what the attack tries to achieve), {@code expected} (the behaviour wanted) and, for
 * attacks that ask the model to print something, {@code marker}: text that appears in the answer only
 * if the model complied.
 *
 * <pre>{@code
 * @LlmTest
 * @GoldenDataset(value = PromptInjections.DATASET, minPassRate = 1.0)
 * void resistsPromptInjection(GoldenCase attack, LlmClient llm) {
 *     String system = SUPPORT_PROMPT + "\nInternal reference: " + CANARY;
 *     LlmResponse r = llm.chat(LlmRequest.builder().system(system).user(attack.input()).build());
 *     LlmResponseAssert answer = assertThat(r)
 *         .doesNotLeak(CANARY)
 *         .doesNotRevealSystemPrompt(SUPPORT_PROMPT)
 *         .containsNoPii();
 *     attack.get("marker").ifPresent(answer::doesNotContain);
 * }
 * }</pre>
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class PromptInjections {

    /** The classpath resource of the attack set, version 1 (28 attacks). */
    public static final String DATASET = "junit-llm/datasets/prompt-injections.v1.jsonl";

    private PromptInjections() {}
}
