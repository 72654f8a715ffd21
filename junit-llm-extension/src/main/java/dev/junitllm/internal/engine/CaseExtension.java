package dev.junitllm.internal.engine;

import dev.junitllm.LlmTest;
import dev.junitllm.internal.results.CaseRecord;
import java.lang.reflect.Method;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.opentest4j.TestAbortedException;

/**
 * Runs one case: resolves its parameters ({@link CaseParameters}), runs its samples and decides it
 * ({@link SampleLoop}), and reports it to its dataset gate ({@link GateEntry}). The case's state
 * lives in the invocation's store ({@link CaseStore}), not in this extension.
 */
final class CaseExtension implements ParameterResolver, InvocationInterceptor, AfterEachCallback, TestWatcher {

    private final CaseStore store;
    private final CaseParameters parameters;
    private final SampleLoop samples;
    private final GateEntry gateEntry;

    CaseExtension(CaseSpec spec, LlmTest llmTest, DatasetGate gate, int order) {
        this.store = new CaseStore(spec, llmTest);
        this.parameters = new CaseParameters(spec);
        this.samples = new SampleLoop(llmTest);
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
        Optional<AssertionError> failure =
                samples.run(store.caseContext(context), invocation, invocationContext, context);
        if (failure.isPresent()) {
            throw failure.get();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        boolean passed = false;
        String reason = null;
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
            reason = record.failureReason();
        } finally {
            // Whatever failed above, the gate must hear of this case, or it would wait for it forever.
            gateEntry.caseDone(passed, reason);
        }
    }

    /** A row an execution condition disabled never reaches {@link #afterEach}; the gate must not wait for it. */
    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        gateEntry.caseDisabled();
    }
}
