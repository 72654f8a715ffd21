package dev.junitllm.internal.engine;

/**
 * The verdict rule for {@code @LlmTest(samples = n, minPassRate = p)}: the case passes when at least
 * {@link #requiredPasses()} of its n samples pass. Because that is a fixed count, the outcome is often
 * settled before all n samples have run — once enough samples passed, or once so many failed that the
 * required count is out of reach. Stopping then is exact: the verdict is the one the full n samples
 * would give (it is not a statistical "peek").
 *
 * <pre>{@code
 * SamplePlan plan = SamplePlan.of(5, 0.8);        // 4 of 5 must pass
 * plan.outcome(4, 0);                              // PASSED  — stop, 1 call saved
 * plan.outcome(2, 1);                              // UNDECIDED — run another sample
 * plan.outcome(3, 2);                              // FAILED  — 4 passes are out of reach
 * plan.shouldStop(3, 2, true);                     // true
 * }</pre>
 *
 * <p>Required passes = {@code ceil(p·n − 1e-9)}; the tiny tolerance absorbs floating-point error
 * such as {@code 0.7 * 10 = 7.000000000000001}. With {@code minPassRate = 0} no pass is required;
 * the case still runs at least one sample (see {@link #shouldStop}).
 *
 * @param samples n, at least 1
 * @param minPassRate p, in 0..1
 */
record SamplePlan(int samples, double minPassRate) {

    /** Where a case stands after some of its samples ran. */
    enum Outcome {
        /** Enough samples passed; the remaining ones cannot make it fail. */
        PASSED,
        /** So many samples failed that the required passes are out of reach. */
        FAILED,
        /** The remaining samples can still go either way. */
        UNDECIDED
    }

    public SamplePlan {
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be at least 1, but was " + samples);
        }
        if (!(minPassRate >= 0.0 && minPassRate <= 1.0)) {
            throw new IllegalArgumentException("minPassRate must be between 0 and 1, but was " + minPassRate);
        }
    }

    /** The plan for {@code samples} runs of which a share of at least {@code minPassRate} must pass. */
    public static SamplePlan of(int samples, double minPassRate) {
        return new SamplePlan(samples, minPassRate);
    }

    /** How many samples must pass: {@code ceil(minPassRate · samples − 1e-9)}. */
    public int requiredPasses() {
        return (int) Math.ceil(minPassRate * samples - 1e-9);
    }

    /** How many samples may fail while the case can still pass: {@code samples − requiredPasses()}. */
    public int allowedFailures() {
        return samples - requiredPasses();
    }

    /**
     * The case's outcome after {@code passes} passed and {@code failures} failed samples: decided-pass
     * once {@code passes >= requiredPasses()}, decided-fail once {@code failures > allowedFailures()},
     * else undecided. When all samples have run the outcome is always decided.
     *
     * @throws IllegalArgumentException if the counts are negative or add up to more than {@link #samples}
     */
    public Outcome outcome(int passes, int failures) {
        checkCounts(passes, failures);
        if (passes >= requiredPasses()) {
            return Outcome.PASSED;
        }
        if (failures > allowedFailures()) {
            return Outcome.FAILED;
        }
        return Outcome.UNDECIDED;
    }

    /**
     * Whether to stop sampling: always after {@link #samples} samples; with {@code earlyStop} also as
     * soon as the {@link #outcome} is decided — but never before the first sample, so every case has
     * at least one sample to report.
     */
    public boolean shouldStop(int passes, int failures, boolean earlyStop) {
        checkCounts(passes, failures);
        int run = passes + failures;
        if (run == samples) {
            return true;
        }
        return earlyStop && run > 0 && outcome(passes, failures) != Outcome.UNDECIDED;
    }

    /**
     * The final verdict after sampling stopped: passed when {@code passes >= requiredPasses()}. Use it
     * once {@link #shouldStop} said so.
     *
     * @throws IllegalStateException if the samples run so far do not decide the case
     */
    public boolean passed(int passes, int failures) {
        Outcome outcome = outcome(passes, failures);
        if (outcome == Outcome.UNDECIDED) {
            throw new IllegalStateException("The case is undecided after " + passes + " passes and " + failures
                    + " failures of " + samples + " samples (" + requiredPasses() + " passes required)");
        }
        return outcome == Outcome.PASSED;
    }

    private void checkCounts(int passes, int failures) {
        if (passes < 0 || failures < 0 || (long) passes + failures > samples) {
            throw new IllegalArgumentException("Sample counts must be >= 0 and add up to at most " + samples
                    + ", but passes = " + passes + " and failures = " + failures);
        }
    }
}
