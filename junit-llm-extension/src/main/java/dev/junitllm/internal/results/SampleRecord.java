package dev.junitllm.internal.results;

import dev.junitllm.Verdict;
import dev.junitllm.results.JudgeReview;
import java.util.ArrayList;
import java.util.List;

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

    /** Marks the sample as passed, or failed with the failure message. */
    public synchronized void finish(boolean passed, String error) {
        this.passed = passed;
        this.error = error;
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
