package dev.junitllm.internal.engine;

import dev.junitllm.LlmConfiguration;
import dev.junitllm.results.DatasetGateResult;
import dev.junitllm.stats.Interval;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.opentest4j.TestAbortedException;

/** Runs the dataset gate instead of the test body in the trailing gate invocation. */
final class GateExtension extends BodilessInvocation implements InvocationInterceptor {

    private final DatasetGate gate;
    private final List<String> unknownIds;
    private final int datasetRows;

    /**
     * @param unknownIds ids of {@code llm.dataset.ids} that look like typos of this dataset's ids
     * @param datasetRows the rows of the dataset when its rows were selected by id ({@code
     *     llm.dataset.ids}, {@code llm.rerun}), else 0
     */
    GateExtension(DatasetGate gate, List<String> unknownIds, int datasetRows) {
        this.gate = gate;
        this.unknownIds = unknownIds;
        this.datasetRows = datasetRows;
    }

    @Override
    public void interceptTestTemplateMethod(
            Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext context)
            throws Throwable {
        invocation.skip();
        if (!unknownIds.isEmpty()) {
            throw new ExtensionConfigurationException("Invalid value for configuration parameter ["
                    + LlmConfiguration.DATASET_IDS + "]: not a case of " + gate.dataset() + ": "
                    + String.join(", ", unknownIds));
        }
        DatasetGate.Decision decision = gate.decide();
        int selected = Math.max(decision.selected(), datasetRows);
        if (decision.ran() < selected) {
            // An IDE rerun of some rows, a selection by id: no verdict on the dataset, so none in the results.
            throw new TestAbortedException("Dataset gate of " + gate.dataset() + " on " + gate.model() + " over "
                    + decision.ran() + " of " + selected + " rows: not a dataset verdict");
        }
        DatasetGateResult result = decision.record();
        LlmRun.of(context).ledger().add(result);
        if (gate.loadFailure() != null) {
            throw new AssertionError("Dataset gate failed: " + result.dataset() + " could not be read: "
                    + gate.loadFailure() + "; " + summary(result) + reasons());
        }
        if (result.cases() == 0) {
            throw new TestAbortedException("No case of " + result.dataset() + " was selected for " + result.model()
                    + " (check llm.dataset.tags, llm.dataset.ids, llm.dataset.limit, llm.shard and llm.rerun)");
        }
        String summary = summary(result);
        if (!result.passed()) {
            throw new AssertionError("Dataset gate failed: " + summary + reasons());
        }
        context.publishReportEntry("llm.gate", summary);
    }

    /** One line per failing case with its reason, under the gate's one-line summary. */
    private String reasons() {
        StringBuilder lines = new StringBuilder();
        for (String reason : gate.failingReasons()) {
            lines.append(System.lineSeparator()).append("  ").append(reason);
        }
        return lines.toString();
    }

    static String summary(DatasetGateResult r) {
        Interval ci = Interval.wilson(r.passedCases(), r.cases());
        String s = String.format(
                Locale.ROOT,
                "%s on %s: %d/%d cases passed = %.1f%% (95%% CI [%.1f%%, %.1f%%]), required %.1f%%",
                r.dataset(),
                r.model(),
                r.passedCases(),
                r.cases(),
                100 * r.passRate(),
                100 * ci.low(),
                100 * ci.high(),
                100 * r.minPassRate());
        if (!r.failingCaseIds().isEmpty()) {
            s += "; failing cases: " + String.join(", ", r.failingCaseIds());
        }
        return s;
    }
}
