package dev.junitllm.assertions.internal.judge;

import java.util.List;
import java.util.function.Predicate;

/** Counting a panel's ballots. */
public final class Votes {
    private Votes() {}

    /** The smallest share of votes that is a strict majority of {@code n}. */
    public static double majority(int n) {
        return (n / 2 + 1) / (double) n;
    }

    /** Whether {@code yes} of {@code n} votes is a strict majority. */
    public static boolean isMajority(int yes, int n) {
        return yes * 2 > n;
    }

    /** How many ballots say yes. */
    public static int count(List<JudgePanel.Ballot> ballots, Predicate<JudgePanel.Ballot> yes) {
        return (int) ballots.stream().filter(yes).count();
    }

    /** Names the judge in front of its critique, when there is more than one vote to tell apart. */
    public static String label(JudgePanel.Ballot ballot, JudgePanel panel) {
        return panel.size() > 1 ? "[" + ballot.judge() + "] " : "";
    }
}
