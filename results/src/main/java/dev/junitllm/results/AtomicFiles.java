package dev.junitllm.results;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Writes a file so that readers see either the old content or the new, never half of it: the text
 * goes to a hidden temporary file next to the target, which is then moved over it. Used for
 * cassettes, the results file and the files junit-llm adds to Allure's results.
 *
 * <pre>{@code
 * AtomicFiles.writeString(Path.of("target/llm-results/llm-results.json"), json);
 * }</pre>
 *
 * <p>Shared by junit-llm's own modules (extension, Allure publisher); not meant for users.
 */
@API(status = API.Status.INTERNAL, consumers = "dev.junitllm")
public final class AtomicFiles {
    private AtomicFiles() {}

    /**
     * Deletes the temporary files that an interrupted {@link #write} of {@code target} left behind
     * (a process killed between writing and moving): only files named as this class names them,
     * {@code .<target name>.<digits>.tmp} next to {@code target}, and only those last modified before
     * {@code olderThan} (the start of the run), so a concurrent writer's file and the user's files are
     * never touched. Best effort: what cannot be listed or deleted is left alone.
     */
    public static void deleteStaleTemporaryFiles(Path target, Instant olderThan) {
        Path directory = target.toAbsolutePath().getParent();
        Pattern ours =
                Pattern.compile("\\." + Pattern.quote(target.getFileName().toString()) + "\\.[0-9]+\\.tmp");
        try (DirectoryStream<Path> candidates = Files.newDirectoryStream(
                directory, p -> ours.matcher(p.getFileName().toString()).matches())) {
            for (Path candidate : candidates) {
                try {
                    if (Files.isRegularFile(candidate, LinkOption.NOFOLLOW_LINKS)
                            && Files.getLastModifiedTime(candidate).toInstant().isBefore(olderThan)) {
                        Files.deleteIfExists(candidate);
                    }
                } catch (IOException e) {
                    // left for a later run
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // no folder yet, or not listable: nothing to clean
        }
    }

    /** Writes a file's content to a stream (which it must not close). */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Replaces {@code target} with {@code text} (UTF-8), creating its folder if needed. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Replaces {@code target} with what {@code content} writes, streamed to disk (a large results file
     * is never held as one string), creating the folder if needed.
     *
     * <pre>{@code
     * AtomicFiles.write(target, out -> mapper.writerWithDefaultPrettyPrinter().writeValue(out, document));
     * }</pre>
     */
    public static void write(Path target, Content content) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        // createTempFile makes owner-only files; a committed cassette or a report file should be
        // readable like any file the user writes.
        Path temp = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? Files.createTempFile(
                        directory,
                        "." + target.getFileName() + ".",
                        ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")))
                : Files.createTempFile(directory, "." + target.getFileName() + ".", ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp))) {
                content.writeTo(out);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
