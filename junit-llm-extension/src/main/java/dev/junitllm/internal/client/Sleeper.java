package dev.junitllm.internal.client;

import java.time.Duration;

/** Waits between attempts and for rate limits; tests swap in one that records instead of waiting. */
@FunctionalInterface
public interface Sleeper {
    Sleeper SYSTEM = d -> {
        if (!d.isNegative() && !d.isZero()) {
            Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
        }
    };

    void sleep(Duration duration) throws InterruptedException;
}
