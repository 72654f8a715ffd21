package dev.junitllm.internal.results;

import dev.junitllm.results.LlmResults;
import dev.junitllm.results.ResultsWriter;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes one JVM's results at the end of its run: {@code llm-results.json}, and in a Surefire fork
 * also {@code llm-results-<pid>-<random>.json} (forks share the folder and each would overwrite the
 * other's {@code llm-results.json}); then deletes the per-JVM files of builds before the previous one.
 *
 * <pre>{@code
 * Path file = ResultsFiles.write(Path.of("target/llm-results"), document, Build.current());
 * }</pre>
 */
public final class ResultsFiles {

    /** This JVM's id in per-JVM file names: the process id and a random part (pids repeat). */
    private static final String JVM_ID = ProcessHandle.current().pid() + "-"
            + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);

    private ResultsFiles() {}

    /**
     * The name of this JVM's per-JVM file when it runs in a Surefire fork, else null (it writes
     * {@code llm-results.json} only).
     */
    public static String ownPartFile() {
        return Build.inSurefireFork() ? ResultsWriter.PART_PREFIX + JVM_ID + ".json" : null;
    }

    /**
     * Writes {@code document} (whose {@code run.build} is {@code build}'s id) into {@code dir}.
     *
     * @return the {@code llm-results.json} written
     */
    public static Path write(Path dir, LlmResults document, Build build) {
        Path file = ResultsWriter.write(dir, document);
        if (Build.inSurefireFork()) {
            ResultsWriter.writePart(dir, document, JVM_ID);
        }
        ResultsWriter.deleteEarlierBuilds(dir, build.id(), build.start());
        return file;
    }
}
