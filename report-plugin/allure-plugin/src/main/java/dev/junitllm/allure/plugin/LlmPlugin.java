package dev.junitllm.allure.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junitllm.report.CaseRecord;
import dev.junitllm.report.ReportDataException;
import dev.junitllm.report.ReportSummary;
import dev.junitllm.results.LlmResults;
import io.qameta.allure.Aggregator2;
import io.qameta.allure.Reader;
import io.qameta.allure.ReportStorage;
import io.qameta.allure.core.Configuration;
import io.qameta.allure.core.LaunchResults;
import io.qameta.allure.core.ResultsVisitor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Allure 2 side of junit-llm: reads {@code llm-results.json} (and the baseline, the previous
 * report's LLM history and report options) from each results directory, and writes the data the
 * LLM tab ({@code data/llm.json}), the overview widget ({@code widgets/junit-llm.json}) and the next
 * report's history ({@code history/llm-trend.json}, {@code history/llm-cases.json}) read.
 */
public class LlmPlugin implements Reader, Aggregator2 {

    /** The results copy the runtime publisher writes into the Allure results directory. */
    public static final String RESULTS_FILE = "llm-results.json";

    /** The baseline the Maven plugin copies into the Allure results directory. */
    public static final String BASELINE_FILE = "llm-baseline.json";

    /** Report options the Maven plugin writes (significance level). */
    public static final String OPTIONS_FILE = "llm-report.json";

    /** History kept between reports: the trend (newest first) and the previous run's cases. */
    public static final String TREND_FILE = "llm-trend.json";

    public static final String CASES_FILE = "llm-cases.json";

    static final String RESULTS_BLOCK = "junit-llm-results";
    static final String BASELINE_BLOCK = "junit-llm-baseline";
    static final String TREND_BLOCK = "junit-llm-trend";
    static final String PREVIOUS_BLOCK = "junit-llm-previous";
    static final String OPTIONS_BLOCK = "junit-llm-options";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public void readResults(Configuration configuration, ResultsVisitor visitor, Path directory) {
        read(visitor, directory.resolve(RESULTS_FILE), RESULTS_BLOCK);
        read(visitor, directory.resolve(BASELINE_FILE), BASELINE_BLOCK);
        read(visitor, directory.resolve(OPTIONS_FILE), OPTIONS_BLOCK);
        read(visitor, directory.resolve("history").resolve(TREND_FILE), TREND_BLOCK);
        read(visitor, directory.resolve("history").resolve(CASES_FILE), PREVIOUS_BLOCK);
    }

    private static void read(ResultsVisitor visitor, Path file, String block) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            visitor.visitExtra(block, MAPPER.readTree(file.toFile()));
        } catch (IOException e) {
            visitor.error("junit-llm: could not read " + file, e);
        }
    }

    @Override
    public void aggregate(Configuration configuration, List<LaunchResults> launches, ReportStorage storage) {
        ObjectNode summary;
        try {
            summary = summarize(launches);
        } catch (ReportDataException e) {
            // a broken results file must not cost the team the rest of the report
            summary = JsonNodeFactory.instance.objectNode();
            summary.put("empty", true);
            summary.put("error", e.getMessage());
            summary.putArray("trend");
            summary.putArray("cases");
        }
        storage.addDataJson("data/llm.json", summary);
        storage.addDataJson("widgets/junit-llm.json", widget(summary));
        storage.addDataJson("history/" + TREND_FILE, summary.path("trend"));
        ObjectNode cases = JsonNodeFactory.instance.objectNode();
        cases.set("cases", summary.path("cases"));
        storage.addDataJson("history/" + CASES_FILE, cases);
    }

    static ObjectNode summarize(List<LaunchResults> launches) {
        List<LlmResults> documents = new ArrayList<>();
        launches.forEach(l -> extra(l, RESULTS_BLOCK).map(ReportSummary::read).ifPresent(documents::add));
        ObjectNode summary;
        if (documents.isEmpty()) {
            summary = JsonNodeFactory.instance.objectNode();
            summary.put("empty", true);
            summary.putArray("trend");
            summary.putArray("cases");
            launches.stream()
                    .map(l -> extra(l, TREND_BLOCK))
                    .flatMap(Optional::stream)
                    .findFirst()
                    .ifPresent(trend -> summary.set("trend", trend));
            return summary;
        }
        ReportSummary builder = ReportSummary.builder(documents);
        first(launches, OPTIONS_BLOCK).ifPresent(o -> {
            if (o.path("alpha").isNumber()) {
                builder.alpha(o.path("alpha").asDouble());
            }
        });
        first(launches, BASELINE_BLOCK).ifPresent(b -> builder.baseline(CaseRecord.fromSummaries(b)));
        Optional<JsonNode> previous = first(launches, PREVIOUS_BLOCK);
        Optional<JsonNode> trend = first(launches, TREND_BLOCK);
        if (previous.isPresent() || trend.isPresent()) {
            builder.previous(previous.map(CaseRecord::fromSummaries).orElse(null), trend.orElse(null));
        }
        summary = builder.build();
        summary.put("empty", false);
        return summary;
    }

    /** The small subset the overview widget shows. */
    static ObjectNode widget(ObjectNode summary) {
        ObjectNode widget = JsonNodeFactory.instance.objectNode();
        widget.put("empty", summary.path("empty").asBoolean());
        widget.set("error", summary.path("error"));
        widget.set("totals", summary.path("totals"));
        widget.set("trend", summary.path("trend"));
        widget.put("datasets", summary.path("datasets").size());
        widget.put("failedGates", count(summary.path("datasets"), "gatePassed", false));
        JsonNode baseline = summary.path("baseline");
        widget.put("hasBaseline", baseline.isObject());
        widget.put("baselineCompared", baseline.path("compared").asBoolean(true));
        widget.set("notComparedReason", baseline.path("notComparedReason"));
        widget.set("modelChange", baseline.path("modelChange"));
        ArrayNode models = widget.putArray("models");
        for (JsonNode m : summary.path("models")) {
            ObjectNode row = models.addObject();
            for (String field : List.of(
                    "dataset",
                    "baselineModel",
                    "candidateModel",
                    "pairedCases",
                    "beforePassRate",
                    "afterPassRate",
                    "pValue",
                    "significantRegression")) {
                row.set(field, m.path(field));
            }
        }
        widget.put("newlyFailing", baseline.path("newlyFailing").size());
        widget.put(
                "significantRegression", baseline.path("significantRegression").asBoolean(false));
        widget.put(
                "previousNewlyFailing",
                summary.path("previous").path("newlyFailing").size());
        return widget;
    }

    private static int count(JsonNode rows, String field, boolean value) {
        int n = 0;
        for (JsonNode row : rows) {
            if (row.path(field).isBoolean() && row.path(field).asBoolean() == value) {
                n++;
            }
        }
        return n;
    }

    private static Optional<JsonNode> first(List<LaunchResults> launches, String block) {
        return launches.stream()
                .map(l -> extra(l, block))
                .flatMap(Optional::stream)
                .findFirst();
    }

    private static Optional<JsonNode> extra(LaunchResults launch, String block) {
        Optional<Object> value = launch.getExtra(block);
        return value.filter(JsonNode.class::isInstance).map(JsonNode.class::cast);
    }
}
