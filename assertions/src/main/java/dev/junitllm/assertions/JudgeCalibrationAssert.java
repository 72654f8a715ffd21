package dev.junitllm.assertions;

import dev.junitllm.Verdict;
import dev.junitllm.assertions.internal.Verdicts;
import java.util.Locale;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;

/**
 * Gates on a judge's agreement with human labels before its verdicts are trusted. Obtain with
 * {@link LlmAssertions#assertThat(JudgeCalibration)}; every check records a verdict.
 *
 * <pre>{@code
 * assertThat(calibration).isTrustworthy();               // TPR >= 0.9, TNR >= 0.9, kappa >= 0.6
 * assertThat(calibration).hasKappaAtLeast(0.8);
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class JudgeCalibrationAssert extends AbstractAssert<JudgeCalibrationAssert, JudgeCalibration> {

    /**
     * Creates the assert; public for soft-assertion proxies.
     *
     * <pre>{@code
     * new JudgeCalibrationAssert(calibration).hasKappaAtLeast(0.6);
     * }</pre>
     */
    public JudgeCalibrationAssert(JudgeCalibration actual) {
        super(actual, JudgeCalibrationAssert.class);
    }

    /**
     * The judge passes at least {@code min} of the outputs humans passed.
     *
     * <pre>{@code
     * // passes for TPR 0.95
     * assertThat(calibration).hasTruePositiveRateAtLeast(0.9);
     * // fails: Expecting the judge's true positive rate to be at least 0.900 but it was 0.889 (JudgeCalibration[...])
     * }</pre>
     */
    public JudgeCalibrationAssert hasTruePositiveRateAtLeast(double min) {
        return atLeast(
                "judgeTruePositiveRate", "true positive rate", calibration().truePositiveRate(), min);
    }

    /**
     * The judge fails at least {@code min} of the outputs humans failed.
     *
     * <pre>{@code
     * assertThat(calibration).hasTrueNegativeRateAtLeast(0.9);
     * }</pre>
     */
    public JudgeCalibrationAssert hasTrueNegativeRateAtLeast(double min) {
        return atLeast(
                "judgeTrueNegativeRate", "true negative rate", calibration().trueNegativeRate(), min);
    }

    /**
     * Cohen's kappa between judge and humans is at least {@code min}; an undefined kappa fails.
     *
     * <pre>{@code
     * assertThat(calibration).hasKappaAtLeast(0.6);
     * }</pre>
     */
    public JudgeCalibrationAssert hasKappaAtLeast(double min) {
        return atLeast("judgeKappa", "Cohen's kappa", calibration().cohensKappa(), min);
    }

    /**
     * TPR and TNR at least 0.9 and kappa at least 0.6 (substantial agreement).
     *
     * <pre>{@code
     * assertThat(calibration).isTrustworthy();
     * }</pre>
     */
    public JudgeCalibrationAssert isTrustworthy() {
        return hasTruePositiveRateAtLeast(0.9).hasTrueNegativeRateAtLeast(0.9).hasKappaAtLeast(0.6);
    }

    private JudgeCalibration calibration() {
        isNotNull();
        return actual;
    }

    private JudgeCalibrationAssert atLeast(String metric, String name, double value, double min) {
        boolean ok = !Double.isNaN(value) && value >= min;
        String shown = Double.isNaN(value) ? "undefined" : String.format(Locale.ROOT, "%.3f", value);
        String minShown = String.format(Locale.ROOT, "%.3f", min);
        Verdicts.record(new Verdict(
                metric,
                Double.isNaN(value) ? 0.0 : Math.max(0, value),
                min,
                ok,
                name + " " + shown + " vs " + minShown));
        if (!ok) {
            throw failureWithActualExpected(
                    shown,
                    ">= " + minShown,
                    "%nExpecting the judge's %s to be at least %s but it was %s (%s)%n",
                    name,
                    minShown,
                    shown,
                    actual);
        }
        return myself;
    }
}
