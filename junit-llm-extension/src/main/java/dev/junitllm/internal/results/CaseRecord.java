package dev.junitllm.internal.results;

import dev.junitllm.GoldenCase;
import dev.junitllm.PromptTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One case (one {@code @LlmTest} invocation: a model, and a dataset row if any) while it runs and
 * after. Thread-safe: samples record calls and verdicts from the test thread, proxies from theirs.
 * Internal API: users see it as one element of {@code tests[].cases[]} in {@code llm-results.json}.
 *
 * <pre>{@code
 * SampleRecord sample = caseRecord.startSample();
 * sample.addVerdict(Verdict.binary("contains", true, "contains \"30 days\""));
 * sample.finish(true, null);
 * caseRecord.finish(CaseRecord.Status.PASSED, null);
 * }</pre>
 */
public final class CaseRecord {

    /** How a case ended. */
    public enum Status {
        PASSED,
        FAILED,
        ERROR,
        SKIPPED;

        String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final String testId;
    private final String className;
    private final String methodName;
    private final String uniqueId;
    private final String displayName;
    private final String model;
    private final String dataset;
    private final GoldenCase goldenCase;
    private final int samplesPlanned;
    private final double minPassRate;
    private final List<SampleRecord> samples = new ArrayList<>();
    private final Map<String, PromptTemplate> prompts = new LinkedHashMap<>();
    private Status status;
    private String failureReason;
    private String mode;

    public CaseRecord(
            String testId,
            String className,
            String methodName,
            String uniqueId,
            String displayName,
            String model,
            String dataset,
            GoldenCase goldenCase,
            int samplesPlanned,
            double minPassRate) {
        this.testId = testId;
        this.className = className;
        this.methodName = methodName;
        this.uniqueId = uniqueId;
        this.displayName = displayName;
        this.model = model;
        this.dataset = dataset;
        this.goldenCase = goldenCase;
        this.samplesPlanned = samplesPlanned;
        this.minPassRate = minPassRate;
    }

    /** Starts the next sample and returns it. */
    public synchronized SampleRecord startSample() {
        SampleRecord sample = new SampleRecord(samples.size());
        samples.add(sample);
        return sample;
    }

    /** The sample running now (or the last one); a call made before any sample lands in sample 0. */
    public synchronized SampleRecord currentSample() {
        return samples.isEmpty() ? startSample() : samples.get(samples.size() - 1);
    }

    /** The case's mode ({@code replay}, {@code record}, {@code auto}, {@code live}); it may differ from the run's. */
    public synchronized void mode(String mode) {
        this.mode = mode;
    }

    public synchronized String mode() {
        return mode;
    }

    public synchronized void usedPrompt(PromptTemplate prompt) {
        prompts.putIfAbsent(prompt.name(), prompt);
    }

    public synchronized void finish(Status status, String failureReason) {
        this.status = status;
        this.failureReason = failureReason;
    }

    public synchronized List<SampleRecord> samples() {
        return List.copyOf(samples);
    }

    public synchronized List<PromptTemplate> prompts() {
        return List.copyOf(prompts.values());
    }

    public synchronized Status status() {
        return status;
    }

    public synchronized String failureReason() {
        return failureReason;
    }

    public synchronized int passedSamples() {
        return (int) samples.stream().filter(SampleRecord::passed).count();
    }

    public synchronized boolean passed() {
        return status == Status.PASSED;
    }

    public String testId() {
        return testId;
    }

    public String className() {
        return className;
    }

    public String methodName() {
        return methodName;
    }

    public String uniqueId() {
        return uniqueId;
    }

    public String displayName() {
        return displayName;
    }

    public String model() {
        return model;
    }

    /** The dataset resource, or null when the test has none. */
    public String dataset() {
        return dataset;
    }

    /** The dataset row, or null when the test has none. */
    public GoldenCase goldenCase() {
        return goldenCase;
    }

    public int samplesPlanned() {
        return samplesPlanned;
    }

    public double minPassRate() {
        return minPassRate;
    }
}
