package dev.junitllm.internal.engine;

import dev.junitllm.LlmFault;
import dev.junitllm.LlmMode;
import dev.junitllm.LlmTest;
import dev.junitllm.RecordingMode;
import dev.junitllm.internal.cassette.Cassette;
import dev.junitllm.internal.fault.FaultPlan;
import dev.junitllm.internal.fault.FaultSpec;
import dev.junitllm.internal.proxy.LocalLlmProxy;
import dev.junitllm.internal.results.CaseRecord;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Where a case keeps its state: its {@link CaseRecord} and its {@link CaseContext}, each created on
 * first use in the invocation's store (which closes the context when the invocation ends).
 */
final class CaseStore {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LlmExtension.class);
    private static final String CASE_KEY = "llm.case";
    private static final String RECORD_KEY = "llm.case.record";
    private static final String PROXY_KEY = "llm.case.proxy";
    private static final String METHOD_KEY = "llm.case.method";

    /** Not the proxy itself: the case context closes it, the store must not close it again. */
    private record ProxyRef(LocalLlmProxy proxy) {}

    /** What is the same for every case of a test method: looked up once per method, not per case. */
    private record MethodFacts(Optional<RecordingMode> recordingMode, boolean overloaded) {}

    private final CaseSpec spec;
    private final LlmTest llmTest;

    CaseStore(CaseSpec spec, LlmTest llmTest) {
        this.spec = spec;
        this.llmTest = llmTest;
    }

    CaseContext caseContext(ExtensionContext context) {
        CaseRecord record = caseRecord(context);
        return context.getStore(NAMESPACE)
                .getOrComputeIfAbsent(CASE_KEY, k -> newCase(context, record), CaseContext.class);
    }

    /**
     * The case's entry in the results, kept apart from its {@link CaseContext} so that a case whose
     * context could not be built (an unwritable cassette folder) is still reported, once, as an error.
     */
    CaseRecord caseRecord(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(RECORD_KEY, k -> newRecord(context), CaseRecord.class);
    }

    private CaseRecord newRecord(ExtensionContext context) {
        LlmRun run = LlmRun.of(context);
        CaseRecord record = new CaseRecord(
                LlmExtension.testId(context),
                context.getRequiredTestClass().getName(),
                context.getRequiredTestMethod().getName(),
                context.getUniqueId(),
                context.getDisplayName(),
                spec.model().toString(),
                spec.dataset(),
                spec.goldenCase(),
                llmTest.samples(),
                llmTest.minPassRate());
        record.mode(mode(context, run).name().toLowerCase(Locale.ROOT));
        run.ledger().add(record);
        return record;
    }

    private CaseContext newCase(ExtensionContext context, CaseRecord record) {
        LlmRun run = LlmRun.of(context);
        LlmMode mode = mode(context, run);
        Cassette cassette = mode == LlmMode.LIVE ? null : ClassCassette.of(context, run, mode);
        Class<?> testClass = context.getRequiredTestClass();
        Method method = context.getRequiredTestMethod();
        String name = testClass.getSimpleName() + "#" + method.getName();
        boolean overloaded = methodFacts(context).overloaded();
        String owner = name + (overloaded ? parameterTypes(method) : "") + spec.ownerSuffix();
        if (overloaded && mode == LlmMode.RECORD) {
            // recordings made before overloads were told apart share the bare name: re-recording drops them
            cassette.markRecording(name + spec.ownerSuffix());
        }
        return new CaseContext(run, spec, record, mode, cassette, owner, faults(context, name));
    }

    /** The case's {@link LlmFault}s: the method's first, then its class's. */
    private static FaultPlan faults(ExtensionContext context, String declaredOn) {
        List<LlmFault> declared = new ArrayList<>(
                AnnotationSupport.findRepeatableAnnotations(context.getRequiredTestMethod(), LlmFault.class));
        declared.addAll(AnnotationSupport.findRepeatableAnnotations(context.getRequiredTestClass(), LlmFault.class));
        if (declared.isEmpty()) {
            return FaultPlan.NONE;
        }
        try {
            return new FaultPlan(
                    declared.stream().map(f -> FaultSpec.from(f, declaredOn)).toList());
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(e.getMessage(), e);
        }
    }

    /**
     * Whether another {@code @LlmTest} method of the class has the same name: only then does the owner
     * of a recording carry the parameter types, so that cassettes of the usual, non-overloaded methods
     * keep their keys.
     */
    private static boolean isOverloaded(Class<?> testClass, Method method) {
        return ReflectionSupport.findMethods(
                                testClass,
                                m -> m.getName().equals(method.getName())
                                        && AnnotationSupport.isAnnotated(m, LlmTest.class),
                                HierarchyTraversalMode.TOP_DOWN)
                        .size()
                > 1;
    }

    /** {@code (LlmClient,TestInfo)}: simple names, as a reader of the cassette would write them. */
    private static String parameterTypes(Method method) {
        return Arrays.stream(method.getParameterTypes())
                .map(Class::getSimpleName)
                .collect(Collectors.joining(",", "(", ")"));
    }

    /**
     * The case's mode: {@link RecordingMode} on the method, else on its class (inherited) or on the
     * class enclosing a {@code @Nested} one, else {@code llm.mode}, else replay.
     */
    private static LlmMode mode(ExtensionContext context, LlmRun run) {
        return methodFacts(context).recordingMode().map(RecordingMode::value).orElseGet(run::mode);
    }

    /**
     * Kept in the store of the invocation's parent, the test template of the method, so a dataset's
     * thousands of cases do not each scan the class's methods and annotations again.
     */
    private static MethodFacts methodFacts(ExtensionContext context) {
        ExtensionContext method = context.getParent().orElse(context);
        return method.getStore(NAMESPACE)
                .getOrComputeIfAbsent(
                        METHOD_KEY,
                        k -> new MethodFacts(
                                LlmExtension.findAnnotation(context, RecordingMode.class),
                                isOverloaded(context.getRequiredTestClass(), context.getRequiredTestMethod())),
                        MethodFacts.class);
    }

    static void rememberProxy(ExtensionContext context, LocalLlmProxy proxy) {
        context.getStore(NAMESPACE).put(PROXY_KEY, new ProxyRef(proxy));
    }

    /** What the body threw, explained by the case's proxy when an SDK's bare error hides a replay miss. */
    static Throwable explained(ExtensionContext context, Throwable thrown) {
        ProxyRef ref = context.getStore(NAMESPACE).get(PROXY_KEY, ProxyRef.class);
        return ref == null ? thrown : ref.proxy().explain(thrown);
    }
}
