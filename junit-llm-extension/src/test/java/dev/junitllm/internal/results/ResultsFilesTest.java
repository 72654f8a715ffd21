package dev.junitllm.internal.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junitllm.results.LlmResults;
import dev.junitllm.results.ResultsReader;
import dev.junitllm.results.RunInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsFilesTest {

    private static LlmResults document(String build, Instant finished) {
        return new LlmResults(
                LlmResults.SCHEMA_VERSION,
                new RunInfo(null, finished.toString(), "replay", List.of(), null, null, null, List.of(), build),
                null,
                List.of(),
                List.of(),
                List.of());
    }

    private static String partFile(String build, Instant finished) {
        return "{\"schemaVersion\":1,\"run\":{\"finishedAt\":\"%s\",\"build\":\"%s\"},\"tests\":[]}"
                .formatted(finished, build);
    }

    /** This test JVM is a Surefire fork: it writes its own file and deletes those of builds before the last. */
    @Test
    void aForkWritesItsOwnFileAndDeletesTheFilesOfBuildsBeforeThePreviousOne(@TempDir Path dir) throws Exception {
        assertThat(Build.inSurefireFork()).as("run by Surefire in a forked JVM").isTrue();
        Instant start = Instant.now().minusSeconds(5);
        Build build = new Build("7@" + start, start);
        Instant old = start.minusSeconds(7200);
        Instant previous = start.minusSeconds(3600);
        Files.writeString(dir.resolve("llm-results-1-a.json"), partFile("1@" + old, old));
        Files.writeString(dir.resolve("llm-results-2-b.json"), partFile("2@" + previous, previous));
        Files.writeString(dir.resolve("llm-results-2-c.json"), partFile("2@" + previous, previous));
        Files.setLastModifiedTime(dir.resolve("llm-results-1-a.json"), FileTime.from(old));

        Path file = ResultsFiles.write(dir, document(build.id(), Instant.now()), build);

        assertThat(file).isEqualTo(dir.resolve("llm-results.json"));
        assertThat(dir.resolve(ResultsFiles.ownPartFile())).isRegularFile();
        assertThat(names(dir))
                .containsExactlyInAnyOrder(
                        "llm-results.json", ResultsFiles.ownPartFile(), "llm-results-2-b.json", "llm-results-2-c.json");
        assertThat(ResultsReader.runFiles(List.of(dir), null)).containsExactly(dir.resolve(ResultsFiles.ownPartFile()));
        assertThat(ResultsReader.readRun(dir).orElseThrow().run().build()).isEqualTo(build.id());
    }

    @Test
    void theBuildOfAForkIsTheNearestAncestorJvmAndTheSameForEveryCall() {
        Build fork = Build.detect(true);
        Build self = Build.detect(false);
        assertThat(self.id()).startsWith(ProcessHandle.current().pid() + "@");
        // Surefire starts this JVM from the Maven JVM (perhaps through /bin/sh): not this process
        assertThat(fork.id()).doesNotStartWith(ProcessHandle.current().pid() + "@");
        long maven = Long.parseLong(fork.id().substring(0, fork.id().indexOf('@')));
        assertThat(ProcessHandle.of(maven).flatMap(p -> p.info().command()))
                .hasValueSatisfying(c -> assertThat(c).endsWith("java"));
        assertThat(Build.detect(true)).isEqualTo(fork);
        assertThat(Build.current()).isEqualTo(fork);
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }
}
