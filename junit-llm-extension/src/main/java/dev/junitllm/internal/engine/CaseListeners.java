package dev.junitllm.internal.engine;

import dev.junitllm.internal.results.LedgerResults;
import dev.junitllm.results.CaseResult;
import dev.junitllm.results.LlmResultsListener;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Hands each finished case to the run's results listeners; a failing listener fails no test. */
final class CaseListeners {

    private CaseListeners() {}

    static void publish(CaseContext cc, ExtensionContext context) {
        LlmRun run = LlmRun.of(context);
        if (run.listeners().isEmpty()) {
            return; // building and redacting the node costs more than the rest of a replayed case
        }
        CaseResult node = LedgerResults.caseResult(cc.record(), run::redact);
        for (LlmResultsListener listener : run.listeners()) {
            try {
                listener.caseFinished(node);
            } catch (RuntimeException e) {
                System.err.println(
                        "junit-llm: results listener " + listener.getClass().getName() + " failed: " + e);
            }
        }
    }
}
