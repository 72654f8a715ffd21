package dev.junitllm.assertions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.junitllm.JudgeAnswerException;
import dev.junitllm.LlmClient;
import dev.junitllm.assertions.internal.judge.JudgeInputs;
import dev.junitllm.assertions.internal.judge.JudgePanel;
import dev.junitllm.assertions.internal.judge.JudgePrompt;
import dev.junitllm.assertions.internal.structure.Json;
import dev.junitllm.stats.JudgeAgreement;
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
import java.util.function.DoubleSupplier;
import org.apiguardian.api.API;

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
 * <p>The formulas are those of {@link JudgeAgreement}; here an undefined rate is NaN rather than an
 * exception, so that an assertion can report it.
 *
 * <pre>{@code
 * JudgeCalibration cal = JudgeCalibration.judge(Path.of("src/test/resources/refund-labels.jsonl"),
 *         judge, "States the 30-day refund window");
 * assertThat(cal).hasTruePositiveRateAtLeast(0.9).hasTrueNegativeRateAtLeast(0.9).hasKappaAtLeast(0.6);
 * double trueRate = cal.correctedPassRate(0.82);
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class JudgeCalibration {

    private final JudgeAgreement agreement;

    private JudgeCalibration(JudgeAgreement agreement) {
        if (agreement.total() == 0) {
            throw new IllegalArgumentException("a calibration needs at least one labelled output");
        }
        this.agreement = agreement;
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
        JudgeAgreement agreement;
        try {
            agreement = new JudgeAgreement(truePositives, falsePositives, falseNegatives, trueNegatives);
        } catch (IllegalArgumentException negative) {
            throw new IllegalArgumentException("counts must not be negative", negative);
        }
        return new JudgeCalibration(agreement);
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
        List<Boolean> human = new ArrayList<>();
        List<Boolean> judge = new ArrayList<>();
        for (LabelledOutput row : readJsonl(file)) {
            if (row.judge == null) {
                throw new IllegalArgumentException(row.source + ": missing field 'judge' (\"pass\" or \"fail\");"
                        + " to let a judge label the outputs use JudgeCalibration.judge(file, judge, criterion)");
            }
            human.add(row.human);
            judge.add(row.judge);
        }
        return new JudgeCalibration(JudgeAgreement.of(human, judge));
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
        List<Boolean> human = new ArrayList<>();
        List<Boolean> verdicts = new ArrayList<>();
        for (LabelledOutput row : readJsonl(file)) {
            JsonNode answer = panel.ask(
                            JudgePrompt.RUBRIC,
                            Map.of(
                                    "criterion",
                                    criterion,
                                    "question",
                                    row.input == null ? JudgeInputs.NOT_GIVEN : row.input,
                                    "reference",
                                    JudgeInputs.NONE,
                                    "response",
                                    row.output))
                    .get(0)
                    .answer();
            human.add(row.human);
            verdicts.add(answer.path("verdict").asText().equals("pass"));
        }
        return new JudgeCalibration(JudgeAgreement.of(human, verdicts));
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
        return agreement.total();
    }

    /**
     * Human pass, judge pass.
     *
     * <pre>{@code
     * JudgeCalibration.of(40, 5, 10, 45).truePositives(); // 40
     * }</pre>
     */
    public int truePositives() {
        return agreement.truePositives();
    }

    /**
     * Human pass, judge fail.
     *
     * <pre>{@code
     * JudgeCalibration.of(40, 5, 10, 45).falseNegatives(); // 5
     * }</pre>
     */
    public int falseNegatives() {
        return agreement.falseNegatives();
    }

    /**
     * Human fail, judge pass.
     *
     * <pre>{@code
     * JudgeCalibration.of(40, 5, 10, 45).falsePositives(); // 10
     * }</pre>
     */
    public int falsePositives() {
        return agreement.falsePositives();
    }

    /**
     * Human fail, judge fail.
     *
     * <pre>{@code
     * JudgeCalibration.of(40, 5, 10, 45).trueNegatives(); // 45
     * }</pre>
     */
    public int trueNegatives() {
        return agreement.trueNegatives();
    }

    /**
     * TPR: the share of human-passed outputs the judge passes; NaN when humans passed none.
     *
     * <pre>{@code
     * JudgeCalibration.of(40, 5, 10, 45).truePositiveRate(); // 40/45 = 0.889
     * }</pre>
     */
    public double truePositiveRate() {
        return nanIfUndefined(agreement::tpr);
    }

    /**
     * TNR: the share of human-failed outputs the judge fails; NaN when humans failed none.
     *
     * <pre>{@code
     * JudgeCalibration.of(40, 5, 10, 45).trueNegativeRate(); // 45/55 = 0.818
     * }</pre>
     */
    public double trueNegativeRate() {
        return nanIfUndefined(agreement::tnr);
    }

    /**
     * Share of outputs where judge and humans agree.
     *
     * <pre>{@code
     * JudgeCalibration.of(40, 5, 10, 45).observedAgreement(); // 0.85
     * }</pre>
     */
    public double observedAgreement() {
        return agreement.observedAgreement();
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
        return nanIfUndefined(agreement::kappa);
    }

    /**
     * The judge's pass rate on the labelled outputs.
     *
     * <pre>{@code
     * JudgeCalibration.of(40, 5, 10, 45).judgePassRate(); // 0.50
     * }</pre>
     */
    public double judgePassRate() {
        return (double) (truePositives() + falsePositives()) / size();
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
        if (!(observed >= 0 && observed <= 1)) {
            throw new IllegalArgumentException("observed pass rate must be within 0..1 but was " + observed);
        }
        double tpr = truePositiveRate();
        double tnr = trueNegativeRate();
        if (Double.isNaN(tpr) || Double.isNaN(tnr)) {
            throw new IllegalStateException("Rogan–Gladen needs both human pass and human fail labels: " + this);
        }
        try {
            return JudgeAgreement.roganGladen(observed, tpr, tnr);
        } catch (IllegalStateException noBetterThanChance) {
            throw new IllegalStateException(
                    "Rogan–Gladen is undefined: TPR + TNR - 1 = " + fmt(tpr + tnr - 1)
                            + " <= 0, the judge is no better than chance: " + this,
                    noBetterThanChance);
        }
    }

    /** {@link JudgeAgreement} throws for an undefined rate; a calibration reports it as NaN. */
    private static double nanIfUndefined(DoubleSupplier rate) {
        try {
            return rate.getAsDouble();
        } catch (IllegalStateException undefined) {
            return Double.NaN;
        }
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
        return "JudgeCalibration[n=" + size() + ", TP=" + truePositives() + ", FN=" + falseNegatives() + ", FP="
                + falsePositives() + ", TN=" + trueNegatives() + ", TPR=" + fmt(truePositiveRate()) + ", TNR="
                + fmt(trueNegativeRate()) + ", kappa=" + fmt(cohensKappa()) + "]";
    }

    private static String fmt(double d) {
        return Double.isNaN(d) ? "undefined" : String.format(Locale.ROOT, "%.3f", d);
    }
}
