package dev.junitllm.internal.results;

/** Receives every model call as it completes (or fails); the extension routes it to the current sample. */
@FunctionalInterface
public interface CallObserver {
    CallObserver NONE = call -> {};

    void onCall(CallRecord call);
}
