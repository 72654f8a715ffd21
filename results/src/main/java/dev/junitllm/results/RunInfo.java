package dev.junitllm.results;

import java.util.List;
import org.apiguardian.api.API;

/**
 * The {@code run} object of the results file: when the run started and finished (ISO-8601 instants
 * as text), its {@code llm.mode}, the models that ran (in first-seen order), the judge model, the git
 * commit when known, the date of the price table the costs come from, and the prompts used.
 *
 * <pre>{@code
 * results.run().mode();   // "replay"
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL)
public record RunInfo(
        String startedAt,
        String finishedAt,
        String mode,
        List<String> models,
        String judgeModel,
        String gitCommit,
        String priceTableDate,
        List<PromptInfo> prompts) {

    /** A run nothing is known about. */
    public static final RunInfo EMPTY = new RunInfo(null, null, null, List.of(), null, null, null, List.of());

    public RunInfo {
        models = Lists.copy(models);
        prompts = Lists.copy(prompts);
    }
}
