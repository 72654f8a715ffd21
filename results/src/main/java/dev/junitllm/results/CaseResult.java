package dev.junitllm.results;

import dev.junitllm.stats.Interval;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * One case, one element of {@code tests[].cases[]}: one {@code @LlmTest} invocation (a dataset row on
 * one model, or one model for a test without dataset) after all its samples ran. It carries the row
 * ({@code caseId} is null without a dataset), the mode the case really ran in, the prompts it used,
 * its status, samples planned and run, the pass rate with its Wilson 95% interval, unbiased pass@k
 * and pass^k for k = 1 .. samplesRun (keys are k as text), the first failure's reason, and its tokens,
 * cost, summed call latency and samples. See docs/results-schema.md.
 *
 * <pre>{@code
 * CaseResult c = results.cases().get(0);
 * c.status() == CaseStatus.PASSED;
 * c.passedSamples() + "/" + c.samplesRun();   // "4/4"
 * }</pre>
 *
 * @param passRate passed samples / samples run; null when a reader meets a case without it
 * @param latencyMs the calls' latencies summed; null when absent
 */
@API(status = API.Status.EXPERIMENTAL)
public record CaseResult(
        String uniqueId,
        String displayName,
        String testId,
        String caseId,
        String dataset,
        String model,
        String mode,
        String input,
        String expected,
        List<String> context,
        List<String> tags,
        List<PromptInfo> prompts,
        CaseStatus status,
        int samplesPlanned,
        int samplesRun,
        int passedSamples,
        double minPassRate,
        Double passRate,
        Interval interval,
        Map<String, Double> passAtK,
        Map<String, Double> passHatK,
        String failureReason,
        Tokens tokens,
        Cost costUsd,
        Long latencyMs,
        List<SampleResult> samples) {

    public CaseResult {
        context = Lists.copy(context);
        tags = Lists.copy(tags);
        prompts = Lists.copy(prompts);
        status = status == null ? CaseStatus.ERROR : status;
        passAtK = passAtK == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(passAtK));
        passHatK = passHatK == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(passHatK));
        tokens = tokens == null ? Tokens.NONE : tokens;
        costUsd = costUsd == null ? new Cost(null, null, null, 0) : costUsd;
        samples = Lists.copy(samples);
    }

    /** Whether the case passed. */
    public boolean passed() {
        return status == CaseStatus.PASSED;
    }
}
