package dev.junitllm.results;

import dev.junitllm.stats.Interval;
import dev.junitllm.stats.JudgeAgreement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * How one judge criterion agreed with people in a run ({@code calibration[]} of the results file),
 * computed from the judge verdicts that carry a {@link JudgeReview}: every answer labelled by a person
 * (a {@link HumanLabel} on exactly that answer) pairs the judge's own verdict with the person's. From
 * the pairs: TPR, TNR, Cohen's kappa with its 95% interval; over all the criterion's verdicts: the
 * judge's raw pass rate and its Rogan–Gladen correction. Labels on answers that changed are listed as
 * stale.
 *
 * <pre>{@code
 * for (JudgeCalibrationResult c : results.calibration()) {
 *     c.criterion() + ": kappa " + c.kappa() + " on " + c.labels() + " labels";
 * }
 * }</pre>
 *
 * @param metric the judge check ({@code rubric}, {@code gEval}, {@code toxicity}, …)
 * @param criterion the criterion as the test states it
 * @param labels answers both a person and the judge decided
 * @param truePositives person pass, judge pass
 * @param falsePositives person fail, judge pass
 * @param falseNegatives person pass, judge fail
 * @param trueNegatives person fail, judge fail
 * @param tpr true-positive rate, null when no person passed a labelled answer
 * @param tnr true-negative rate, null when no person failed a labelled answer
 * @param kappa Cohen's kappa, null when undefined (no labels, or one label throughout on both sides)
 * @param kappaInterval 95% interval of kappa ({@link JudgeAgreement#kappaInterval()}), null with kappa
 * @param judged the criterion's judge verdicts in the run (every sample, labelled or not)
 * @param judgePassRate the judge's own pass rate over {@code judged}, before any label
 * @param correctedPassRate Rogan–Gladen {@code (p + TNR − 1)/(TPR + TNR − 1)} clipped to [0, 1], null
 *     when TPR or TNR is undefined or the judge is no better than chance
 * @param decidedByHuman verdicts a person's label decided
 * @param overruled of those, verdicts where the person disagreed with the judge
 * @param staleLabels labels on this criterion for answers the run no longer produced
 */
@API(status = API.Status.EXPERIMENTAL)
public record JudgeCalibrationResult(
        String metric,
        String criterion,
        int labels,
        int truePositives,
        int falsePositives,
        int falseNegatives,
        int trueNegatives,
        Double tpr,
        Double tnr,
        Double kappa,
        Interval kappaInterval,
        int judged,
        Double judgePassRate,
        Double correctedPassRate,
        int decidedByHuman,
        int overruled,
        List<HumanLabel> staleLabels) {

    public JudgeCalibrationResult {
        staleLabels = Lists.copy(staleLabels);
    }

    /**
     * The calibration of every judge criterion in {@code tests}, sorted by metric and criterion. Each
     * labelled answer (dataset, case, criterion, answer hash) counts once, however many samples judged
     * it.
     */
    public static List<JudgeCalibrationResult> of(List<TestResult> tests) {
        Map<String, Group> groups = new LinkedHashMap<>();
        for (TestResult test : tests) {
            for (CaseResult c : test.cases()) {
                for (SampleResult s : c.samples()) {
                    for (VerdictResult v : s.verdicts()) {
                        if (v.review() != null) {
                            groups.computeIfAbsent(
                                            v.metric() + "\u0000" + v.review().criterion(),
                                            k -> new Group(
                                                    v.metric(), v.review().criterion()))
                                    .add(c, v);
                        }
                    }
                }
            }
        }
        return groups.values().stream()
                .map(Group::result)
                .sorted(Comparator.comparing(JudgeCalibrationResult::metric)
                        .thenComparing(JudgeCalibrationResult::criterion))
                .toList();
    }

    private static final class Group {
        private final String metric;
        private final String criterion;
        private final Set<String> paired = new HashSet<>();
        private final Set<String> produced = new HashSet<>();
        private final Map<String, HumanLabel> stale = new LinkedHashMap<>();
        private final List<Boolean> human = new ArrayList<>();
        private final List<Boolean> judge = new ArrayList<>();
        private int judged;
        private int judgePassed;
        private int decidedByHuman;
        private int overruled;

        Group(String metric, String criterion) {
            this.metric = metric;
            this.criterion = criterion;
        }

        void add(CaseResult c, VerdictResult v) {
            JudgeReview r = v.review();
            judged++;
            judgePassed += r.judgePassed() ? 1 : 0;
            String answerKey = c.dataset() + "\u0000" + c.caseId() + "\u0000" + r.answerHash();
            produced.add(answerKey);
            if (r.humanLabel() != null) {
                decidedByHuman++;
                overruled += r.humanLabel().passed() != r.judgePassed() ? 1 : 0;
                if (paired.add(answerKey)) {
                    human.add(r.humanLabel().passed());
                    judge.add(r.judgePassed());
                }
            }
            for (HumanLabel l : r.staleLabels()) {
                stale.putIfAbsent(c.dataset() + "\u0000" + l.caseId() + "\u0000" + l.answerHash(), l);
            }
        }

        JudgeCalibrationResult result() {
            // a label is stale only if no answer of the run (another model's, another sample's) matches it
            List<HumanLabel> staleLabels = stale.entrySet().stream()
                    .filter(e -> !produced.contains(e.getKey()))
                    .map(Map.Entry::getValue)
                    .toList();
            Double rate = judged == 0 ? null : (double) judgePassed / judged;
            if (human.isEmpty()) {
                return new JudgeCalibrationResult(
                        metric,
                        criterion,
                        0,
                        0,
                        0,
                        0,
                        0,
                        null,
                        null,
                        null,
                        null,
                        judged,
                        rate,
                        null,
                        decidedByHuman,
                        overruled,
                        staleLabels);
            }
            JudgeAgreement a = JudgeAgreement.of(human, judge);
            Double tpr = defined(a::tpr);
            Double tnr = defined(a::tnr);
            Double kappa = defined(a::kappa);
            Double corrected = null;
            if (tpr != null && tnr != null && rate != null && tpr + tnr - 1 > 0) {
                corrected = JudgeAgreement.roganGladen(rate, tpr, tnr);
            }
            return new JudgeCalibrationResult(
                    metric,
                    criterion,
                    a.total(),
                    a.truePositives(),
                    a.falsePositives(),
                    a.falseNegatives(),
                    a.trueNegatives(),
                    tpr,
                    tnr,
                    kappa,
                    kappa == null ? null : a.kappaInterval(),
                    judged,
                    rate,
                    corrected,
                    decidedByHuman,
                    overruled,
                    staleLabels);
        }
    }

    private static Double defined(java.util.function.DoubleSupplier rate) {
        try {
            return rate.getAsDouble();
        } catch (IllegalStateException undefined) {
            return null;
        }
    }
}
