package dev.junitllm.maven;

import dev.junitllm.report.ReviewQueue;
import dev.junitllm.results.LabelsFile;
import dev.junitllm.results.LlmResults;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Human review of the last run: builds the review queue from its judge verdicts (failed, votes
 * disagreeing, close to the threshold, stale labels, a seeded random sample of passes), serves the
 * review page on 127.0.0.1 and writes each label to the dataset's labels file under {@code
 * llm.labels.dir} as it is given. Runs until the reviewer presses Finish (or Ctrl-C; labels given so
 * far are already written).
 *
 * <pre>
 * mvn test                      # a run with judge verdicts
 * mvn junit-llm:review          # open the printed http://127.0.0.1:…/ address
 * git add src/test/resources/llm-labels
 * </pre>
 */
@Mojo(name = "review", threadSafe = true)
public class ReviewMojo extends AbstractLlmMojo {

    /** Answers in the queue at most; a third of them is kept for random passes. */
    @Parameter(property = "llm.review.size", defaultValue = "30")
    int size;

    /** Seed of the random sample of passes: the same run and seed give the same queue. */
    @Parameter(property = "llm.review.seed", defaultValue = "1")
    long seed;

    /** A graded score within this distance of its threshold is "close" and queued. */
    @Parameter(property = "llm.review.closeMargin", defaultValue = "0.15")
    double closeMargin;

    /** The port on 127.0.0.1; 0 picks a free one. */
    @Parameter(property = "llm.review.port", defaultValue = "0")
    int port;

    /** The reviewer name the page starts with (it can be changed there). */
    @Parameter(property = "llm.review.reviewer")
    String reviewer;

    /** Stop waiting after this many minutes; 0 waits until Finish. */
    @Parameter(property = "llm.review.timeoutMinutes", defaultValue = "0")
    long timeoutMinutes;

    /** Where the labels files are written: the extension's {@code llm.labels.dir}. */
    @Parameter(property = "llm.labels.dir", defaultValue = "${project.basedir}/" + LabelsFile.DEFAULT_DIR)
    File labelsDirectory;

    @Override
    public void execute() throws MojoFailureException {
        if (size < 1) {
            throw new MojoFailureException("llm.review.size (size) must be >= 1, was " + size);
        }
        Optional<LlmResults> run = readRun();
        if (run.isEmpty()) {
            throw new MojoFailureException("junit-llm: no results to review in " + resultsDirectoryList()
                    + "; run the tests first (mvn test)");
        }
        List<ReviewQueue.Item> queue = ReviewQueue.build(run.get(), size, closeMargin, seed);
        getLog().info("junit-llm: " + queue.size() + " answers to review (" + summary(queue) + ")");
        try (ReviewServer server =
                new ReviewServer(queue, labelsDirectory.toPath(), this::datasetFile, reviewerName(), LocalDate::now)) {
            URI page = server.start(port);
            getLog().info("junit-llm: review page at " + page + " — labels are written to " + labelsDirectory
                    + "; press Finish on the page (or Ctrl-C) when done");
            boolean done = server.awaitFinish(timeoutMinutes);
            getLog().info("junit-llm: review " + (done ? "finished" : "timed out") + ", " + server.labelledCount()
                    + " labels written; review and commit " + labelsDirectory);
        } catch (IOException e) {
            throw new MojoFailureException("junit-llm: the review page cannot listen on 127.0.0.1:" + port + " ("
                    + e.getMessage() + "); choose another llm.review.port");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String summary(List<ReviewQueue.Item> queue) {
        List<String> parts = new ArrayList<>();
        for (ReviewQueue.Why why : ReviewQueue.Why.values()) {
            long n = queue.stream().filter(i -> i.why() == why).count();
            if (n > 0) {
                parts.add(n + " " + why.name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return parts.isEmpty() ? "nothing to label" : String.join(", ", parts);
    }

    private String reviewerName() {
        return reviewer != null && !reviewer.isBlank() ? reviewer : System.getProperty("user.name");
    }

    /** A dataset resource's file: in the test resources, the main resources, or relative to the project. */
    Path datasetFile(String dataset) {
        List<Path> candidates = new ArrayList<>();
        if (project != null) {
            for (Resource r : project.getTestResources()) {
                candidates.add(Path.of(r.getDirectory()).resolve(dataset));
            }
            for (Resource r : project.getResources()) {
                candidates.add(Path.of(r.getDirectory()).resolve(dataset));
            }
            candidates.add(
                    project.getBasedir().toPath().resolve("src/test/resources").resolve(dataset));
            candidates.add(project.getBasedir().toPath().resolve(dataset));
        } else {
            candidates.add(Path.of("src/test/resources").resolve(dataset));
        }
        return candidates.stream()
                .filter(Files::isRegularFile)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("dataset " + dataset + " not found in " + candidates));
    }
}
