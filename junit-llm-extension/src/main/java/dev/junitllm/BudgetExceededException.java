package dev.junitllm;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.INTERNAL;

import java.math.BigDecimal;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * A live call was refused because the run has already spent its {@code llm.budget.usd}. Nothing was
 * sent; the message names the spend so far and the cap.
 *
 * <pre>{@code
 * mvn test -Dllm.mode=record -Dllm.budget.usd=0.50
 * // Budget reached: this run has spent $0.501200 live, at or over its cap llm.budget.usd=0.5; …
 * }</pre>
 */
@API(status = EXPERIMENTAL)
public final class BudgetExceededException extends LlmException {
    private static final long serialVersionUID = 1L;

    private final double spentUsd;
    private final double capUsd;

    @API(status = INTERNAL)
    public BudgetExceededException(double spentUsd, double capUsd, String what) {
        super(String.format(
                Locale.ROOT,
                "Budget reached: this run has spent $%.6f live, at or over its cap %s=%s; %s was not sent. "
                        + "Raise -D%s, or replay from cassettes (-D%s=replay), which spends nothing.",
                spentUsd,
                LlmConfiguration.BUDGET_USD,
                BigDecimal.valueOf(capUsd).stripTrailingZeros().toPlainString(),
                what,
                LlmConfiguration.BUDGET_USD,
                LlmConfiguration.MODE));
        this.spentUsd = spentUsd;
        this.capUsd = capUsd;
    }

    /** What the run had spent when the call was refused. */
    public double spentUsd() {
        return spentUsd;
    }

    /** The configured cap. */
    public double capUsd() {
        return capUsd;
    }
}
