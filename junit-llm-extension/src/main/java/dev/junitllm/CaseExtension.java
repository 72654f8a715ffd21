package dev.junitllm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junitllm.cassette.Cassette;
import dev.junitllm.prompt.PromptFile;
import dev.junitllm.proxy.LocalLlmProxy;
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
    private static final String CASSETTE_KEY = "llm.cassette";

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
                throw new ParameterResolutionException("@Prompt [" + name + "]: " + e.getMessage(), e);
            }
            cc.record().usedPrompt(prompt);
            return prompt;
        }
        LocalLlmProxy proxy = LocalLlmProxy.start(cc.transport(), CallRole.MODEL, cc::onExchange);
        cc.addResource(proxy);
        return proxy;
    }

    private CaseContext caseContext(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(CASE_KEY, k -> newCase(context), CaseContext.class);
    }

    private CaseContext newCase(ExtensionContext context) {
        LlmRun run = LlmRun.of(context);
        Class<?> testClass = context.getRequiredTestClass();
        String testId = LlmExtension.testId(context);
        CaseRecord record = new CaseRecord(
                testId,
                testClass.getName(),
                context.getRequiredTestMethod().getName(),
                context.getUniqueId(),
                context.getDisplayName(),
                spec.model().toString(),
                spec.dataset(),
                spec.goldenCase(),
                llmTest.samples(),
                llmTest.minPassRate());
        run.ledger().add(record);
        Cassette cassette = run.mode() == LlmMode.LIVE ? null : cassette(context, run);
        String owner = testClass.getSimpleName() + "#"
                + context.getRequiredTestMethod().getName() + spec.ownerSuffix();
        return new CaseContext(run, spec, record, cassette, owner);
    }

    /** One cassette per test class, opened on first use and written when the class finishes. */
    private static Cassette cassette(ExtensionContext context, LlmRun run) {
        ExtensionContext classContext = context;
        while (classContext.getParent().isPresent()
                && !(classContext.getElement().orElse(null) instanceof Class)) {
            classContext = classContext.getParent().get();
        }
        Class<?> testClass = context.getRequiredTestClass();
        return classContext
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(
                        CASSETTE_KEY, k -> new ClassCassette(run.cassettes().cassette(testClass)), ClassCassette.class)
                .cassette();
    }

    /** Writes the class's cassette when the class's store closes, i.e. when its last test finished. */
    private record ClassCassette(Cassette cassette) implements AutoCloseable {
        @Override
        public void close() {
            cassette.flush();
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
                sample.finish(false, firstLine(e));
                failures.add(e);
                fails++;
            } catch (TestAbortedException e) {
                sample.finish(false, "aborted: " + firstLine(e));
                record.finish(CaseRecord.Status.SKIPPED, firstLine(e));
                publish(cc, context);
                throw e;
            } catch (Throwable e) {
                sample.finish(false, e.getClass().getSimpleName() + ": " + firstLine(e));
                record.finish(CaseRecord.Status.ERROR, e.getClass().getSimpleName() + ": " + firstLine(e));
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
        String first = failures.isEmpty() ? "" : firstLine(failures.get(0));
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
                    .append(firstLine(failures.get(i)));
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
        CaseContext cc = caseContext(context);
        CaseRecord record = cc.record();
        if (record.status() == null) {
            // The body never ran (a parameter or a @BeforeEach failed, or an assumption aborted it).
            Optional<Throwable> thrown = context.getExecutionException();
            boolean aborted =
                    thrown.filter(TestAbortedException.class::isInstance).isPresent();
            record.finish(
                    aborted ? CaseRecord.Status.SKIPPED : CaseRecord.Status.ERROR,
                    thrown.map(CaseExtension::firstLine).orElse("the test body did not run"));
        }
        if (gate != null) {
            gate.caseDone(order, spec.goldenCase().id(), record.passed());
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
    static String firstLine(Throwable t) {
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
