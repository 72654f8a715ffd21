package dev.junitllm.assertions.internal.judge;

import java.util.List;

/**
 * The outcome of one pairwise comparison judged in both orders. The response is "A" in the first
 * order and "B" in the second, so a consistent preference for it reads A then B.
 */
public final class PairwiseOutcome {
    public static final String WIN = "win";
    public static final String LOSS = "loss";
    public static final String TIE = "tie";
    public static final String INCONSISTENT = "inconsistent";

    private PairwiseOutcome() {}

    public static String of(String responseFirst, String responseSecond) {
        if (responseFirst.equals("A") && responseSecond.equals("B")) {
            return WIN;
        }
        if (responseFirst.equals("B") && responseSecond.equals("A")) {
            return LOSS;
        }
        if (responseFirst.equals("tie") && responseSecond.equals("tie")) {
            return TIE;
        }
        return INCONSISTENT;
    }

    /** For a failed check: the most frequent non-win outcome, ties broken towards "inconsistent". */
    public static String summarise(List<String> outcomes) {
        String best = INCONSISTENT;
        long bestCount = -1;
        for (String candidate : List.of(INCONSISTENT, LOSS, TIE, WIN)) {
            long count = outcomes.stream().filter(candidate::equals).count();
            if (count > bestCount) {
                best = candidate;
                bestCount = count;
            }
        }
        return best.equals(WIN) ? "no majority of wins" : best;
    }
}
