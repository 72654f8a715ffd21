package dev.junitllm.internal.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junitllm.CallRole;
import dev.junitllm.GoldenCase;
import dev.junitllm.LlmClient;
import dev.junitllm.LlmConfiguration;
import dev.junitllm.LlmMode;
import dev.junitllm.LlmProxy;
import dev.junitllm.LlmTest;
import dev.junitllm.Model;
import dev.junitllm.Prompt;
import dev.junitllm.PromptTemplate;
import dev.junitllm.RecordingMode;
import dev.junitllm.internal.cassette.Cassette;
import dev.junitllm.internal.cassette.CassetteStore;
import dev.junitllm.internal.prompt.PromptFile;
import dev.junitllm.internal.proxy.LocalLlmProxy;
import dev.junitllm.internal.util.Text;
import dev.junitllm.results.CaseRecord;
import dev.junitllm.results.LlmResultsListener;
import dev.junitllm.results.ResultsJson;
import dev.junitllm.results.SampleRecord;
import dev.junitllm.stats.Interval;
import dev.junitllm.stats.SamplePlan;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.ReflectionSupport;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Runs one case: resolves its parameters, runs the body once per sample (stopping early once the
 * outcome is decided), decides the case on its pass rate and reports it to the dataset gate.
 */
final class CaseExtension implements ParameterResolver, InvocationInterceptor, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LlmExtension.class);
    private static final String CASE_KEY = "llm.case";
    private static final String RECORD_KEY = "llm.case.record";
    private static final String CASSETTE_KEY = "llm.cassette";
    private static final String PROXY_KEY = "llm.proxy";

    private final CaseSpec spec;
    private final LlmTest llmTest;
    private final DatasetGate gate;
    private final int order;

    CaseExtension(CaseSpec spec, LlmTest llmTest, DatasetGate gate, int order) {
        this.spec = spec;
        this.llmTest = llmTest;
        this.gate = gate;
        this.order = order;
    }

    static boolean isOurs(ParameterContext parameter) {
        Class<?> type = parameter.getParameter().getType();
        return type == LlmClient.class
                || type == GoldenCase.class
                || type == LlmProxy.class
                || (type == PromptTemplate.class && parameter.isAnnotated(Prompt.class));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return isOurs(parameter);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        CaseContext cc = caseContext(context);
        if (type == LlmClient.class) {
            Optional<Model> model = parameter.findAnnotation(Model.class);
            if (model.isPresent()) {
                String fallback = model.get().fallback();
                return cc.client(
                        LlmRun.parseModel(model.get().value()),
                        fallback.isBlank() ? null : LlmRun.parseModel(fallback),
                        CallRole.MODEL);
            }
            return cc.client(spec.model(), spec.fallback(), CallRole.MODEL);
        }
        if (type == GoldenCase.class) {
            if (spec.goldenCase() == null) {
                throw new ParameterResolutionException("Parameter [" + parameter.getParameter()
                        + "] needs a dataset: annotate the test with @GoldenDataset(\"datasets/your-cases.jsonl\")");
            }
            return spec.goldenCase();
        }
        if (type == PromptTemplate.class) {
            String name = parameter.findAnnotation(Prompt.class).orElseThrow().value();
            PromptTemplate prompt;
            try {
                prompt = PromptFile.load(name, context.getRequiredTestClass().getClassLoader());
            } catch (RuntimeException e) {
                String message = String.valueOf(e.getMessage());
                throw new ParameterResolutionException(
                        message.startsWith("@Prompt [") ? message : "@Prompt [" + name + "]: " + message, e);
            }
            cc.record().usedPrompt(prompt);
            return prompt;
        }
        LocalLlmProxy proxy = LocalLlmProxy.start(cc.transport(), CallRole.MODEL, cc::onExchange);
        cc.addResource(proxy);
        context.getStore(NAMESPACE).put(PROXY_KEY, proxy);
        return proxy;
    }

    private CaseContext caseContext(ExtensionContext context) {
        CaseRecord record = caseRecord(context);
        return context.getStore(NAMESPACE)
                .getOrComputeIfAbsent(CASE_KEY, k -> newCase(context, record), CaseContext.class);
    }

    /**
     * The case's entry in the results, kept apart from its {@link CaseContext} so that a case whose
     * context could not be built (an unwritable cassette folder) is still reported, once, as an error.
     */
    private CaseRecord caseRecord(ExtensionContext context) {
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
        Cassette cassette = mode == LlmMode.LIVE ? null : cassette(context, run, mode);
        String owner = context.getRequiredTestClass().getSimpleName() + "#"
                + context.getRequiredTestMethod().getName() + spec.ownerSuffix();
        return new CaseContext(run, spec, record, mode, cassette, owner);
    }

    /**
     * The case's mode: {@link RecordingMode} on the method, else on its class (inherited) or on the
     * class enclosing a {@code @Nested} one, else {@code llm.mode}, else replay.
     */
    static LlmMode mode(ExtensionContext context, LlmRun run) {
        return LlmExtension.findAnnotation(context, RecordingMode.class)
                .map(RecordingMode::value)
                .orElseGet(run::mode);
    }

    /**
     * One cassette per test class, opened on first use and written when the class finishes. A case
     * that may record first checks that the cassette can be written, so that nothing is spent on
     * recordings that would be lost when the class ends.
     */
    private static Cassette cassette(ExtensionContext context, LlmRun run, LlmMode mode) {
        ExtensionContext classContext = context;
        while (classContext.getParent().isPresent()
                && !(classContext.getElement().orElse(null) instanceof Class)) {
            classContext = classContext.getParent().get();
        }
        Class<?> testClass = context.getRequiredTestClass();
        ClassCassette classCassette = classContext
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(
                        CASSETTE_KEY, k -> new ClassCassette(run.cassettes().cassette(testClass)), ClassCassette.class);
        if (mode == LlmMode.RECORD || mode == LlmMode.AUTO) {
            classCassette.checkWritable(run);
        }
        return classCassette.cassette();
    }

    /**
     * Writes the class's cassette when the class's store closes, i.e. when its last test finished, and
     * lets go of its recordings so that a long run holds only the cassettes of running classes.
     */
    private static final class ClassCassette implements AutoCloseable {
        private final Cassette cassette;
        private volatile boolean writable;

        ClassCassette(Cassette cassette) {
            this.cassette = cassette;
        }

        Cassette cassette() {
            return cassette;
        }

        void checkWritable(LlmRun run) {
            if (!writable) {
                LlmRun.checkWritable(
                        cassette.path().toAbsolutePath().getParent(),
                        LlmConfiguration.CASSETTES_DIR,
                        run.config(LlmConfiguration.CASSETTES_DIR).orElse(CassetteStore.DEFAULT_DIR),
                        "the cassette folder");
                writable = true;
            }
        }

        @Override
        public void close() {
            cassette.close();
        }
    }

    @Override
    public void interceptTestTemplateMethod(
            Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext context)
            throws Throwable {
        CaseContext cc = caseContext(context);
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
            } catch (Throwable thrown) {
                LocalLlmProxy proxy = context.getStore(NAMESPACE).get(PROXY_KEY, LocalLlmProxy.class);
                Throwable e = proxy == null ? thrown : proxy.explain(thrown); // an SDK's bare "404" on a replay miss
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
        String reason = casePassed ? null : failureReason(failures, passed, run);
        record.finish(casePassed ? CaseRecord.Status.PASSED : CaseRecord.Status.FAILED, reason);
        publish(cc, context);
        if (casePassed) {
            if (!failures.isEmpty()) {
                context.publishReportEntry("llm.samples", passed + "/" + run + " samples passed");
            }
            return;
        }
        AssertionError failure = caseFailure(failures, reason, n);
        if (gate != null && gate.tolerates()) {
            TestAbortedException aborted = new TestAbortedException("Case FAILED; counted by the dataset gate (needs "
                    + percent(gate.minPassRate()) + " of cases): " + failure.getMessage());
            aborted.initCause(failure);
            throw aborted;
        }
        throw failure;
    }

    private String failureReason(List<AssertionError> failures, int passed, int run) {
        String first = failures.isEmpty() ? "" : oneLine(failures.get(0));
        if (llmTest.samples() == 1) {
            return first;
        }
        Interval ci = Interval.wilson(passed, run);
        return String.format(
                        Locale.ROOT,
                        "%d of %d samples passed (%s, 95%% CI [%s, %s]); the case needs %s",
                        passed,
                        run,
                        percent((double) passed / run),
                        percent(ci.low()),
                        percent(ci.high()),
                        percent(llmTest.minPassRate()))
                + (first.isEmpty() ? "" : "; first failure: " + first);
    }

    /** One sample: the original error (IDE diff intact). Several: a summary carrying the first diff. */
    private static AssertionError caseFailure(List<AssertionError> failures, String reason, int samples) {
        if (samples == 1 && failures.size() == 1) {
            return failures.get(0);
        }
        StringBuilder message = new StringBuilder(reason);
        for (int i = 0; i < failures.size(); i++) {
            message.append(System.lineSeparator())
                    .append("  failure ")
                    .append(i + 1)
                    .append(": ")
                    .append(oneLine(failures.get(i)));
        }
        AssertionError first = failures.isEmpty() ? null : failures.get(0);
        AssertionError summary =
                first instanceof AssertionFailedError afe && afe.isExpectedDefined() && afe.isActualDefined()
                        ? new AssertionFailedError(
                                message.toString(),
                                afe.getExpected().getValue(),
                                afe.getActual().getValue(),
                                first)
                        : new AssertionError(message.toString(), first);
        failures.stream().skip(1).forEach(summary::addSuppressed);
        return summary;
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
            CaseRecord record = caseRecord(context);
            if (record.status() == null) {
                // The body never ran (a parameter or a @BeforeEach failed, or an assumption aborted it).
                Optional<Throwable> thrown = context.getExecutionException();
                boolean aborted =
                        thrown.filter(TestAbortedException.class::isInstance).isPresent();
                record.finish(
                        aborted ? CaseRecord.Status.SKIPPED : CaseRecord.Status.ERROR,
                        thrown.map(CaseExtension::oneLine).orElse("the test body did not run"));
            }
            passed = record.passed();
        } finally {
            // Whatever failed above, the gate must hear of this case, or it would wait for it forever.
            if (gate != null) {
                gate.caseDone(order, spec.goldenCase().id(), passed);
            }
        }
    }

    private static boolean parseBoolean(String key, String value) {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new ExtensionConfigurationException(
                "Invalid value [" + value + "] for configuration parameter [" + key + "]: allowed are true, false");
    }

    /** The message on one line (AssertJ messages span several), shortened for summaries. */
    static String oneLine(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return t.getClass().getSimpleName();
        }
        return Text.abbreviate(m, 300);
    }

    static String percent(double rate) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * rate);
    }
}
