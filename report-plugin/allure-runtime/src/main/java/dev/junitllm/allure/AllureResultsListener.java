package dev.junitllm.allure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junitllm.results.AtomicFiles;
import dev.junitllm.results.CaseResult;
import dev.junitllm.results.LlmResults;
import dev.junitllm.results.LlmResultsListener;
import dev.junitllm.results.ResultsReader;
import dev.junitllm.results.ResultsWriter;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.util.PropertiesUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Publishes junit-llm results to Allure: found by the extension through {@link java.util.ServiceLoader}
 * when {@code junit-llm-allure} is on the test classpath next to {@code allure-jupiter}.
 *
 * <p>Per case, while the Allure test is still open: an HTML transcript attachment ({@value
 * #TRANSCRIPT}), the case's metrics JSON ({@value #METRICS}, the contract the report plugin reads),
 * labels {@code model} and {@code llm.model}, {@code dataset}, {@code promptVersion}, tag {@code llm} and
 * one {@code tag} per case tag, and the visible
 * parameters {@code case id}, {@code model} and {@code samples}, and for a conversation or an agent run its
 * trajectory as a step list ({@code TrajectorySteps}). At the end of the run:
 * {@code environment.properties}, {@code categories.json} and a copy of {@code llm-results.json} in
 * the Allure results directory ({@code allure.results.directory}, default {@code
 * target/allure-results}). In a forked run (Surefire {@code forkCount > 1}) that copy is the whole
 * build's run, every fork's file merged, whichever fork finishes last.
 *
 * <pre>{@code
 * <dependency>
 *   <groupId>dev.junitllm</groupId>
 *   <artifactId>junit-llm-allure</artifactId>
 *   <scope>test</scope>
 * </dependency>
 * }</pre>
 */
public final class AllureResultsListener implements LlmResultsListener {

    /** Name of the HTML transcript attachment. */
    public static final String TRANSCRIPT = "LLM transcript";

    /** Name of the metrics JSON attachment; the report plugin's per-test block looks for it. */
    public static final String METRICS = "LLM metrics";

    /** The Allure label carrying the model. */
    public static final String MODEL_LABEL = "model";

    /** The Allure label carrying the model too, under the name the LLM tab's "By model" table uses. */
    public static final String LLM_MODEL_LABEL = "llm.model";

    /** The Allure label carrying the dataset. */
    public static final String DATASET_LABEL = "dataset";

    /** The Allure label carrying the prompt versions ({@code name@version}). */
    public static final String PROMPT_LABEL = "promptVersion";

    /** File name of the results copy in the Allure results directory; the report plugin reads it. */
    public static final String RESULTS_FILE = "llm-results.json";

    static final String RESULTS_DIRECTORY_KEY = "allure.results.directory";
    static final String DEFAULT_RESULTS_DIRECTORY = "target/allure-results";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public void caseFinished(CaseResult finished) {
        AllureLifecycle lifecycle = Allure.getLifecycle();
        if (lifecycle.getCurrentTestCase().isEmpty()) {
            return; // no Allure test open (allure-jupiter not active): nothing to attach to
        }
        // the attachments are the case's JSON exactly as llm-results.json holds it
        ObjectNode caseResult = ResultsWriter.toTree(finished);
        String model = text(caseResult, "model");
        String dataset = text(caseResult, "dataset");
        String caseId = text(caseResult, "caseId");
        List<Label> labels = new ArrayList<>();
        labels.add(new Label().setName("tag").setValue("llm"));
        Set<String> tags = new LinkedHashSet<>();
        finished.tags().stream()
                .filter(t -> t != null && !t.isBlank() && !"llm".equals(t))
                .forEach(tags::add);
        tags.forEach(t -> labels.add(new Label().setName("tag").setValue(t)));
        if (model != null) {
            labels.add(new Label().setName(MODEL_LABEL).setValue(model));
            labels.add(new Label().setName(LLM_MODEL_LABEL).setValue(model));
        }
        if (dataset != null) {
            labels.add(new Label().setName(DATASET_LABEL).setValue(dataset));
        }
        for (JsonNode prompt : caseResult.path("prompts")) {
            labels.add(new Label()
                    .setName(PROMPT_LABEL)
                    .setValue(prompt.path("name").asText() + "@"
                            + prompt.path("version").asText(prompt.path("hash").asText())));
        }
        List<Parameter> parameters = new ArrayList<>();
        if (caseId != null) {
            parameters.add(new Parameter().setName("case id").setValue(caseId));
        }
        if (model != null) {
            parameters.add(new Parameter().setName("model").setValue(model));
        }
        // planned, not run: the value must not change between runs that stop early at different points
        parameters.add(new Parameter()
                .setName("samples")
                .setValue(String.valueOf(caseResult
                        .path("samplesPlanned")
                        .asInt(caseResult.path("samples").size()))));
        lifecycle.updateTestCase(result -> {
            result.getLabels().addAll(labels);
            Set<String> existing = new LinkedHashSet<>();
            result.getParameters().forEach(p -> existing.add(p.getName()));
            parameters.stream()
                    .filter(p -> !existing.contains(p.getName()))
                    .forEach(p -> result.getParameters().add(p));
        });
        TrajectorySteps.add(lifecycle, finished);
        lifecycle.addAttachment(
                TRANSCRIPT, "text/html", ".html", Transcript.html(caseResult).getBytes(StandardCharsets.UTF_8));
        Allure.addAttachment(METRICS, "application/json", toJson(caseResult), ".json");
    }

    @Override
    public void runFinished(LlmResults results, Path resultsFile) {
        Path dir = resultsDirectory();
        try {
            Files.createDirectories(dir);
            if (resultsFile == null || resultsFile.getParent() == null) {
                publish(dir, results, null);
                return;
            }
            // Forks of one build finish in any order, each after writing its own file: under a lock
            // shared by them, each publishes every file of the build written so far, so the last one
            // to take the lock publishes the whole run.
            Path lockFile = resultsFile.getParent().resolve(".llm-results.lock");
            synchronized (AllureResultsListener.class) {
                try (FileChannel channel =
                                FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                        FileLock lock = channel.lock()) {
                    List<Path> files = ResultsReader.buildFiles(
                            resultsFile.getParent(), results.run().build());
                    if (files.size() > 1) {
                        publish(dir, ResultsReader.readAll(files), null);
                    } else {
                        publish(dir, results, resultsFile);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "junit-llm could not write its files to the Allure results directory [" + dir + "]: "
                            + e.getMessage(),
                    e);
        }
    }

    /** Writes the run's files; {@code file} (when it holds the run) is copied byte for byte. */
    private static void publish(Path dir, LlmResults run, Path file) throws IOException {
        RunFiles.writeEnvironment(dir.resolve("environment.properties"), ResultsWriter.toTree(run.run()));
        RunFiles.writeCategories(dir.resolve("categories.json"));
        Path target = dir.resolve(RESULTS_FILE);
        if (file != null && Files.isRegularFile(file)) {
            AtomicFiles.writeString(target, Files.readString(file));
        } else {
            AtomicFiles.write(target, out -> ResultsWriter.write(out, run));
        }
    }

    /** {@code allure.results.directory} from system properties or {@code allure.properties}. */
    static Path resultsDirectory() {
        String configured = PropertiesUtils.loadAllureProperties().getProperty(RESULTS_DIRECTORY_KEY);
        return Paths.get(configured == null || configured.isBlank() ? DEFAULT_RESULTS_DIRECTORY : configured);
    }

    private static String toJson(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNull() || value.isMissingNode() ? null : value.asText();
    }
}
