package dev.junitllm.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junitllm.results.JudgeCalibrationResult;
import dev.junitllm.results.LlmResults;
import dev.junitllm.results.ResultsWriter;
import dev.junitllm.results.TestResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The judges' agreement with people, as the report and the {@code check} goal show it: one row per
 * judge criterion ({@link JudgeCalibrationResult}) over all results documents, and the gate that fails
 * the build when a judge with enough labels agrees with people less than {@code minKappa}.
 *
 * <pre>{@code
 * List<JudgeCalibrationResult> rows = JudgeAgreementTable.of(List.of(results));
 * JudgeAgreementTable.gateFailures(rows, 0.6, 20);   // ["judge agreement below ...", ...]
 * }</pre>
 */
public final class JudgeAgreementTable {

    /** Kappa a judge must reach unless {@code llm.minJudgeKappa} says otherwise ("substantial", Landis and Koch). */
    public static final double DEFAULT_MIN_KAPPA = 0.6;

    /** Labels a criterion needs before the gate judges it, unless {@code llm.minJudgeLabels} says otherwise. */
    public static final int DEFAULT_MIN_LABELS = 20;

    private JudgeAgreementTable() {}

    /** The calibration of every judge criterion over all documents (their tests taken together). */
    public static List<JudgeCalibrationResult> of(List<LlmResults> documents) {
        List<TestResult> tests = new ArrayList<>();
        documents.forEach(d -> tests.addAll(d.tests()));
        return JudgeCalibrationResult.of(tests);
    }

    /** The rows as the LLM tab reads them ({@code calibration} of {@code data/llm.json}). */
    public static ArrayNode json(List<LlmResults> documents) {
        ArrayNode rows = JsonNodeFactory.instance.arrayNode();
        for (JudgeCalibrationResult c : of(documents)) {
            ObjectNode row = ResultsWriter.toTree(c);
            row.put("staleCount", c.staleLabels().size());
            rows.add(row);
        }
        return rows;
    }

    /**
     * Why the build must fail: every criterion with at least {@code minLabels} labels whose kappa is
     * below {@code minKappa}. Criteria with fewer labels are not judged (too little evidence); an
     * undefined kappa (people and judge gave every answer the same single label) is full agreement.
     */
    public static List<String> gateFailures(List<JudgeCalibrationResult> rows, double minKappa, int minLabels) {
        List<String> failures = new ArrayList<>();
        for (JudgeCalibrationResult c : rows) {
            if (c.labels() >= minLabels && c.kappa() != null && c.kappa() < minKappa) {
                failures.add("judge agreement with people below minJudgeKappa " + fmt(minKappa) + ": " + line(c)
                        + " — the judge drifts from the human labels: check the judge model and prompt, or"
                        + " review the labels (llm.minJudgeKappa, llm.minJudgeLabels)");
            }
        }
        return failures;
    }

    /** One console line: {@code rubric "States …": kappa 0.70 [0.56, 0.84] on 100 labels, TPR 0.89, TNR 0.82, …}. */
    public static String line(JudgeCalibrationResult c) {
        String criterion = c.criterion().length() > 60 ? c.criterion().substring(0, 59) + "…" : c.criterion();
        StringBuilder s = new StringBuilder(c.metric() + " \"" + criterion + "\": ");
        if (c.labels() == 0) {
            s.append("no labels");
        } else {
            s.append("kappa ")
                    .append(c.kappa() == null ? "undefined (one label throughout)" : fmt(c.kappa()))
                    .append(
                            c.kappaInterval() == null
                                    ? ""
                                    : " [" + fmt(c.kappaInterval().low()) + ", "
                                            + fmt(c.kappaInterval().high()) + "]")
                    .append(" on ")
                    .append(c.labels())
                    .append(c.labels() == 1 ? " label" : " labels")
                    .append(", TPR ")
                    .append(c.tpr() == null ? "n/a" : fmt(c.tpr()))
                    .append(", TNR ")
                    .append(c.tnr() == null ? "n/a" : fmt(c.tnr()));
        }
        if (c.judgePassRate() != null) {
            s.append("; judge pass rate ").append(pct(c.judgePassRate()));
            if (c.correctedPassRate() != null) {
                s.append(", corrected ").append(pct(c.correctedPassRate()));
            }
        }
        if (c.overruled() > 0) {
            s.append("; ").append(c.overruled()).append(" overruled by people");
        }
        if (!c.staleLabels().isEmpty()) {
            s.append("; ").append(c.staleLabels().size()).append(" stale labels (answers changed: review again)");
        }
        return s.toString();
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.2f", d);
    }

    private static String pct(double d) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * d);
    }
}
