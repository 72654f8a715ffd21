package dev.junitllm.internal.engine;

import dev.junitllm.LlmConfiguration;
import dev.junitllm.LlmMode;
import dev.junitllm.internal.cassette.Cassette;
import dev.junitllm.internal.cassette.CassetteStore;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One cassette per test class, opened on first use and written when the class finishes: the class
 * context's store closes it when its last test finished, which also lets go of its recordings so
 * that a long run holds only the cassettes of running classes.
 */
final class ClassCassette implements AutoCloseable {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LlmExtension.class);
    private static final String CASSETTE_KEY = "llm.cassette";

    private final Cassette cassette;
    private volatile boolean writable;

    private ClassCassette(Cassette cassette) {
        this.cassette = cassette;
    }

    /**
     * The cassette of the case's test class. A case that may record first checks that the cassette
     * can be written, so that nothing is spent on recordings that would be lost when the class ends.
     */
    static Cassette of(ExtensionContext context, LlmRun run, LlmMode mode) {
        ExtensionContext classContext = context;
        while (classContext.getParent().isPresent()
                && !(classContext.getElement().orElse(null) instanceof Class)) {
            classContext = classContext.getParent().get();
        }
        Class<?> testClass = context.getRequiredTestClass();
        // a namespace per class: a store also answers with its parents' values, and a @Nested class given
        // its outer class's cassette would see its recordings pruned there as "not a method of the class"
        ClassCassette classCassette = classContext
                .getStore(NAMESPACE.append(testClass))
                .getOrComputeIfAbsent(
                        CASSETTE_KEY, k -> new ClassCassette(run.cassettes().cassette(testClass)), ClassCassette.class);
        if (mode == LlmMode.RECORD || mode == LlmMode.AUTO) {
            classCassette.checkWritable(run);
        }
        return classCassette.cassette;
    }

    private void checkWritable(LlmRun run) {
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
