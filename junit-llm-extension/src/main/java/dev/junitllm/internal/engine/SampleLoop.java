package dev.junitllm.internal.engine;

import static dev.junitllm.internal.engine.CaseListeners.publish;
import static dev.junitllm.internal.engine.FailureSummary.oneLine;

import dev.junitllm.LlmConfiguration;
import dev.junitllm.LlmTest;
import dev.junitllm.internal.results.CaseRecord;
import dev.junitllm.internal.results.SampleRecord;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor.Invocation;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.ReflectionSupport;
import org.opentest4j.TestAbortedException;

/**
 * Runs a case's body once per sample, stopping early once the outcome is decided, and decides the
 * case on its pass rate. An aborted or erroring sample ends the case at once.
 */
final class SampleLoop {

    private final LlmTest llmTest;

    SampleLoop(LlmTest llmTest) {
        this.llmTest = llmTest;
    }

    /**
     * Runs the samples, finishes the case's record and publishes it.
     *
     * @return the case's failure, empty when the case passed
     */
    Optional<AssertionError> run(
            CaseContext cc,
            Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext context)
            throws Throwable {
        CaseRecord record = cc.record();
        int n = llmTest.samples();
        boolean earlyStop = llmTest.earlyStop()
                && cc.configuration(LlmConfiguration.EARLY_STOP)
                        .map(v -> parseBoolean(LlmConfiguration.EARLY_STOP, v))
                        .orElse(true);
        SamplePlan plan = SamplePlan.of(n, llmTest.minPassRate());
        int passes = 0;
        int fails = 0;
        List<AssertionError> failures = new ArrayList<>();
        String firstFailure = null;
        for (int i = 0; i < n; i++) {
            cc.startSample(i);
            SampleRecord sample = record.currentSample();
            try (CurrentContext.Binding ignored = CurrentContext.bind(cc)) {
                if (i == 0) {
                    invocation.proceed();
                } else {
                    ReflectionSupport.invokeMethod(
                            invocationContext.getExecutable(),
                            invocationContext.getTarget().orElse(null),
                            invocationContext.getArguments().toArray());
                }
                sample.finish(true, null);
                passes++;
            } catch (AssertionError e) {
                String text = FailureText.of(sample.verdicts(), e);
                sample.finish(false, text);
                if (failures.isEmpty()) {
                    firstFailure = text;
                }
                failures.add(e);
                fails++;
            } catch (TestAbortedException e) {
                sample.finish(false, "aborted: " + oneLine(e));
                record.finish(CaseRecord.Status.SKIPPED, oneLine(e));
                publish(cc, context);
                throw e;
            } catch (Throwable thrown) {
                Throwable e = CaseStore.explained(context, thrown); // an SDK's bare "404" on a replay miss
                sample.finish(false, e.getClass().getSimpleName() + ": " + oneLine(e));
                record.finish(CaseRecord.Status.ERROR, e.getClass().getSimpleName() + ": " + oneLine(e));
                publish(cc, context);
                throw e;
            }
            if (plan.shouldStop(passes, fails, earlyStop)) {
                break;
            }
        }
        int run = record.samples().size();
        int passed = record.passedSamples();
        boolean casePassed = plan.passed(passed, run - passed);
        String reason = casePassed
                ? null
                : FailureSummary.reason(firstFailure, passed, run, llmTest.samples(), llmTest.minPassRate());
        record.finish(casePassed ? CaseRecord.Status.PASSED : CaseRecord.Status.FAILED, reason);
        publish(cc, context);
        if (casePassed) {
            if (!failures.isEmpty()) {
                context.publishReportEntry("llm.samples", passed + "/" + run + " samples passed");
            }
            return Optional.empty();
        }
        return Optional.of(FailureSummary.failure(failures, reason, n));
    }

    private static boolean parseBoolean(String key, String value) {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new ExtensionConfigurationException(
                "Invalid value [" + value + "] for configuration parameter [" + key + "]: allowed are true, false");
    }
}
