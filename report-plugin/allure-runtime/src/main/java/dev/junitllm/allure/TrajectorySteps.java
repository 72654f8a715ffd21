package dev.junitllm.allure;

import dev.junitllm.results.CaseResult;
import dev.junitllm.results.SampleResult;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StepResult;
import java.util.List;
import java.util.UUID;

/**
 * Shows the trajectory of a conversation or an agent run on the Allure test page as a step list: one
 * step {@code Trajectory} per sample that has one (the sample's index in its name when the case ran
 * several), holding one numbered step per user message, tool call, tool result and answer, as the
 * results file keeps them.
 *
 * <pre>{@code
 * Trajectory (6 steps)
 *   1. user: Where is order A-1001?
 *   2. model calls lookup_order {"order_id":"A-1001"} (61 tokens)
 *   3. tool lookup_order returned {"status":"shipped"}
 *   ...
 * }</pre>
 */
final class TrajectorySteps {
    private TrajectorySteps() {}

    /** Adds the steps to the test open in {@code lifecycle}; nothing for a case without a trajectory. */
    static void add(AllureLifecycle lifecycle, CaseResult finished) {
        List<SampleResult> samples = finished.samples().stream()
                .filter(s -> !s.trajectory().isEmpty())
                .toList();
        for (SampleResult sample : samples) {
            List<String> steps = sample.trajectory();
            String name = "Trajectory" + (finished.samples().size() > 1 ? " of sample " + (sample.index() + 1) : "")
                    + " (" + steps.size() + " steps)";
            long now = System.currentTimeMillis();
            String parent = UUID.randomUUID().toString();
            lifecycle.startStep(parent, step(name, sample.passed(), now));
            for (int i = 0; i < steps.size(); i++) {
                String child = UUID.randomUUID().toString();
                lifecycle.startStep(parent, child, step((i + 1) + ". " + steps.get(i), true, now));
                lifecycle.stopStep(child);
            }
            lifecycle.stopStep(parent);
        }
    }

    private static StepResult step(String name, boolean passed, long at) {
        return new StepResult()
                .setName(name)
                .setStatus(passed ? Status.PASSED : Status.FAILED)
                .setStart(at)
                .setStop(at);
    }
}
