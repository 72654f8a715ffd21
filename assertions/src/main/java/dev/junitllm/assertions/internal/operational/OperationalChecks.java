package dev.junitllm.assertions.internal.operational;

import static dev.junitllm.assertions.internal.Format.usd;
import static dev.junitllm.assertions.internal.error.ShouldBeWithinBounds.shouldBeAtMost;
import static dev.junitllm.assertions.internal.error.ShouldBeWithinBounds.shouldBeKnown;

import dev.junitllm.LlmResponse;
import dev.junitllm.Verdict;
import dev.junitllm.assertions.internal.Check;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** Checks on what the call cost and how long it took; the actual value shown is the measured one. */
public final class OperationalChecks {
    private OperationalChecks() {}

    /** An unknown price fails, saying so: it is never taken as 0. */
    public static Check costAtMost(LlmResponse response, double maxUsd) {
        if (maxUsd < 0) {
            throw new IllegalArgumentException("maxUsd must not be negative but was " + maxUsd);
        }
        String expected = "<= " + usd(maxUsd);
        if (response.costUsd().isEmpty()) {
            String why = "the price of model " + Objects.requireNonNullElse(response.requestedModel(), response.model())
                    + " is unknown (add it to the price table)";
            return new Check(
                    Verdict.binary("costUsd", false, "cost unknown: " + why),
                    () -> shouldBeKnown("cost (USD)", why),
                    expected,
                    "unknown");
        }
        double cost = response.costUsd().getAsDouble();
        boolean ok = cost <= maxUsd;
        return new Check(
                Verdict.binary("costUsd", ok, "cost $" + usd(cost) + (ok ? " <= $" : " > $") + usd(maxUsd)),
                () -> shouldBeAtMost("cost (USD)", usd(cost), usd(maxUsd)),
                expected,
                usd(cost));
    }

    public static Check latencyAtMost(LlmResponse response, Duration max) {
        return durationAtMost("latency", "latency", "latency ", Optional.of(response.latency()), max, "");
    }

    public static Check tokensAtMost(LlmResponse response, long maxTokens) {
        long used = response.usage().totalTokens();
        boolean ok = used <= maxTokens;
        return new Check(
                Verdict.binary("tokens", ok, used + " tokens" + (ok ? " <= " : " > ") + maxTokens),
                () -> shouldBeAtMost("total tokens", String.valueOf(used), String.valueOf(maxTokens)),
                "<= " + maxTokens,
                String.valueOf(used));
    }

    /** A response that was not streamed has no time to first token and fails, saying so. */
    public static Check firstTokenWithin(LlmResponse response, Duration max) {
        return durationAtMost(
                "timeToFirstToken",
                "time to first token",
                "first token after ",
                response.timeToFirstToken(),
                max,
                "the response was not streamed, so it has no time to first token (use chatStream)");
    }

    private static Check durationAtMost(
            String metric,
            String quantity,
            String prefix,
            Optional<Duration> measured,
            Duration max,
            String whyUnknown) {
        if (measured.isEmpty()) {
            return new Check(
                    Verdict.binary(metric, false, whyUnknown),
                    () -> shouldBeKnown(quantity, whyUnknown),
                    "<= " + max,
                    "unknown");
        }
        Duration value = measured.get();
        boolean ok = value.compareTo(max) <= 0;
        return new Check(
                Verdict.binary(
                        metric, ok, prefix + value.toMillis() + " ms" + (ok ? " <= " : " > ") + max.toMillis() + " ms"),
                () -> shouldBeAtMost(quantity, value.toString(), max.toString()),
                "<= " + max,
                value.toString());
    }
}
