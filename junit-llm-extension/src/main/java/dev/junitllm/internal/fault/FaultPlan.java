package dev.junitllm.internal.fault;

import dev.junitllm.CallRole;
import dev.junitllm.internal.client.Exchange;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The faults of one test case and which call each hits. Each fault counts the calls that match it in
 * the current sample (from 1); a call in its window is hit with its rate, drawn from a generator
 * seeded by the fault's seed plus the sample index. The first fault, in declaration order, that hits
 * a call wins; all of them count it. Only chat calls of the model under test are considered.
 * Thread-safe.
 *
 * <pre>{@code
 * FaultPlan plan = new FaultPlan(List.of(FaultSpec.from(annotation, "RefundTest#storm")));
 * plan.startSample(0);
 * FaultSpec fault = plan.next(exchange);   // null: the call goes through
 * }</pre>
 */
public final class FaultPlan {
    /** No faults. */
    public static final FaultPlan NONE = new FaultPlan(List.of());

    private final List<FaultSpec> faults;
    private final int[] seen;
    private final SplittableRandom[] draws;

    public FaultPlan(List<FaultSpec> faults) {
        this.faults = List.copyOf(faults);
        this.seen = new int[this.faults.size()];
        this.draws = new SplittableRandom[this.faults.size()];
        startSample(0);
    }

    public boolean isEmpty() {
        return faults.isEmpty();
    }

    /** Starts counting again for sample {@code index}. */
    public synchronized void startSample(int index) {
        for (int i = 0; i < faults.size(); i++) {
            seen[i] = 0;
            draws[i] = new SplittableRandom(faults.get(i).seed() + index);
        }
    }

    /** The fault that hits this call, or null. Counts the call for every fault it matches. */
    public synchronized FaultSpec next(Exchange exchange) {
        if (faults.isEmpty() || !applies(exchange)) {
            return null;
        }
        FaultSpec hit = null;
        for (int i = 0; i < faults.size(); i++) {
            FaultSpec f = faults.get(i);
            if (f.model() != null && !f.model().equals(exchange.model())) {
                continue;
            }
            int call = ++seen[i];
            boolean inWindow = call >= f.onCall() && (long) call - f.onCall() < f.calls();
            // draw for every call in the window, hit or not, so one fault's draws never depend on another's
            boolean drawn = inWindow && (f.rate() >= 1 || draws[i].nextDouble() < f.rate());
            if (drawn && hit == null) {
                hit = f;
            }
        }
        return hit;
    }

    /** Chat calls of the model under test: never judges, never embeddings. */
    static boolean applies(Exchange exchange) {
        return exchange.role() == CallRole.MODEL
                && (exchange.path().endsWith("/chat/completions")
                        || exchange.path().endsWith("/messages"));
    }
}
