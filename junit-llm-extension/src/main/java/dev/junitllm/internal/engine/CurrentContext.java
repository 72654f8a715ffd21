package dev.junitllm.internal.engine;

import dev.junitllm.LlmContext;

/**
 * Holds the {@link LlmContext} of the sample running on each thread. Internal API: the extension
 * binds a context around each sample; tests of custom assertions may bind a fake one.
 *
 * <pre>{@code
 * try (CurrentContext.Binding ignored = CurrentContext.bind(fakeContext)) {
 *     assertThat(response).satisfiesRubric("...");   // records into fakeContext
 * }
 * }</pre>
 */
public final class CurrentContext {
    private static final ThreadLocal<LlmContext> CURRENT = new ThreadLocal<>();

    private CurrentContext() {}

    public static LlmContext get() {
        return CURRENT.get();
    }

    /** Binds {@code context} to this thread until the returned handle is closed. Internal API. */
    public static Binding bind(LlmContext context) {
        LlmContext previous = CURRENT.get();
        CURRENT.set(context);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /** Restores the previous context when closed. */
    public interface Binding extends AutoCloseable {
        @Override
        void close();
    }
}
