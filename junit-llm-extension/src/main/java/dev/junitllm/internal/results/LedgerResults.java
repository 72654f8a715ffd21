package dev.junitllm.internal.results;

import dev.junitllm.CallRole;
import dev.junitllm.GoldenCase;
import dev.junitllm.PromptTemplate;
import dev.junitllm.Usage;
import dev.junitllm.Verdict;
import dev.junitllm.results.CallResult;
import dev.junitllm.results.CaseResult;
import dev.junitllm.results.CaseStatus;
import dev.junitllm.results.Cost;
import dev.junitllm.results.DatasetGateResult;
import dev.junitllm.results.JudgeReview;
import dev.junitllm.results.Latency;
import dev.junitllm.results.LlmResults;
import dev.junitllm.results.ModelComparison;
import dev.junitllm.results.PromptInfo;
import dev.junitllm.results.RunInfo;
import dev.junitllm.results.SampleResult;
import dev.junitllm.results.TestResult;
import dev.junitllm.results.Tokens;
import dev.junitllm.results.Totals;
import dev.junitllm.results.VerdictResult;
import dev.junitllm.stats.Interval;
import dev.junitllm.stats.McNemar;
import dev.junitllm.stats.PassAtK;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Turns the mutable {@link RunLedger} into the results module's records (docs/results-schema.md).
 * Every free text passes through {@code redact} (answers can echo API keys).
 *
 * <pre>{@code
 * LlmResults results = LedgerResults.of(ledger, Instant.now(), redactor::redact);
 * ResultsWriter.write(Path.of("target/llm-results"), results);
 * }</pre>
 */
public final class LedgerResults {

    private LedgerResults() {}

    /** The whole results document. */
    public static LlmResults of(RunLedger ledger, Instant finishedAt, UnaryOperator<String> redact) {
        List<CaseRecord> cases = new ArrayList<>(ledger.cases());
        cases.sort(Comparator.comparing(CaseRecord::testId).thenComparing(CaseRecord::uniqueId));

        RunInfo run = new RunInfo(
                ledger.startedAt().toString(),
                finishedAt.toString(),
                ledger.mode(),
                ledger.models(),
                ledger.judgeModel(),
                ledger.gitCommit(),
                ledger.priceTableDate(),
                ledger.prompts().stream().map(LedgerResults::prompt).toList(),
                ledger.build());

        List<DatasetGateResult> datasets = ledger.gates().stream()
                .sorted(Comparator.comparing(DatasetGateResult::testId)
                        .thenComparing(DatasetGateResult::dataset)
                        .thenComparing(DatasetGateResult::model))
                .toList();

        List<ModelComparison> comparisons = new ArrayList<>();
        ledger.matrices().forEach((testId, ms) -> comparisons.addAll(comparisons(testId, ms, cases)));

        Map<String, List<CaseRecord>> byTest = new LinkedHashMap<>();
        cases.forEach(
                c -> byTest.computeIfAbsent(c.testId(), k -> new ArrayList<>()).add(c));
        List<TestResult> tests = new ArrayList<>();
        byTest.forEach((testId, testCases) -> tests.add(new TestResult(
                testId,
                testCases.get(0).className(),
                testCases.get(0).methodName(),
                testCases.stream().map(c -> caseResult(c, redact)).toList())));

        return new LlmResults(LlmResults.SCHEMA_VERSION, run, totals(cases), datasets, comparisons, tests);
    }

    /** One element of {@code tests[].cases[]}. */
    public static CaseResult caseResult(CaseRecord c, UnaryOperator<String> redact) {
        GoldenCase g = c.goldenCase();
        List<SampleRecord> samples = c.samples();
        int run = samples.size();
        int passed = c.passedSamples();
        Map<String, Double> passAtK = new LinkedHashMap<>();
        Map<String, Double> passHatK = new LinkedHashMap<>();
        for (int k = 1; k <= run; k++) {
            passAtK.put(Integer.toString(k), PassAtK.passAtK(run, passed, k));
            passHatK.put(Integer.toString(k), PassAtK.passHatK(run, passed, k));
        }
        List<CallRecord> calls = new ArrayList<>();
        samples.forEach(s -> calls.addAll(s.calls()));
        return new CaseResult(
                c.uniqueId(),
                redact.apply(c.displayName()),
                c.testId(),
                g == null ? null : g.id(),
                c.dataset(),
                c.model(),
                c.mode(),
                g == null ? null : redact.apply(g.input()),
                g == null ? null : redact.apply(g.expected()),
                g == null ? List.of() : g.context().stream().map(redact).toList(),
                g == null ? List.of() : g.tags().stream().sorted().toList(),
                c.prompts().stream().map(LedgerResults::prompt).toList(),
                status(c.status()),
                c.samplesPlanned(),
                run,
                passed,
                c.minPassRate(),
                run == 0 ? 0.0 : (double) passed / run,
                Interval.wilson(passed, run),
                passAtK,
                passHatK,
                redact.apply(c.failureReason()),
                tokens(calls),
                cost(calls),
                calls.stream().mapToLong(r -> r.latency().toMillis()).sum(),
                samples.stream()
                        .map(s -> new SampleResult(
                                s.index(),
                                s.passed(),
                                redact.apply(s.error()),
                                verdicts(s, redact),
                                s.calls().stream().map(r -> call(r, redact)).toList(),
                                s.trajectory().stream().map(redact).toList()))
                        .toList());
    }

    private static CaseStatus status(CaseRecord.Status status) {
        return status == null ? CaseStatus.SKIPPED : CaseStatus.valueOf(status.name());
    }

    private static Totals totals(List<CaseRecord> cases) {
        List<CallRecord> calls = new ArrayList<>();
        int samples = 0;
        for (CaseRecord c : cases) {
            for (SampleRecord s : c.samples()) {
                samples++;
                calls.addAll(s.calls());
            }
        }
        int passed = (int) cases.stream().filter(CaseRecord::passed).count();
        return new Totals(
                (int) cases.stream().map(CaseRecord::testId).distinct().count(),
                cases.size(),
                passed,
                cases.size() - passed,
                samples,
                calls.size(),
                tokens(calls),
                cost(calls),
                Latency.of(calls.stream()
                        .filter(r -> r.error() == null)
                        .map(r -> r.latency().toMillis())
                        .toList()));
    }

    /** Each later model of a matrix against the first, on the cases both ran (paired by case id). */
    private static List<ModelComparison> comparisons(String testId, List<String> models, List<CaseRecord> cases) {
        List<ModelComparison> out = new ArrayList<>();
        if (models.size() < 2) {
            return out;
        }
        Map<String, Map<String, CaseRecord>> byModel = new LinkedHashMap<>();
        String dataset = null;
        for (CaseRecord c : cases) {
            if (c.testId().equals(testId)) {
                String key = c.goldenCase() == null ? "" : c.goldenCase().id();
                byModel.computeIfAbsent(c.model(), m -> new LinkedHashMap<>()).put(key, c);
                dataset = c.dataset();
            }
        }
        Map<String, CaseRecord> baseline = byModel.getOrDefault(models.get(0), Map.of());
        for (String candidateModel : models.subList(1, models.size())) {
            Map<String, CaseRecord> candidate = byModel.getOrDefault(candidateModel, Map.of());
            int paired = 0;
            int basePassed = 0;
            int candPassed = 0;
            int b = 0;
            int c = 0;
            for (Map.Entry<String, CaseRecord> e : baseline.entrySet()) {
                CaseRecord other = candidate.get(e.getKey());
                if (other == null) {
                    continue;
                }
                paired++;
                boolean bp = e.getValue().passed();
                boolean cp = other.passed();
                basePassed += bp ? 1 : 0;
                candPassed += cp ? 1 : 0;
                b += bp && !cp ? 1 : 0;
                c += !bp && cp ? 1 : 0;
            }
            double p = McNemar.exactPValue(b, c);
            out.add(new ModelComparison(
                    testId,
                    dataset,
                    models.get(0),
                    candidateModel,
                    paired,
                    paired == 0 ? 0.0 : (double) basePassed / paired,
                    paired == 0 ? 0.0 : (double) candPassed / paired,
                    b,
                    c,
                    p,
                    p < 0.05));
        }
        return out;
    }

    private static PromptInfo prompt(PromptTemplate p) {
        return new PromptInfo(p.name(), p.version().orElse(null), p.hash());
    }

    private static List<VerdictResult> verdicts(SampleRecord s, UnaryOperator<String> redact) {
        List<Verdict> verdicts = s.verdicts();
        List<JudgeReview> reviews = s.reviews();
        List<VerdictResult> out = new ArrayList<>();
        for (int i = 0; i < verdicts.size(); i++) {
            Verdict v = verdicts.get(i);
            out.add(new VerdictResult(
                    v.metric(),
                    v.score(),
                    v.threshold(),
                    v.passed(),
                    redact.apply(v.reason()),
                    i < reviews.size() ? redacted(reviews.get(i), redact) : null));
        }
        return out;
    }

    /** The material a verdict was judged on is written like every other text: redacted. */
    private static JudgeReview redacted(JudgeReview r, UnaryOperator<String> redact) {
        if (r == null) {
            return null;
        }
        return new JudgeReview(
                r.criterion(),
                r.answerHash(),
                r.judgePassed(),
                r.humanLabel(),
                r.staleLabels(),
                r.question() == null ? null : redact.apply(r.question()),
                r.context().stream().map(redact).toList(),
                r.expected() == null ? null : redact.apply(r.expected()),
                r.otherAnswer() == null ? null : redact.apply(r.otherAnswer()));
    }

    private static CallResult call(CallRecord r, UnaryOperator<String> redact) {
        return new CallResult(
                r.role() == CallRole.JUDGE ? CallResult.Role.JUDGE : CallResult.Role.MODEL,
                r.model(),
                r.providerModel(),
                r.replayed(),
                unknownUsage(r) ? null : tokens(List.of(r)),
                r.costUsd(),
                r.startedAt() == null
                        ? null
                        : r.startedAt().truncatedTo(ChronoUnit.MILLIS).toString(),
                r.latency().toMillis(),
                r.timeToFirstToken() == null ? null : r.timeToFirstToken().toMillis(),
                redact.apply(r.fallbackReason()),
                redact.apply(r.request()),
                redact.apply(r.response()),
                redact.apply(r.finishReason()),
                redact.apply(r.error()),
                r.faults());
    }

    /** An answered call whose provider reported no usage at all (e.g. a stream without include_usage). */
    private static boolean unknownUsage(CallRecord r) {
        return r.error() == null && r.costUsd() == null && Objects.equals(r.usage(), Usage.NONE);
    }

    private static Tokens tokens(List<CallRecord> calls) {
        Usage u = calls.stream().map(CallRecord::usage).reduce(Usage.NONE, Usage::plus);
        return new Tokens(
                u.inputTokens(), u.outputTokens(), u.cachedInputTokens(), u.cacheWriteTokens(), u.reasoningTokens());
    }

    private static Cost cost(List<CallRecord> calls) {
        double model = 0;
        double judge = 0;
        int unknown = 0;
        for (CallRecord r : calls) {
            if (r.costUsd() == null) {
                // A call that failed before any usage cost nothing; every answered call without a cost is
                // "unknown": an unpriced model, or no usage reported at all (never counted as free)
                if (r.error() == null) {
                    unknown++;
                }
            } else if (r.role() == CallRole.JUDGE) {
                judge += r.costUsd();
            } else {
                model += r.costUsd();
            }
        }
        return new Cost(model, judge, model + judge, unknown);
    }
}
