package dev.junitllm.internal.engine;

import dev.junitllm.DatasetException;
import dev.junitllm.GoldenCase;
import dev.junitllm.GoldenDataset;
import dev.junitllm.LlmConfiguration;
import dev.junitllm.LlmTest;
import dev.junitllm.Model;
import dev.junitllm.ModelId;
import dev.junitllm.Models;
import dev.junitllm.internal.client.HttpTransportConfig;
import dev.junitllm.internal.dataset.DatasetCase;
import dev.junitllm.internal.dataset.DatasetSelection;
import dev.junitllm.internal.dataset.GoldenDatasets;
import dev.junitllm.internal.dataset.LastRun;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The extension behind {@link LlmTest}: turns each {@code @LlmTest} into one invocation per model
 * (and per dataset row, plus a trailing gate per dataset and model). Each invocation carries a
 * {@link CaseExtension} that resolves parameters and runs the samples.
 */
public final class LlmExtension implements TestTemplateInvocationContextProvider {

    /** How long a gate waits for rows still running, unless {@code llm.gate.wait} says otherwise. */
    static final Duration DEFAULT_GATE_WAIT = Duration.ofMinutes(10);

    private static final String LAST_RUN_KEY = "llm.rerun.last-run";

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod()
                .map(m -> AnnotationSupport.isAnnotated(m, LlmTest.class))
                .orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        LlmTest llmTest =
                AnnotationSupport.findAnnotation(method, LlmTest.class).orElseThrow();
        validate(method, llmTest);
        LlmRun run = LlmRun.of(context);
        List<ModelChoice> models = models(context, run);
        String testId = testId(context);
        if (models.size() > 1) {
            run.ledger()
                    .matrix(
                            testId,
                            models.stream().map(m -> m.model().toString()).toList());
        }
        Optional<GoldenDataset> dataset = AnnotationSupport.findAnnotation(method, GoldenDataset.class);
        if (dataset.isEmpty()) {
            return models.stream()
                    .map(m -> new CaseInvocation(
                            CaseSpec.single(m.model(), m.fallback()), llmTest, null, 0, models.size()));
        }
        GoldenDataset ds = dataset.get();
        if (!(ds.minPassRate() >= 0 && ds.minPassRate() <= 1)) {
            throw new ExtensionConfigurationException(
                    "@GoldenDataset [" + ds.value() + "] minPassRate must be within 0..1 but was " + ds.minPassRate());
        }
        DatasetSelection configured = LlmRun.configured(() -> DatasetSelection.fromConfiguration(run.config()));
        Optional<LastRun> lastRun = lastRun(context, run);
        Duration gateWait = gateWait(run);
        ClassLoader loader = context.getRequiredTestClass().getClassLoader();
        return models.stream().flatMap(m -> {
            DatasetSelection selection = lastRun.map(last -> {
                        Set<String> ids = new LinkedHashSet<>(
                                last.notPassed(testId, m.model().toString()));
                        configured.ids().ifPresent(ids::retainAll);
                        return configured.withIds(ids);
                    })
                    .orElse(configured);
            DatasetGate gate = new DatasetGate(testId, ds, m.model().toString(), gateWait);
            Set<String> seen = ConcurrentHashMap.newKeySet();
            Stream<TestTemplateInvocationContext> rows = DatasetRows.read(
                            () -> selection.apply(GoldenDatasets.open(ds.value(), loader), seen::add))
                    .map(read -> read.failure() == null
                            ? new CaseInvocation(
                                    CaseSpec.row(m.model(), m.fallback(), ds.value(), read.row()),
                                    llmTest,
                                    gate,
                                    gate.offer(),
                                    models.size())
                            : unreadable(m.model(), ds.value(), llmTest, gate, read.failure(), models.size()));
            // lazy, so the gate is created after the last row was read (and its display name after theirs)
            Stream<TestTemplateInvocationContext> gateInvocation = Stream.of(gate)
                    .map(g -> new GateInvocation(g, models.size(), configured.unknownIds(seen), seen.size()));
            return Stream.concat(rows, gateInvocation);
        });
    }

    /** The last run's results when {@code llm.rerun=failed}, read once per run (this run overwrites them). */
    private static Optional<LastRun> lastRun(ExtensionContext context, LlmRun run) {
        Optional<String> rerun = run.config(LlmConfiguration.RERUN);
        if (rerun.isEmpty() || rerun.get().isBlank()) {
            return Optional.empty();
        }
        if (!rerun.get().strip().equals("failed")) {
            throw new ExtensionConfigurationException("Invalid value [" + rerun.get()
                    + "] for configuration parameter [" + LlmConfiguration.RERUN + "]: allowed is failed");
        }
        return Optional.of(context.getRoot()
                .getStore(ExtensionContext.Namespace.create(LlmExtension.class))
                .getOrComputeIfAbsent(
                        LAST_RUN_KEY, k -> LlmRun.configured(() -> LastRun.read(run.resultsDir())), LastRun.class));
    }

    private static Duration gateWait(LlmRun run) {
        return run.config(LlmConfiguration.GATE_WAIT)
                .map(value -> {
                    Duration d = HttpTransportConfig.parseDuration(value);
                    if (d == null || d.isNegative() || d.isZero()) {
                        throw new ExtensionConfigurationException("Invalid value [" + value
                                + "] for configuration parameter [" + LlmConfiguration.GATE_WAIT
                                + "]: allowed is a positive duration such as 90s, 10m or PT1H");
                    }
                    return d;
                })
                .orElse(DEFAULT_GATE_WAIT);
    }

    /** A dataset that cannot be read (to its end) is one failing case of its gate, not a broken template. */
    private static TestTemplateInvocationContext unreadable(
            ModelId model,
            String dataset,
            LlmTest llmTest,
            DatasetGate gate,
            RuntimeException failure,
            int modelCount) {
        String caseId = "unreadable-dataset";
        if (failure instanceof DatasetException de && de.line().isPresent()) {
            caseId += "-line-" + de.line().getAsInt();
        }
        GoldenCase row = DatasetCase.builder(caseId, String.valueOf(failure.getMessage()))
                .build();
        CaseSpec spec = CaseSpec.row(model, null, dataset, row);
        return new CaseInvocation(spec, llmTest, gate, gate.offer(), modelCount) {
            @Override
            public List<Extension> getAdditionalExtensions() {
                return List.of(
                        new UnreadableDatasetExtension(new CaseStore(spec, llmTest), gate, order(), row.id(), failure));
            }
        };
    }

    private static void validate(Method method, LlmTest llmTest) {
        if (llmTest.samples() < 1) {
            throw new ExtensionConfigurationException(
                    "@LlmTest [" + method.getName() + "] samples must be at least 1 but was " + llmTest.samples());
        }
        if (!(llmTest.minPassRate() >= 0 && llmTest.minPassRate() <= 1)) {
            throw new ExtensionConfigurationException("@LlmTest [" + method.getName()
                    + "] minPassRate must be within 0..1 but was " + llmTest.minPassRate());
        }
    }

    /**
     * An annotation on the test method, else on its class (inherited), else on the classes enclosing
     * a {@code @Nested} class, innermost first. A static nested class stands alone, as in JUnit.
     */
    static <A extends java.lang.annotation.Annotation> Optional<A> findAnnotation(
            ExtensionContext context, Class<A> type) {
        Optional<A> found = AnnotationSupport.findAnnotation(context.getRequiredTestMethod(), type);
        Class<?> c = context.getRequiredTestClass();
        while (found.isEmpty() && c != null) {
            found = AnnotationSupport.findAnnotation(c, type);
            c = c.isMemberClass() && !Modifier.isStatic(c.getModifiers()) ? c.getEnclosingClass() : null;
        }
        return found;
    }

    /** {@code @Models} beats {@code @Model} (method, then class, then enclosing class), which beats {@code llm.model}. */
    private static List<ModelChoice> models(ExtensionContext context, LlmRun run) {
        Method method = context.getRequiredTestMethod();
        Optional<Models> models = findAnnotation(context, Models.class);
        if (models.isPresent()) {
            String[] ids = models.get().value();
            if (ids.length == 0) {
                throw new ExtensionConfigurationException("@Models on [" + method.getName() + "] names no model");
            }
            if (Arrays.stream(ids).distinct().count() != ids.length) {
                throw new ExtensionConfigurationException(
                        "@Models on [" + method.getName() + "] names a model twice: " + Arrays.toString(ids));
            }
            List<ModelChoice> out = new ArrayList<>();
            for (String id : ids) {
                out.add(new ModelChoice(LlmRun.parseModel(id), null));
            }
            return out;
        }
        Optional<Model> model = findAnnotation(context, Model.class);
        ModelId configuredFallback = run.config(LlmConfiguration.FALLBACK_MODEL)
                .map(LlmRun::parseModel)
                .orElse(null);
        if (model.isPresent()) {
            String fallback = model.get().fallback();
            return List.of(new ModelChoice(
                    LlmRun.parseModel(model.get().value()),
                    fallback.isBlank() ? configuredFallback : LlmRun.parseModel(fallback)));
        }
        return List.of(new ModelChoice(
                run.defaultModel()
                        .orElseThrow(() -> new ExtensionConfigurationException("No model for @LlmTest ["
                                + method.getName() + "]: annotate it with @Model(\"openai:gpt-4o-mini\") " + "or set -D"
                                + LlmConfiguration.MODEL + "=openai:gpt-4o-mini")),
                configuredFallback));
    }

    /** {@code fully.qualified.Class#method}: how results and baselines name a test. */
    static String testId(ExtensionContext context) {
        return context.getRequiredTestClass().getName() + "#"
                + context.getRequiredTestMethod().getName();
    }

    private record ModelChoice(ModelId model, ModelId fallback) {}

    /**
     * One case: a model, and a dataset row if any. Its display name starts with the case id, which
     * Surefire's XML keeps as the test case name (see docs/datasets.md).
     */
    private static class CaseInvocation implements TestTemplateInvocationContext {
        private final CaseSpec spec;
        private final LlmTest llmTest;
        private final DatasetGate gate;
        private final int order;
        private final int modelCount;

        CaseInvocation(CaseSpec spec, LlmTest llmTest, DatasetGate gate, int order, int modelCount) {
            this.spec = spec;
            this.llmTest = llmTest;
            this.gate = gate;
            this.order = order;
            this.modelCount = modelCount;
        }

        int order() {
            return order;
        }

        /**
         * JUnit asks for the display name only of the invocations that pass its unique-id filter, as it
         * creates them and before it runs them (TestTemplateInvocationTestDescriptor's constructor), so
         * this is where a row joins its gate: a row filtered out (an IDE rerunning one row) never does.
         */
        @Override
        public String getDisplayName(int invocationIndex) {
            String model = "[" + spec.model() + "]";
            if (spec.goldenCase() == null) {
                return model;
            }
            if (gate != null) {
                gate.register(order, spec.goldenCase().id());
            }
            String row = GoldenDatasets.displayName(spec.goldenCase(), 50);
            String id = spec.goldenCase().id();
            return modelCount > 1 ? id + " " + model + row.substring(id.length()) : row;
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new CaseExtension(spec, llmTest, gate, order));
        }
    }

    /** The trailing invocation that decides a dataset × model on its case pass rate. */
    private record GateInvocation(DatasetGate gate, int modelCount, List<String> unknownIds, int datasetRows)
            implements TestTemplateInvocationContext {

        @Override
        public String getDisplayName(int invocationIndex) {
            return "dataset gate" + (modelCount > 1 ? " [" + gate.model() + "]" : "") + ": " + gate.dataset()
                    + " needs " + Math.round(gate.minPassRate() * 1000) / 10.0 + "% of cases";
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new GateExtension(gate, unknownIds, datasetRows));
        }
    }
}
