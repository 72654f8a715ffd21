package dev.junitllm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junitllm.results.LlmResultsListener;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Results listeners registered for this module's tests (META-INF/services): silent unless a test
 * arms them, then the first throws and the second records what it heard.
 */
final class ProbeResultsListener {

    static volatile boolean failing;
    static final List<String> HEARD = new CopyOnWriteArrayList<>();

    private ProbeResultsListener() {}

    static void reset() {
        failing = false;
        HEARD.clear();
    }

    /** Throws from both callbacks while {@link #failing} is set. */
    public static final class Throwing implements LlmResultsListener {
        @Override
        public void caseFinished(ObjectNode caseResult) {
            if (failing) {
                throw new IllegalStateException("report server unreachable");
            }
        }

        @Override
        public void runFinished(ObjectNode results, Path resultsFile) {
            if (failing) {
                throw new IllegalStateException("report server unreachable");
            }
        }
    }

    /** Records the callbacks it hears (after the throwing one, in service file order). */
    public static final class Recording implements LlmResultsListener {
        @Override
        public void caseFinished(ObjectNode caseResult) {
            HEARD.add("case " + caseResult.path("status").asText());
        }

        @Override
        public void runFinished(ObjectNode results, Path resultsFile) {
            HEARD.add("run " + resultsFile.getFileName());
        }
    }
}
