package dev.junitllm.internal.client;

import dev.junitllm.LlmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;

/**
 * One provider's limits: at most {@code concurrency} requests in flight, and, when {@code
 * requestsPerMinute > 0}, at most that many started in any 60-second window. Thread-safe.
 */
final class ProviderLimiter {

    private static final long MINUTE_NANOS = Duration.ofMinutes(1).toNanos();

    private final Semaphore inFlight;
    private final int requestsPerMinute;
    private final ArrayDeque<Long> starts = new ArrayDeque<>();
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;

    ProviderLimiter(int concurrency, int requestsPerMinute, LongSupplier nanoTime, Sleeper sleeper) {
        this.inFlight = new Semaphore(concurrency, true);
        this.requestsPerMinute = requestsPerMinute;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    /** Waits for a slot; pair with {@link #release()}. */
    void acquire(String what) {
        try {
            if (requestsPerMinute > 0) {
                for (long wait = reserveStart(); wait > 0; wait = reserveStart()) {
                    sleeper.sleep(Duration.ofNanos(wait));
                }
            }
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmException("Interrupted while waiting for a free request slot for " + what, e);
        }
    }

    void release() {
        inFlight.release();
    }

    /** Records a start and returns 0, or returns how long to wait until the window has room. */
    private synchronized long reserveStart() {
        long now = nanoTime.getAsLong();
        while (!starts.isEmpty() && now - starts.peekFirst() >= MINUTE_NANOS) {
            starts.pollFirst();
        }
        if (starts.size() < requestsPerMinute) {
            starts.addLast(now);
            return 0;
        }
        return Math.max(1, starts.peekFirst() + MINUTE_NANOS - now);
    }
}
