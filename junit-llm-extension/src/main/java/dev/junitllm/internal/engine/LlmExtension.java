package dev.junitllm.internal.engine;

import dev.junitllm.GoldenDataset;
import dev.junitllm.LlmConfiguration;
import dev.junitllm.LlmTest;
import dev.junitllm.Model;
import dev.junitllm.ModelId;
import dev.junitllm.Models;
import dev.junitllm.internal.dataset.DatasetSelection;
import dev.junitllm.internal.dataset.GoldenDatasets;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
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
        DatasetSelection selection = LlmRun.configured(() -> DatasetSelection.fromConfiguration(run.config()));
        ClassLoader loader = context.getRequiredTestClass().getClassLoader();
        return models.stream().flatMap(m -> {
            DatasetGate gate = new DatasetGate(testId, ds, m.model().toString());
            Stream<TestTemplateInvocationContext> rows = selection
                    .apply(GoldenDatasets.open(ds.value(), loader))
                    .map(row -> new CaseInvocation(
                            CaseSpec.row(m.model(), m.fallback(), ds.value(), row),
                            llmTest,
                            gate,
                            gate.expectOneMore(),
                            models.size()));
            return Stream.concat(rows, Stream.of(new GateInvocation(gate, models.size())));
        });
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

    /** One case: a model, and a dataset row if any. */
    private record CaseInvocation(CaseSpec spec, LlmTest llmTest, DatasetGate gate, int order, int modelCount)
            implements TestTemplateInvocationContext {

        @Override
        public String getDisplayName(int invocationIndex) {
            String model = "[" + spec.model() + "]";
            if (spec.goldenCase() == null) {
                return model;
            }
            String row = GoldenDatasets.displayName(spec.goldenCase(), 50);
            return modelCount > 1 ? model + " " + row : row;
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new CaseExtension(spec, llmTest, gate, order));
        }
    }

    /** The trailing invocation that decides a dataset × model on its case pass rate. */
    private record GateInvocation(DatasetGate gate, int modelCount) implements TestTemplateInvocationContext {

        @Override
        public String getDisplayName(int invocationIndex) {
            return "dataset gate" + (modelCount > 1 ? " [" + gate.model() + "]" : "") + ": " + gate.dataset()
                    + " needs " + Math.round(gate.minPassRate() * 1000) / 10.0 + "% of cases";
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new GateExtension(gate));
        }
    }
}
