package dev.junitllm.internal.client;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try again and how long to wait. Mirrors what the official SDKs do: retry 408, 409, 429 and
 * 5xx (Anthropic's 529 included) and connection failures; wait what {@code retry-after-ms} or {@code
 * Retry-After} asks (capped), else back off exponentially with jitter.
 */
public final class RetryPolicy {

    private static final Duration BASE = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(8);

    private final int maxRetries;
    private final Duration maxWait;
    private final Clock clock;

    public RetryPolicy(int maxRetries, Duration maxWait, Clock clock) {
        this.maxRetries = maxRetries;
        this.maxWait = maxWait;
        this.clock = clock;
    }

    public int maxRetries() {
        return maxRetries;
    }

    public static boolean retryableStatus(int status) {
        return status == 408 || status == 409 || status == 429 || status >= 500;
    }

    /**
     * Whether an error response may be retried: a retryable status that is not a spend limit, unless
     * the server says otherwise with {@code x-should-retry}.
     */
    public static boolean shouldRetry(int status, HttpHeaders headers, boolean spendLimitReached) {
        if (spendLimitReached) {
            return false;
        }
        String hint =
                headers == null ? null : headers.firstValue("x-should-retry").orElse(null);
        if ("true".equalsIgnoreCase(hint)) {
            return true;
        }
        if ("false".equalsIgnoreCase(hint)) {
            return false;
        }
        return retryableStatus(status);
    }

    /** The wait before retry number {@code retry} (1 = the first retry). */
    public Duration waitBefore(int retry, HttpHeaders headers) {
        Duration asked = headers == null ? null : retryAfter(headers);
        Duration wait = asked != null ? asked : backoff(retry);
        if (wait.isNegative()) {
            return Duration.ZERO;
        }
        return wait.compareTo(maxWait) > 0 ? maxWait : wait;
    }

    /** {@code min(0.5 s * 2^(retry-1), 8 s)}, less up to 25% jitter so parallel tests don't retry in step. */
    static Duration backoff(int retry) {
        long base = BASE.toMillis() << Math.min(Math.max(retry - 1, 0), 10);
        long capped = Math.min(base, MAX_BACKOFF.toMillis());
        double jitter = 1 - 0.25 * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis(Math.round(capped * jitter));
    }

    private Duration retryAfter(HttpHeaders headers) {
        String ms = headers.firstValue("retry-after-ms").orElse(null);
        if (ms != null) {
            try {
                return Duration.ofNanos(Math.round(Double.parseDouble(ms.strip()) * 1_000_000));
            } catch (NumberFormatException ignored) {
                // fall through to Retry-After
            }
        }
        String after = headers.firstValue("retry-after").orElse(null);
        if (after == null || after.isBlank()) {
            return null;
        }
        try {
            return Duration.ofMillis(Math.round(Double.parseDouble(after.strip()) * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(after.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
                return Duration.between(clock.instant(), at.toInstant());
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
