package dev.junitllm.internal.client;

/**
 * Keeps a live call's concurrency slot taken until its cost has been charged to the budget. Without
 * it, a call waiting for a slot could start in the moment between the previous call's answer and its
 * charge, still seeing the old spend, and a capped run would overshoot by more than {@code
 * llm.concurrency} calls. Per thread: the thread that made the call charges it (our clients and the
 * proxy both do), then {@link #release()}s.
 */
public final class HeldSlots {
    private static final ThreadLocal<Runnable> HELD = new ThreadLocal<>();

    private HeldSlots() {}

    /** Holds {@code release} until {@link #release()} on this thread; releases what was held before. */
    static void hold(Runnable release) {
        release();
        HELD.set(release);
    }

    /** Releases the slot this thread holds, if any. Call once the call's cost is charged (or is unknown). */
    public static void release() {
        Runnable release = HELD.get();
        if (release != null) {
            HELD.remove();
            release.run();
        }
    }
}
