package dev.junitllm.internal.engine;

import dev.junitllm.results.CaseResult;
import dev.junitllm.results.LlmResults;
import dev.junitllm.results.LlmResultsListener;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Results listeners registered for this module's tests (META-INF/services): silent unless a test
 * arms them; then the first throws (when {@link #failing}) and the second records what it heard.
 */
final class ProbeResultsListener {

    static volatile boolean listening;
    static volatile boolean failing;
    static final List<String> HEARD = new CopyOnWriteArrayList<>();

    private ProbeResultsListener() {}

    static void arm(boolean fail) {
        HEARD.clear();
        failing = fail;
        listening = true;
    }

    static void reset() {
        listening = false;
        failing = false;
        HEARD.clear();
    }

    /** Throws from both callbacks while {@link #failing} is set. */
    public static final class Throwing implements LlmResultsListener {
        @Override
        public void caseFinished(CaseResult caseResult) {
            if (failing) {
                throw new IllegalStateException("report server unreachable");
            }
        }

        @Override
        public void runFinished(LlmResults results, Path resultsFile) {
            if (failing) {
                throw new IllegalStateException("report server unreachable");
            }
        }
    }

    /** Records the callbacks it hears (after the throwing one, in service file order). */
    public static final class Recording implements LlmResultsListener {
        @Override
        public void caseFinished(CaseResult caseResult) {
            if (listening) {
                HEARD.add("case " + caseResult.status().wireName());
            }
        }

        @Override
        public void runFinished(LlmResults results, Path resultsFile) {
            if (listening) {
                HEARD.add("run " + resultsFile.getFileName());
            }
        }
    }
}
