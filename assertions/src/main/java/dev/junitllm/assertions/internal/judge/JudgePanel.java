package dev.junitllm.assertions.internal.judge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.junitllm.JudgeAnswerException;
import dev.junitllm.LlmClient;
import dev.junitllm.LlmContext;
import dev.junitllm.LlmRequest;
import dev.junitllm.LlmResponse;
import dev.junitllm.ResponseFormat;
import dev.junitllm.assertions.internal.structure.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The judges of one check: one or more judge models, each asked {@code votes} times. Every request
 * goes through {@link LlmClient#chat(LlmRequest)} of the judge client, so the extension records,
 * replays and tags it as a judge call.
 */
public final class JudgePanel {

    /** One judge's parsed answer. */
    public record Ballot(String judge, JsonNode answer) {}

    private final List<LlmClient> judges;
    private final int votes;
    private final double temperature;

    public JudgePanel(List<LlmClient> judges, int votes, double temperature) {
        if (judges.isEmpty()) {
            throw new IllegalArgumentException("a judge panel needs at least one judge");
        }
        if (votes < 1) {
            throw new IllegalArgumentException("votes must be at least 1 but was " + votes);
        }
        this.judges = List.copyOf(judges);
        this.votes = votes;
        this.temperature = temperature;
    }

    /**
     * Explicit clients win; else the running {@code @LlmTest}'s judge ({@code llm.judge.model}), or the
     * named judge models.
     */
    public static JudgePanel resolve(List<LlmClient> explicit, List<String> modelIds, int votes, double temperature) {
        if (!explicit.isEmpty()) {
            return new JudgePanel(explicit, votes, temperature);
        }
        LlmContext context = LlmContext.current()
                .orElseThrow(() -> new IllegalStateException(
                        "No judge: LLM-as-judge assertions need a judge model. Run the test as an @LlmTest"
                                + " (the judge comes from llm.judge.model) or pass one with usingJudge(LlmClient)."));
        List<LlmClient> judges = new ArrayList<>();
        if (modelIds.isEmpty()) {
            judges.add(context.judge());
        } else {
            modelIds.forEach(id -> judges.add(context.judge(id)));
        }
        return new JudgePanel(judges, votes, temperature);
    }

    public int size() {
        return judges.size() * votes;
    }

    /** Asks every judge {@code votes} times; any unusable answer aborts with {@link JudgeAnswerException}. */
    public List<Ballot> ask(JudgePrompt prompt, Map<String, String> variables) {
        LlmRequest request = LlmRequest.builder()
                .system(prompt.system())
                .user(prompt.renderUser(variables))
                .temperature(temperature)
                .responseFormat(ResponseFormat.jsonSchema(prompt.schemaName(), prompt.schema()))
                .build();
        List<Ballot> ballots = new ArrayList<>();
        for (LlmClient judge : judges) {
            for (int v = 0; v < votes; v++) {
                LlmResponse answer = judge.chat(request);
                ballots.add(new Ballot(judge.modelId(), parse(prompt, judge.modelId(), answer.text())));
            }
        }
        return ballots;
    }

    /** Strict: one JSON object (optionally in a code fence) that follows the prompt's schema. */
    public static JsonNode parse(JudgePrompt prompt, String judge, String raw) {
        if (raw == null || raw.isBlank()) {
            throw new JudgeAnswerException(prompt.id(), judge, "the answer is empty", raw == null ? "" : raw);
        }
        JsonNode node;
        try {
            node = Json.parse(raw);
        } catch (JsonProcessingException e) {
            throw new JudgeAnswerException(
                    prompt.id(), judge, "not a single JSON value: " + e.getOriginalMessage(), raw);
        }
        if (node == null || !node.isObject()) {
            throw new JudgeAnswerException(prompt.id(), judge, "expected a JSON object", raw);
        }
        List<String> errors = Json.validate(prompt.schema(), node);
        if (!errors.isEmpty()) {
            throw new JudgeAnswerException(
                    prompt.id(), judge, "does not follow the answer schema: " + String.join("; ", errors), raw);
        }
        return node;
    }
}
