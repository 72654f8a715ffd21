package dev.junitllm.internal.engine;

import dev.junitllm.internal.results.CaseRecord;
import java.lang.reflect.Method;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The invocation standing for a dataset that could not be read to its end: it fails with the
 * dataset's error (file and line), is a failed case in the results, and fails the dataset's gate.
 */
final class UnreadableDatasetExtension extends BodilessInvocation
        implements InvocationInterceptor, AfterEachCallback, TestWatcher {

    private final CaseStore store;
    private final DatasetGate gate;
    private final int order;
    private final String caseId;
    private final RuntimeException failure;

    UnreadableDatasetExtension(CaseStore store, DatasetGate gate, int order, String caseId, RuntimeException failure) {
        this.store = store;
        this.gate = gate;
        this.order = order;
        this.caseId = caseId;
        this.failure = failure;
    }

    @Override
    public void interceptTestTemplateMethod(
            Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext context) {
        invocation.skip();
        throw failure;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            store.caseRecord(context).finish(CaseRecord.Status.ERROR, failure.getMessage());
        } finally {
            gate.loadFailed(order, caseId, failure.getMessage());
        }
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        gate.caseDisabled(order, caseId);
    }
}
