package dev.junitllm.results;

import org.apiguardian.api.API;

/**
 * Money spent on a case or a run in USD, split into the model under test and the judge (the {@code
 * costUsd} objects of the results file). Amounts are not rounded; {@code null} means unknown (a reader
 * of a summary that lacks them). {@code unknownPriceCalls} counts answered calls of models without a
 * known price, whose cost is left out of the sums rather than counted as zero.
 *
 * <pre>{@code
 * Cost c = new Cost(0.0004, 0.0001, 0.0005, 0);
 * Formats.money(c.total());   // "$0.0005"
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL)
public record Cost(Double model, Double judge, Double total, int unknownPriceCalls) {

    /** Nothing spent. */
    public static final Cost NONE = new Cost(0.0, 0.0, 0.0, 0);
}
