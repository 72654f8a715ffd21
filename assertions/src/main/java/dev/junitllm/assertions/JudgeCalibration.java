package dev.junitllm.assertions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.junitllm.LlmClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How well a judge agrees with human pass/fail labels: true positive rate (judge passes what humans
 * pass), true negative rate (judge fails what humans fail), Cohen's kappa, and the Rogan–Gladen
 * corrected pass rate. "Positive" means "pass".
 *
 * <p>Input is JSONL, one labelled output a line: {@code {"id": "c1", "input": "...", "output": "...",
 * "human": "pass", "judge": "fail"}}. Labels are {@code "pass"}/{@code "fail"} or {@code
 * true}/{@code false}. Without {@code judge} fields, {@link #judge(Path, LlmClient, String)} asks the
 * judge for each output with the binary rubric prompt that {@code satisfiesRubric} uses.
 *
 * <p>(This module computes its own kappa and Rogan–Gladen; the extension's {@code stats} package may
 * offer the same formulas.)
 *
 * <pre>{@code
 * JudgeCalibration cal = JudgeCalibration.judge(Path.of("src/test/resources/refund-labels.jsonl"),
 *         judge, "States the 30-day refund window");
 * assertThat(cal).hasTruePositiveRateAtLeast(0.9).hasTrueNegativeRateAtLeast(0.9).hasKappaAtLeast(0.6);
 * double trueRate = cal.correctedPassRate(0.82);
 * }</pre>
 */
public final class JudgeCalibration {

    private final int truePositives;
    private final int falseNegatives;
    private final int falsePositives;
    private final int trueNegatives;

    private JudgeCalibration(int tp, int fn, int fp, int tn) {
        if (tp < 0 || fn < 0 || fp < 0 || tn < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        if (tp + fn + fp + tn == 0) {
            throw new IllegalArgumentException("a calibration needs at least one labelled output");
        }
        this.truePositives = tp;
        this.falseNegatives = fn;
        this.falsePositives = fp;
        this.trueNegatives = tn;
    }

    /**
     * A calibration from the four cells of the confusion matrix (human label × judge label).
     *
     * <pre>{@code
     * JudgeCalibration cal = JudgeCalibration.of(40, 5, 10, 45);
     * cal.cohensKappa(); // 0.70
     * }</pre>
     *
     * @param truePositives human pass, judge pass
     * @param falseNegatives human pass, judge fail
     * @param falsePositives human fail, judge pass
     * @param trueNegatives human fail, judge fail
     */
    public static JudgeCalibration of(int truePositives, int falseNegatives, int falsePositives, int trueNegatives) {
        return new JudgeCalibration(truePositives, falseNegatives, falsePositives, trueNegatives);
    }

    /**
     * Reads a JSONL file whose rows carry both {@code human} and {@code judge} labels.
     *
     * <pre>{@code
     * JudgeCalibration cal = JudgeCalibration.fromJsonl(Path.of("target/judge-labels.jsonl"));
     * }</pre>
     *
     * @throws IllegalArgumentException naming the file and line of a malformed row
     */
    public static JudgeCalibration fromJsonl(Path file) {
        List<LabelledOutput> rows = readJsonl(file);
        int[] cells = new int[4];
        for (LabelledOutput row : rows) {
            if (row.judge == null) {
                throw new IllegalArgumentException(row.source + ": missing field 'judge' (\"pass\" or \"fail\");"
                        + " to let a judge label the outputs use JudgeCalibration.judge(file, judge, criterion)");
            }
            count(cells, row.human, row.judge);
        }
        return of(cells[0], cells[1], cells[2], cells[3]);
    }

    /**
     * Asks {@code judge} whether each output meets {@code criterion} (the prompt of {@code
     * satisfiesRubric}) and compares its verdicts with the human labels; {@code judge} labels in the
     * file are ignored. Judge calls go through the client, so inside an {@code @LlmTest} they are
     * recorded and replayed.
     *
     * <pre>{@code
     * JudgeCalibration cal = JudgeCalibration.judge(labels, judge, "States the 30-day refund window");
     * }</pre>
     *
     * @throws JudgeAnswerException when the judge's answer is not the JSON asked for
     */
    public static JudgeCalibration judge(Path file, LlmClient judge, String criterion) {
        Objects.requireNonNull(judge, "judge");
        JudgePanel panel = new JudgePanel(List.of(judge), 1, 0.0);
        int[] cells = new int[4];
        for (LabelledOutput row : readJsonl(file)) {
            JsonNode answer = panel.ask(
                            JudgePrompt.RUBRIC,
                            Map.of(
                                    "criterion",
                                    criterion,
                                    "question",
                                    row.input == null ? AbstractLlmResponseAssert.NOT_GIVEN : row.input,
                                    "reference",
                                    AbstractLlmResponseAssert.NONE,
                                    "response",
                                    row.output))
                    .get(0)
                    .answer();
            count(cells, row.human, answer.path("verdict").asText().equals("pass"));
        }
        return of(cells[0], cells[1], cells[2], cells[3]);
    }

    private static void count(int[] cells, boolean human, boolean judge) {
        if (human && judge) {
            cells[0]++;
        } else if (human) {
            cells[1]++;
        } else if (judge) {
            cells[2]++;
        } else {
            cells[3]++;
        }
    }

    private record LabelledOutput(String source, String input, String output, boolean human, Boolean judge) {}

    private static List<LabelledOutput> readJsonl(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return readJsonl(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read judge labels " + file, e);
        }
    }

    static List<LabelledOutput> readJsonl(InputStream in, String name) throws IOException {
        List<LabelledOutput> rows = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            String source = name + " line " + number;
            JsonNode row;
            try {
                row = Json.MAPPER.readTree(line);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(source + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
            }
            if (!row.isObject()) {
                throw new IllegalArgumentException(source + ": expected a JSON object");
            }
            JsonNode output = row.get("output");
            if (output == null || !output.isTextual()) {
                throw new IllegalArgumentException(source + ": missing text field 'output'");
            }
            JsonNode human = row.get("human");
            if (human == null) {
                throw new IllegalArgumentException(source + ": missing field 'human' (\"pass\" or \"fail\")");
            }
            JsonNode judge = row.get("judge");
            rows.add(new LabelledOutput(
                    source,
                    row.hasNonNull("input") ? row.get("input").asText() : null,
                    output.asText(),
                    label(human, source, "human"),
                    judge == null || judge.isNull() ? null : label(judge, source, "judge")));
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(name + ": no labelled outputs");
        }
        return rows;
    }

    private static boolean label(JsonNode node, String source, String field) {
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isTextual()) {
            switch (node.asText().toLowerCase(Locale.ROOT)) {
                case "pass":
                    return true;
                case "fail":
                    return false;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException(
                source + ": field '" + field + "' must be \"pass\", \"fail\", true or false but was " + node);
    }

    /**
     * Number of labelled outputs.
     *
     * <pre>{@code
     * JudgeCalibration.of(40, 5, 10, 45).size(); // 100
     * }</pre>
     */
    public int size() {
        return truePositives + falseNegatives + falsePositives + trueNegatives;
    }

    /**
     * Human pass, judge pass.
     *
     * <pre>{@code
     * JudgeCalibration.of(40, 5, 10, 45).truePositives(); // 40
     * }</pre>
     */
    public int truePositives() {
        return truePositives;
    }

    /**
     * Human pass, judge fail.
     *
     * <pre>{@code
     * JudgeCalibration.of(40, 5, 10, 45).falseNegatives(); // 5
     * }</pre>
     */
    public int falseNegatives() {
        return falseNegatives;
    }

    /**
     * Human fail, judge pass.
     *
     * <pre>{@code
     * JudgeCalibration.of(40, 5, 10, 45).falsePositives(); // 10
     * }</pre>
     */
    public int falsePositives() {
        return falsePositives;
    }

    /**
     * Human fail, judge fail.
     *
     * <pre>{@code
     * JudgeCalibration.of(40, 5, 10, 45).trueNegatives(); // 45
     * }</pre>
     */
    public int trueNegatives() {
        return trueNegatives;
    }

    /**
     * TPR: the share of human-passed outputs the judge passes; NaN when humans passed none.
     *
     * <pre>{@code
     * JudgeCalibration.of(40, 5, 10, 45).truePositiveRate(); // 40/45 = 0.889
     * }</pre>
     */
    public double truePositiveRate() {
        int positives = truePositives + falseNegatives;
        return positives == 0 ? Double.NaN : (double) truePositives / positives;
    }

    /**
     * TNR: the share of human-failed outputs the judge fails; NaN when humans failed none.
     *
     * <pre>{@code
     * JudgeCalibration.of(40, 5, 10, 45).trueNegativeRate(); // 45/55 = 0.818
     * }</pre>
     */
    public double trueNegativeRate() {
        int negatives = falsePositives + trueNegatives;
        return negatives == 0 ? Double.NaN : (double) trueNegatives / negatives;
    }

    /**
     * Share of outputs where judge and humans agree.
     *
     * <pre>{@code
     * JudgeCalibration.of(40, 5, 10, 45).observedAgreement(); // 0.85
     * }</pre>
     */
    public double observedAgreement() {
        return (double) (truePositives + trueNegatives) / size();
    }

    /**
     * Cohen's kappa {@code (p_o - p_e) / (1 - p_e)}, where {@code p_e} is the agreement expected by
     * chance from the two raters' pass rates. NaN when {@code p_e = 1} (both raters gave every output
     * the same label), where kappa is undefined.
     *
     * <pre>{@code
     * JudgeCalibration.of(40, 5, 10, 45).cohensKappa(); // (0.85 - 0.5) / (1 - 0.5) = 0.70
     * }</pre>
     */
    public double cohensKappa() {
        double n = size();
        double humanPass = (truePositives + falseNegatives) / n;
        double judgePass = (truePositives + falsePositives) / n;
        double expected = humanPass * judgePass + (1 - humanPass) * (1 - judgePass);
        if (expected >= 1.0) {
            return Double.NaN;
        }
        return (observedAgreement() - expected) / (1 - expected);
    }

    /**
     * The judge's pass rate on the labelled outputs.
     *
     * <pre>{@code
     * JudgeCalibration.of(40, 5, 10, 45).judgePassRate(); // 0.50
     * }</pre>
     */
    public double judgePassRate() {
        return (double) (truePositives + falsePositives) / size();
    }

    /**
     * Rogan–Gladen: the true pass rate estimated from a pass rate {@code observed} with this judge,
     * {@code (p_obs + TNR - 1) / (TPR + TNR - 1)}, clipped to [0, 1].
     *
     * <pre>{@code
     * JudgeCalibration.of(40, 5, 10, 45).correctedPassRate(0.6); // (0.6 + 0.818 - 1) / (0.889 + 0.818 - 1) = 0.591
     * }</pre>
     *
     * @throws IllegalStateException when TPR or TNR is undefined or {@code TPR + TNR <= 1} (the judge
     *     is no better than chance, so nothing can be corrected)
     */
    public double correctedPassRate(double observed) {
        if (observed < 0 || observed > 1) {
            throw new IllegalArgumentException("observed pass rate must be within 0..1 but was " + observed);
        }
        double tpr = truePositiveRate();
        double tnr = trueNegativeRate();
        if (Double.isNaN(tpr) || Double.isNaN(tnr)) {
            throw new IllegalStateException("Rogan–Gladen needs both human pass and human fail labels: " + this);
        }
        double youden = tpr + tnr - 1;
        if (youden <= 0) {
            throw new IllegalStateException("Rogan–Gladen is undefined: TPR + TNR - 1 = " + fmt(youden)
                    + " <= 0, the judge is no better than chance: " + this);
        }
        return Math.min(1.0, Math.max(0.0, (observed + tnr - 1) / youden));
    }

    /**
     * The confusion matrix and the rates, for failure messages and logs.
     *
     * <pre>{@code
     * JudgeCalibration.of(40, 5, 10, 45).toString();
     * // JudgeCalibration[n=100, TP=40, FN=5, FP=10, TN=45, TPR=0.889, TNR=0.818, kappa=0.700]
     * }</pre>
     */
    @Override
    public String toString() {
        return "JudgeCalibration[n=" + size() + ", TP=" + truePositives + ", FN=" + falseNegatives + ", FP="
                + falsePositives + ", TN=" + trueNegatives + ", TPR=" + fmt(truePositiveRate()) + ", TNR="
                + fmt(trueNegativeRate()) + ", kappa=" + fmt(cohensKappa()) + "]";
    }

    private static String fmt(double d) {
        return Double.isNaN(d) ? "undefined" : String.format(Locale.ROOT, "%.3f", d);
    }
}
