package dev.junitllm.internal.results;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The build a test JVM belongs to, written as {@code run.build} into its results so that readers take
 * the newest build's per-JVM files only and a build deletes those of earlier builds.
 *
 * <p>Under Maven every Surefire or Failsafe fork is started by the Maven JVM (directly or through
 * {@code /bin/sh}), so the nearest ancestor process that is a JVM is the build, and all forks of one
 * {@code mvn} invocation agree on its pid and start instant. With {@code forkCount=0} the tests run
 * inside the Maven JVM, which is then the build itself; outside Surefire (an IDE, Gradle, the console
 * launcher) one JVM writes one {@code llm-results.json} and is its own build.
 *
 * <pre>{@code
 * Build build = Build.current();
 * build.id();      // "81234@2026-12-01T13:52:52.120Z"
 * build.start();   // when that process started
 * }</pre>
 *
 * @param id {@code <pid>@<start instant>} of the build's process
 * @param start when that process started: files of other builds finished before it are stale
 */
public record Build(String id, Instant start) {

    private static final Build CURRENT = detect(inSurefireFork());

    /** The build of this JVM, detected once. */
    public static Build current() {
        return CURRENT;
    }

    /** Surefire's and Failsafe's booter set these in every JVM they fork. */
    public static boolean inSurefireFork() {
        return !inMavenJvm()
                && (System.getProperty("surefire.real.class.path") != null
                        || System.getProperty("surefire.test.class.path") != null);
    }

    /** {@code forkCount=0}: the tests run inside the Maven JVM (its launcher is plexus-classworlds). */
    private static boolean inMavenJvm() {
        String command = System.getProperty("sun.java.command", "");
        return command.startsWith("org.codehaus.plexus.classworlds.launcher.Launcher")
                || System.getProperty("classworlds.conf") != null;
    }

    static Build detect(boolean forked) {
        ProcessHandle self = ProcessHandle.current();
        if (forked) {
            Optional<ProcessHandle> parent = self.parent();
            // skip the shell Surefire may start the fork through; stop at the first JVM
            for (Optional<ProcessHandle> p = parent; p.isPresent(); p = p.get().parent()) {
                if (isJvm(p.get())) {
                    return of(p.get()).orElseGet(() -> of(self).orElseGet(Build::now));
                }
            }
            if (parent.isPresent()) {
                return of(parent.get()).orElseGet(() -> of(self).orElseGet(Build::now));
            }
        }
        return of(self).orElseGet(Build::now);
    }

    private static boolean isJvm(ProcessHandle process) {
        return process.info()
                .command()
                .map(c -> {
                    String name = c.substring(Math.max(c.lastIndexOf('/'), c.lastIndexOf('\\')) + 1)
                            .toLowerCase(Locale.ROOT);
                    return name.equals("java") || name.equals("java.exe") || name.equals("javaw.exe");
                })
                .orElse(false);
    }

    private static Optional<Build> of(ProcessHandle process) {
        return process.info().startInstant().map(start -> new Build(process.pid() + "@" + start, start));
    }

    /** No start instant known for any process: this JVM, from now. */
    private static Build now() {
        Instant now = Instant.now();
        return new Build(ProcessHandle.current().pid() + "@" + now, now);
    }
}
