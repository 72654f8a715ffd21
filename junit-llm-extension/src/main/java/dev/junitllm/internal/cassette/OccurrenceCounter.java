package dev.junitllm.internal.cassette;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Numbers identical requests within one sample: the first is occurrence 0, the next 1, and so on
 * (VCR semantics: a body that asks twice replays two answers). A call that fails gives its number
 * back, so that an SDK retrying after an error asks for the same occurrence again instead of
 * shifting every later one.
 */
final class OccurrenceCounter {
    private final Map<String, Counter> counters = new HashMap<>();

    synchronized int take(String request) {
        Counter counter = counters.computeIfAbsent(request, r -> new Counter());
        Integer released = counter.released.pollFirst();
        return released != null ? released : counter.next++;
    }

    synchronized void giveBack(String request, int occurrence) {
        counters.get(request).released.add(occurrence);
    }

    private static final class Counter {
        int next;
        final TreeSet<Integer> released = new TreeSet<>();
    }
}
