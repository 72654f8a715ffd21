package dev.junitllm.internal.engine;

import static dev.junitllm.internal.engine.FailureSummary.oneLine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junitllm.LlmConfiguration;
import dev.junitllm.LlmTest;
import dev.junitllm.results.CaseRecord;
import dev.junitllm.results.LlmResultsListener;
import dev.junitllm.results.ResultsJson;
import dev.junitllm.results.SampleRecord;
import dev.junitllm.stats.SamplePlan;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.ReflectionSupport;
import org.opentest4j.TestAbortedException;

/**
 * Runs one case: resolves its parameters, runs the body once per sample (stopping early once the
 * outcome is decided), decides the case on its pass rate and reports it to the dataset gate.
 */
final class CaseExtension implements ParameterResolver, InvocationInterceptor, AfterEachCallback {

    private final CaseStore store;
    private final CaseParameters parameters;
    private final LlmTest llmTest;
    private final GateEntry gateEntry;

    CaseExtension(CaseSpec spec, LlmTest llmTest, DatasetGate gate, int order) {
        this.store = new CaseStore(spec, llmTest);
        this.parameters = new CaseParameters(spec);
        this.llmTest = llmTest;
        this.gateEntry = gate == null
                ? GateEntry.none()
                : GateEntry.of(gate, order, spec.goldenCase().id());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return CaseParameters.supports(parameter);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return parameters.resolve(parameter, context, store.caseContext(context));
    }

    @Override
    public void interceptTestTemplateMethod(
            Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext context)
            throws Throwable {
        CaseContext cc = store.caseContext(context);
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
                sample.finish(false, oneLine(e));
                failures.add(e);
                fails++;
            } catch (TestAbortedException e) {
                sample.finish(false, "aborted: " + oneLine(e));
                record.finish(CaseRecord.Status.SKIPPED, oneLine(e));
                publish(cc, context);
                throw e;
            } catch (Throwable e) {
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
                : FailureSummary.reason(failures, passed, run, llmTest.samples(), llmTest.minPassRate());
        record.finish(casePassed ? CaseRecord.Status.PASSED : CaseRecord.Status.FAILED, reason);
        publish(cc, context);
        if (casePassed) {
            if (!failures.isEmpty()) {
                context.publishReportEntry("llm.samples", passed + "/" + run + " samples passed");
            }
            return;
        }
        throw gateEntry.toThrow(FailureSummary.failure(failures, reason, n));
    }

    private static void publish(CaseContext cc, ExtensionContext context) {
        LlmRun run = LlmRun.of(context);
        if (run.listeners().isEmpty()) {
            return; // building and redacting the node costs more than the rest of a replayed case
        }
        ObjectNode node = run.redact(ResultsJson.caseNode(cc.record()));
        for (LlmResultsListener listener : run.listeners()) {
            try {
                listener.caseFinished(node);
            } catch (RuntimeException e) {
                System.err.println(
                        "junit-llm: results listener " + listener.getClass().getName() + " failed: " + e);
            }
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        boolean passed = false;
        try {
            CaseRecord record = store.caseRecord(context);
            if (record.status() == null) {
                // The body never ran (a parameter or a @BeforeEach failed, or an assumption aborted it).
                Optional<Throwable> thrown = context.getExecutionException();
                boolean aborted =
                        thrown.filter(TestAbortedException.class::isInstance).isPresent();
                record.finish(
                        aborted ? CaseRecord.Status.SKIPPED : CaseRecord.Status.ERROR,
                        thrown.map(FailureSummary::oneLine).orElse("the test body did not run"));
            }
            passed = record.passed();
        } finally {
            // Whatever failed above, the gate must hear of this case, or it would wait for it forever.
            gateEntry.caseDone(passed);
        }
    }

    private static boolean parseBoolean(String key, String value) {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new ExtensionConfigurationException(
                "Invalid value [" + value + "] for configuration parameter [" + key + "]: allowed are true, false");
    }
}
