package dev.junitllm.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.apiguardian.api.API;

/**
 * Nearest-rank p50, p95 and maximum of the call latencies of a run in milliseconds ({@code
 * totals.latencyMs}); all null (written as an empty object) when no call answered.
 *
 * <pre>{@code
 * Latency l = Latency.of(List.of(120L, 90L, 410L));   // p50 120, p95 410, max 410
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Latency(Long p50, Long p95, Long max) {

    /** No latencies. */
    public static final Latency NONE = new Latency(null, null, null);

    /** The summary of the given latencies in ms; {@link #NONE} when there are none. */
    public static Latency of(java.util.Collection<Long> millis) {
        if (millis.isEmpty()) {
            return NONE;
        }
        dev.junitllm.stats.Percentiles.Summary s = dev.junitllm.stats.Percentiles.summarize(millis);
        return new Latency(s.p50(), s.p95(), s.max());
    }
}
