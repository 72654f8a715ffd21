package dev.junitllm.results;

import java.util.List;
import org.apiguardian.api.API;

/**
 * The {@code run} object of the results file: when the run started and finished (ISO-8601 instants
 * as text), its {@code llm.mode}, the models that ran (in first-seen order), the judge model, the git
 * commit when known, the date of the price table the costs come from, the prompts used, and the
 * build the results belong to.
 *
 * <p>{@code build} names the build that wrote the file: {@code <pid>@<start instant>} of the Maven JVM
 * that started the Surefire forks (so all forks of one {@code mvn} invocation share it), else of the
 * test JVM itself. Readers use it to read only the newest build's per-JVM files of a results folder;
 * null in files of earlier releases.
 *
 * <pre>{@code
 * results.run().mode();    // "replay"
 * results.run().build();   // "81234@2026-12-01T13:52:52.120Z"
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
        List<PromptInfo> prompts,
        String build) {

    /** A run nothing is known about. */
    public static final RunInfo EMPTY = new RunInfo(null, null, null, List.of(), null, null, null, List.of(), null);

    /** A run whose build is not known. */
    public RunInfo(
            String startedAt,
            String finishedAt,
            String mode,
            List<String> models,
            String judgeModel,
            String gitCommit,
            String priceTableDate,
            List<PromptInfo> prompts) {
        this(startedAt, finishedAt, mode, models, judgeModel, gitCommit, priceTableDate, prompts, null);
    }

    public RunInfo {
        models = Lists.copy(models);
        prompts = Lists.copy(prompts);
    }
}
