package dev.junitllm.results;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The results files of one folder, grouped by the build that wrote them ({@link RunInfo#build()}):
 * which files make up the newest build's run, and which files are left over from earlier builds.
 */
final class BuildFiles {

    /** One results file: a per-JVM part or {@code llm-results.json}, its build and when it was finished. */
    record Entry(Path file, boolean part, String build, Instant finished) {}

    private BuildFiles() {}

    /** The folder's results files last modified at or after {@code notBefore} (null: all). */
    static List<Entry> entries(Path dir, Instant notBefore) {
        List<Entry> entries = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return entries;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(f -> ResultsWriter.isPartFile(f.getFileName().toString())
                            || f.getFileName().toString().equals(ResultsWriter.FILE_NAME))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list [" + dir + "]: " + e.getMessage(), e);
        }
        for (Path file : files) {
            Optional<Instant> modified = modified(file);
            if (modified.isEmpty() || notBefore != null && modified.get().isBefore(notBefore)) {
                continue; // deleted meanwhile, or older than the build
            }
            RunInfo run = head(file);
            Instant finished =
                    run == null || run.finishedAt() == null ? modified.get() : RunMerge.instant(run.finishedAt());
            entries.add(new Entry(
                    file,
                    ResultsWriter.isPartFile(file.getFileName().toString()),
                    run == null ? null : run.build(),
                    finished));
        }
        return entries;
    }

    /**
     * The files of the newest build among the files {@code accept}ed: its per-JVM parts, or
     * its {@code llm-results.json} when it wrote no part (a single-JVM run).
     */
    static List<Path> newestBuild(List<Entry> all, Predicate<Entry> accept) {
        List<Entry> entries = all.stream().filter(accept).toList();
        Optional<Entry> newest =
                entries.stream().max(Comparator.comparing(Entry::finished).thenComparing(Entry::part));
        if (newest.isEmpty()) {
            return List.of();
        }
        String build = newest.get().build();
        List<Path> parts = entries.stream()
                .filter(e -> e.part() && Objects.equals(e.build(), build))
                .map(Entry::file)
                .toList();
        return parts.isEmpty() ? List.of(newest.get().file()) : parts;
    }

    /**
     * The per-JVM files of builds other than {@code build} that finished before {@code buildStart},
     * except those of the newest such build: that is the previous build, whose failures a rerun
     * ({@code llm.rerun=failed}) in a later fork of this build still reads.
     */
    static List<Path> earlierBuilds(List<Entry> entries, String build, Instant buildStart) {
        Map<String, Instant> others = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (e.part() && !Objects.equals(e.build(), build)) {
                others.merge(String.valueOf(e.build()), e.finished(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        String previous = others.entrySet().stream()
                .filter(o -> o.getValue().isBefore(buildStart)) // not a build running at the same time
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .orElse(null);
        return entries.stream()
                .filter(e -> e.part() && !Objects.equals(e.build(), build))
                .filter(e -> !String.valueOf(e.build()).equals(previous))
                .filter(e -> e.finished().isBefore(buildStart))
                .map(Entry::file)
                .toList();
    }

    /**
     * The {@code run} object of a results file, read without reading its tests (the writer puts
     * {@code run} first); null when the file has none or cannot be read (reading it fully will say why).
     */
    static RunInfo head(Path file) {
        try (JsonParser p = ResultsReader.MAPPER.getFactory().createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if ("run".equals(name)) {
                    return p.currentToken() == JsonToken.START_OBJECT
                            ? ResultsReader.MAPPER.readValue(p, RunInfo.class)
                            : null;
                }
                p.skipChildren();
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Optional<Instant> modified(Path file) {
        try {
            return Optional.of(Files.getLastModifiedTime(file).toInstant());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(Instant.EPOCH);
        }
    }
}
