package dev.junitllm.internal.results;

import dev.junitllm.LlmResponse;
import dev.junitllm.Verdict;
import dev.junitllm.results.JudgeReview;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One run of a test body: its verdicts, its calls and whether it passed. Thread-safe.
 *
 * <pre>{@code
 * SampleRecord sample = caseRecord.startSample();
 * sample.addCall(callRecord);
 * sample.finish(false, "does not contain \"30 days\"");
 * }</pre>
 */
public final class SampleRecord {
    private final int index;
    private final List<Verdict> verdicts = new ArrayList<>();
    // parallel to verdicts: what the labels said about a judge verdict, null for any other
    private final List<JudgeReview> reviews = new ArrayList<>();
    private final List<CallRecord> calls = new ArrayList<>();
    private final List<Supplier<LlmResponse>> modelCalls = new ArrayList<>();
    private List<String> trajectory = List.of();
    private Boolean passed;
    private String error;

    SampleRecord(int index) {
        this.index = index;
    }

    public int index() {
        return index;
    }

    public synchronized void addVerdict(Verdict verdict) {
        addVerdict(verdict, null);
    }

    /** A judge verdict (the one that counts) with what the human labels said about it. */
    public synchronized void addVerdict(Verdict verdict, JudgeReview review) {
        verdicts.add(verdict);
        reviews.add(review);
    }

    /** Parallel to {@link #verdicts()}: each verdict's review, null where there is none. */
    public synchronized List<JudgeReview> reviews() {
        return java.util.Collections.unmodifiableList(new ArrayList<>(reviews));
    }

    public synchronized void addCall(CallRecord call) {
        calls.add(call);
    }

    /**
     * A completed chat call of the model under test, parsed (request and response) only when someone
     * asks: {@link #modelCalls()} during the sample, the trajectory when it finishes.
     */
    public synchronized void addModelCall(Supplier<LlmResponse> call) {
        modelCalls.add(call);
    }

    /** The model under test's chat calls of this sample so far, in order, each with its request. */
    public List<LlmResponse> modelCalls() {
        List<Supplier<LlmResponse>> copy;
        synchronized (this) {
            copy = List.copyOf(modelCalls);
        }
        return copy.stream().map(Supplier::get).toList();
    }

    /**
     * Marks the sample as passed, or failed with the failure message, and keeps its trajectory as
     * steps (the raw calls are dropped, so a long run does not hold every exchange in memory).
     */
    public void finish(boolean passed, String error) {
        List<String> steps;
        try {
            steps = Trajectories.steps(modelCalls());
        } catch (RuntimeException e) {
            steps = List.of("(the trajectory could not be read: " + e + ")");
        }
        synchronized (this) {
            this.passed = passed;
            this.error = error;
            this.trajectory = steps;
            modelCalls.clear();
        }
    }

    /** The steps of the sample's trajectory; empty unless the model called a tool or was called more than once. */
    public synchronized List<String> trajectory() {
        return trajectory;
    }

    public synchronized List<Verdict> verdicts() {
        return List.copyOf(verdicts);
    }

    public synchronized List<CallRecord> calls() {
        return List.copyOf(calls);
    }

    public synchronized boolean passed() {
        return passed != null && passed;
    }

    public synchronized String error() {
        return error;
    }
}
