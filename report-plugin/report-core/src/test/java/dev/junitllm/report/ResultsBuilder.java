package dev.junitllm.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junitllm.results.LlmResults;
import dev.junitllm.results.ResultsReader;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds results documents following docs/results-schema.md, with totals consistent with the cases. */
final class ResultsBuilder {

    private final ObjectNode root = JsonNodeFactory.instance.objectNode();
    private final Map<String, ArrayNode> testCases = new LinkedHashMap<>();
    private final ArrayNode tests;
    private long input;
    private long output;
    private double modelCost;
    private double judgeCost;
    private int calls;
    private ObjectNode lastCase;

    ResultsBuilder(String... models) {
        root.put("schemaVersion", 1);
        ObjectNode run = root.putObject("run");
        run.put("startedAt", "2026-11-27T14:00:00Z");
        run.put("finishedAt", "2026-11-27T14:00:09Z");
        run.put("mode", "replay");
        ArrayNode m = run.putArray("models");
        for (String model : models) {
            m.add(model);
        }
        run.put("judgeModel", "openai:gpt-4o-mini");
        run.put("priceTableDate", "2026-07-01");
        root.putArray("datasets");
        root.putArray("comparisons");
        tests = root.putArray("tests");
    }

    /** A dataset case with one sample per pass/fail entry, one model call and one judge call per sample. */
    ResultsBuilder addCase(String testId, String dataset, String caseId, String model, boolean... samples) {
        return addCase(testId, dataset, caseId, model, 100, 0.001, 0.0002, samples);
    }

    ResultsBuilder addCase(
            String testId,
            String dataset,
            String caseId,
            String model,
            long latencyMs,
            double modelCostPerSample,
            double judgeCostPerSample,
            boolean... samples) {
        ArrayNode cases = testCases.computeIfAbsent(testId, id -> {
            ObjectNode test = tests.addObject();
            test.put("testId", id);
            test.put("className", id.substring(0, id.indexOf('#')));
            test.put("methodName", id.substring(id.indexOf('#') + 1));
            return test.putArray("cases");
        });
        ObjectNode c = cases.addObject();
        lastCase = c;
        int passed = 0;
        for (boolean s : samples) {
            passed += s ? 1 : 0;
        }
        double rate = (double) passed / samples.length;
        c.put("displayName", "[" + model + "] " + caseId);
        c.put("caseId", caseId);
        c.put("dataset", dataset);
        c.put("model", model);
        c.put("input", "question " + caseId);
        c.put("status", rate >= 0.8 ? "passed" : "failed");
        c.put("samplesPlanned", samples.length);
        c.put("samplesRun", samples.length);
        c.put("passedSamples", passed);
        c.put("minPassRate", 0.8);
        c.put("passRate", rate);
        c.put("failureReason", rate >= 0.8 ? null : "expected \"30 days\" in the answer");
        ObjectNode tokens = c.putObject("tokens");
        tokens.put("input", 100L * samples.length);
        tokens.put("output", 20L * samples.length);
        ObjectNode cost = c.putObject("costUsd");
        cost.put("model", modelCostPerSample * samples.length);
        cost.put("judge", judgeCostPerSample * samples.length);
        cost.put("total", (modelCostPerSample + judgeCostPerSample) * samples.length);
        cost.put("unknownPriceCalls", 0);
        c.put("latencyMs", latencyMs * samples.length);
        ArrayNode sampleArray = c.putArray("samples");
        for (int i = 0; i < samples.length; i++) {
            ObjectNode s = sampleArray.addObject();
            s.put("index", i);
            s.put("passed", samples[i]);
            ObjectNode v = s.putArray("verdicts").addObject();
            v.put("metric", "containsIgnoringCase");
            v.put("score", samples[i] ? 1.0 : 0.0);
            v.put("threshold", 1.0);
            v.put("passed", samples[i]);
            v.put("reason", samples[i] ? "contains \"30 days\"" : "does not contain \"30 days\"");
            ArrayNode callArray = s.putArray("calls");
            ObjectNode call = callArray.addObject();
            call.put("role", "model");
            call.put("model", model);
            call.put("latencyMs", latencyMs);
            call.put("costUsd", modelCostPerSample);
            call.put("request", "question " + caseId);
            call.put("response", samples[i] ? "Within 30 days." : "Whenever you like.");
            ObjectNode judge = callArray.addObject();
            judge.put("role", "judge");
            judge.put("model", "openai:gpt-4o-mini");
            judge.put("latencyMs", 5000);
            judge.put("costUsd", judgeCostPerSample);
            input += 100;
            output += 20;
            calls += 2;
        }
        modelCost += modelCostPerSample * samples.length;
        judgeCost += judgeCostPerSample * samples.length;
        return this;
    }

    /** Gives the last added case these tags. */
    ResultsBuilder tags(String... tags) {
        ArrayNode array = lastCase.putArray("tags");
        for (String tag : tags) {
            array.add(tag);
        }
        return this;
    }

    /** Gives the last added case's last sample a model answer. */
    ResultsBuilder answer(String response) {
        ArrayNode samples = (ArrayNode) lastCase.get("samples");
        ((ObjectNode) samples.get(samples.size() - 1).get("calls").get(0)).put("response", response);
        return this;
    }

    ResultsBuilder gate(String testId, String dataset, String model, int cases, int passed, double min) {
        ObjectNode d = ((ArrayNode) root.get("datasets")).addObject();
        d.put("testId", testId);
        d.put("dataset", dataset);
        d.put("model", model);
        d.put("minPassRate", min);
        d.put("cases", cases);
        d.put("passedCases", passed);
        d.put("passRate", (double) passed / cases);
        d.put("passed", (double) passed / cases >= min);
        return this;
    }

    LlmResults build() {
        return ResultsReader.read(json());
    }

    ObjectNode json() {
        ObjectNode totals = root.putObject("totals");
        totals.put("calls", calls);
        ObjectNode tokens = totals.putObject("tokens");
        tokens.put("input", input);
        tokens.put("output", output);
        ObjectNode cost = totals.putObject("costUsd");
        cost.put("model", modelCost);
        cost.put("judge", judgeCost);
        cost.put("total", modelCost + judgeCost);
        cost.put("unknownPriceCalls", 0);
        return root.deepCopy();
    }
}
