package dev.junitllm.internal.fault;

import java.util.ArrayList;
import java.util.List;

/**
 * The faults that fired on the current thread since its last call was recorded. A call's faults are
 * injected on the thread that makes it (the test's thread for our clients, the proxy's handler thread
 * for an SDK's request), and the call is recorded on that same thread, which then takes them.
 *
 * <pre>{@code
 * FiredFaults.add("rate_limited: HTTP 429");
 * callRecord.withFaults(FiredFaults.take());
 * }</pre>
 */
public final class FiredFaults {
    private static final ThreadLocal<List<String>> FIRED = ThreadLocal.withInitial(ArrayList::new);

    private FiredFaults() {}

    /** Forgets what an earlier call left behind unrecorded. */
    public static void clear() {
        FIRED.remove();
    }

    public static void add(String fault) {
        FIRED.get().add(fault);
    }

    public static boolean any() {
        return !FIRED.get().isEmpty();
    }

    /** The faults fired since the last take, in order; clears them. */
    public static List<String> take() {
        List<String> fired = List.copyOf(FIRED.get());
        FIRED.remove();
        return fired;
    }
}
