package dev.junitllm.internal.cost;

import dev.junitllm.BudgetExceededException;
import dev.junitllm.LlmConfiguration;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * What a run may spend on live calls ({@code llm.budget.usd}) and what it has spent so far. One
 * instance per run, shared by every client; thread-safe.
 *
 * <p>The HTTP transport calls {@link #checkCanSend(String)} before every attempt, and clients call
 * {@link #add(double)} with the cost of every live call. Replayed calls spend nothing. Calls already
 * in flight when the cap is reached still complete, so a run can overshoot its cap by at most what
 * {@code llm.concurrency} calls cost.
 *
 * <pre>{@code
 * Budget budget = Budget.fromConfig(key -> Optional.ofNullable(System.getProperty(key)));
 * budget.add(0.0021);
 * budget.spentUsd();   // 0.0021
 * }</pre>
 */
public final class Budget {

    private final Double capUsd;
    private double spentUsd;

    private Budget(Double capUsd) {
        this.capUsd = capUsd;
    }

    /** No cap: spend is counted but never refused. */
    public static Budget unlimited() {
        return new Budget(null);
    }

    /** A cap in USD (0 refuses every live call). */
    public static Budget ofUsd(double capUsd) {
        if (!(capUsd >= 0) || Double.isInfinite(capUsd)) {
            throw new IllegalArgumentException("a budget must be a finite amount >= 0 USD but was " + capUsd);
        }
        return new Budget(capUsd);
    }

    /**
     * The cap from {@code llm.budget.usd}; unlimited when unset.
     *
     * @throws IllegalArgumentException when the value is not a number >= 0, naming key and value
     */
    public static Budget fromConfig(Function<String, Optional<String>> config) {
        Optional<String> raw =
                config.apply(LlmConfiguration.BUDGET_USD).map(String::strip).filter(s -> !s.isEmpty());
        if (raw.isEmpty()) {
            return unlimited();
        }
        String value = raw.get().startsWith("$") ? raw.get().substring(1) : raw.get();
        try {
            return ofUsd(Double.parseDouble(value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(LlmConfiguration.BUDGET_USD + "=" + raw.get()
                    + " is not allowed: give an amount in USD >= 0, e.g. " + LlmConfiguration.BUDGET_USD + "=5.00");
        }
    }

    /**
     * Refuses to send once the spend has reached the cap.
     *
     * @param what the call about to be sent, for the message (e.g. {@code openai:gpt-4o-mini /chat/completions})
     * @throws BudgetExceededException naming the spend so far and the cap
     */
    public synchronized void checkCanSend(String what) {
        if (capUsd != null && spentUsd >= capUsd) {
            throw new BudgetExceededException(spentUsd, capUsd, what);
        }
    }

    /** Adds the cost of a live call. */
    public synchronized void add(double usd) {
        if (!(usd >= 0) || Double.isInfinite(usd)) {
            throw new IllegalArgumentException("a cost must be a finite amount >= 0 USD but was " + usd);
        }
        spentUsd += usd;
    }

    /** What live calls have cost so far (calls of unknown price are not counted). */
    public synchronized double spentUsd() {
        return spentUsd;
    }

    /** The cap; empty when unlimited. */
    public OptionalDouble capUsd() {
        return capUsd == null ? OptionalDouble.empty() : OptionalDouble.of(capUsd);
    }

    private static String format(double usd) {
        return BigDecimal.valueOf(usd).stripTrailingZeros().toPlainString();
    }

    @Override
    public String toString() {
        return "Budget[spent " + spentUsd() + " of " + (capUsd == null ? "unlimited" : format(capUsd)) + " USD]";
    }
}
