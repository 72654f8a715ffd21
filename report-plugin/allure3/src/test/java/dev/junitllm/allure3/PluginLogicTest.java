package dev.junitllm.allure3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The plugin's numbers computed by Node itself (no report, no browser): McNemar's exact test agrees
 * with {@code dev.junitllm.stats.McNemar}, a baseline comparison flags a significant regression, and a
 * bad option is refused naming the option.
 */
class PluginLogicTest {

    private static final Path PLUGIN = Path.of("src/main/resources/dev/junitllm/allure3/junit-llm-allure3.mjs")
            .toAbsolutePath();

    @Test
    void mcnemarMatchesTheJavaImplementation() throws Exception {
        // the values McNemar's Javadoc gives: (15, 5) 0.0414, (4, 1) 0.375, (0, 0) 1
        String out = node("console.log([p.mcnemarExactPValue(15, 5), p.mcnemarExactPValue(4, 1),"
                + " p.mcnemarExactPValue(0, 0), p.mcnemarExactPValue(3, 3)].map(v => v.toFixed(4)).join(' '))");
        assertThat(out.strip()).isEqualTo("0.0414 0.3750 1.0000 1.0000");
    }

    @Test
    void eightCasesThatPassedInTheBaselineAndFailNowAreASignificantRegression() throws Exception {
        String out = node("const cases = [...Array(10).keys()].map(i => ({caseId: 'c' + i, dataset: 'd.jsonl',"
                + " model: 'm', status: i < 8 ? 'failed' : 'passed', costUsd: {total: 0.001}}));"
                + "const results = {schemaVersion: 1, run: {}, totals: {cases: 10, passedCases: 2, failedCases: 8},"
                + " datasets: [], comparisons: [], tests: [{testId: 'T#t', cases}]};"
                + "const baseline = {cases: cases.map(c => ({testId: 'T#t', caseId: c.caseId, model: 'm', status: 'passed'}))};"
                + "const s = p.summarize({results, baseline});"
                + "const r = s.baselineRows[0];"
                + "console.log(r.paired, r.worse, r.better, r.pValue.toFixed(4), r.significantRegression,"
                + " s.newlyFailing.length, s.totals.passRate);"
                + "console.log(p.render(s).includes('significant regression'));");
        // b = 8, c = 0: p = 2 / 2^8
        assertThat(out.lines()).containsExactly("10 8 0 0.0078 true 8 0.2", "true");
    }

    @Test
    void aBadOptionOrFileIsRefusedOnThePageAndInTheLog() throws Exception {
        Path v2 = Files.createDirectories(Path.of("target").toAbsolutePath()).resolve("llm-results-v2.json");
        Files.writeString(v2, "{\"schemaVersion\": 2}");
        String out = node("const run = async (options) => { let page = '';"
                + " const context = {reportFiles: {addFile: async (name, data) => { page = data.toString(); return name; }}};"
                + " try { await new p.default(options).done(context); console.log('no error'); }"
                + " catch (e) { console.log(e.message); }"
                + " console.log(page.includes('data-llm=\"error\"'), page.includes('schemaVersion') || page.includes('alpha')); };"
                + "await run({alpha: 5});"
                + "await run({results: " + '"' + v2 + '"' + ", baseline: false});");
        assertThat(out.lines())
                .containsExactly(
                        "junit-llm: plugin option 'alpha' must be a number between 0 and 1 (exclusive), but was 5",
                        "true true",
                        "junit-llm: " + v2 + ": schemaVersion 2 is not supported (expected 1)",
                        "true true");
    }

    @Test
    void agreementCellsNameWhyANumberIsUndefinedInsteadOfShowingNaN() throws Exception {
        String out = node("const rows = ["
                + " {metric: 'rubric', criterion: 'c1', labels: 5, truePositives: 3, falsePositives: 1, falseNegatives: 0,"
                + "  trueNegatives: 1, tpr: 1.0, tnr: 0.5, kappa: 0.5454545, kappaInterval: {low: -0.2514, high: 1.0},"
                + "  judged: 6, judgePassRate: 0.6666667, correctedPassRate: 0.3333333, decidedByHuman: 5, overruled: 1,"
                + "  staleLabels: [{caseId: 'x'}]},"
                + " {metric: 'rubric', criterion: 'c2', labels: 2, truePositives: 2, falsePositives: 0, falseNegatives: 0,"
                + "  trueNegatives: 0, tpr: 1.0, tnr: null, kappa: null, kappaInterval: null, judged: 2, judgePassRate: 1.0,"
                + "  correctedPassRate: null, decidedByHuman: 2, overruled: 0, staleLabels: []},"
                + " {metric: 'rubric', criterion: 'c3', labels: 4, truePositives: 1, falsePositives: 1, falseNegatives: 1,"
                + "  trueNegatives: 1, tpr: 0.5, tnr: 0.5, kappa: 0.0, kappaInterval: {low: -0.98, high: 0.98}, judged: 4,"
                + "  judgePassRate: 0.5, correctedPassRate: null, decidedByHuman: 4, overruled: 2, staleLabels: []},"
                + " {metric: 'toxicity', criterion: 'c4', labels: 0, tpr: null, tnr: null, kappa: null, judged: 3,"
                + "  judgePassRate: 1.0, correctedPassRate: null, decidedByHuman: 0, overruled: 0, staleLabels: []}];"
                + "rows.forEach(r => console.log(p.agreementCells(r).join(' | ')));");
        assertThat(out.lines())
                .containsExactly(
                        "rubric | c1 | 5 | 3 / 1 / 0 / 1 | 0.55 [-0.25, 1.00] | 100.0% | 50.0% | 66.7% (6) | 33.3% | 5 | 1 | 1",
                        "rubric | c2 | 2 | 2 / 0 / 0 / 0 | undefined — people and judge gave every answer the same label"
                                + " | 100.0% | n/a — people failed no labelled answer | 100.0% (2)"
                                + " | n/a — TPR or TNR undefined | 2 | 0 | 0",
                        "rubric | c3 | 4 | 1 / 1 / 1 / 1 | 0.00 [-0.98, 0.98] | 50.0% | 50.0% | 50.0% (4)"
                                + " | n/a — judge no better than chance | 4 | 2 | 0",
                        "toxicity | c4 | 0 | – | no labels | n/a | n/a | 100.0% (3) | n/a | 0 | 0 | 0");
    }

    @Test
    void aNewlyFailingCaseIsPairedWithItsBaselineAnswerOrSaysNoneWasKept() throws Exception {
        String out = node("const sample = (answer, verdicts) => ({index: 0, passed: false, error: null, verdicts,"
                + " calls: [{role: 'model', response: 'first try'}, {role: 'model', response: answer},"
                + " {role: 'judge', response: 'PASS'}]});"
                + "const cases = ["
                + " {caseId: 'a', dataset: 'd.jsonl', model: 'm', status: 'failed', failureReason: 'pass rate 0%',"
                + "  samples: [sample('<script>alert(1)</script> 60 days', [{metric: 'contains', passed: false, reason: 'no \"30\"'},"
                + "   {metric: 'rubric', passed: false, reason: 'rubric: wrong window'}, {metric: 'x', passed: true}])]},"
                + " {caseId: 'b', dataset: 'd.jsonl', model: 'm', status: 'error', failureReason: 'no recording for b', samples: []},"
                + " {caseId: 'c', dataset: 'd.jsonl', model: 'm', status: 'failed', failureReason: 'r', samples: []}];"
                + "const results = {schemaVersion: 1, run: {}, totals: {}, datasets: [], comparisons: [],"
                + " tests: [{testId: 'T#t', cases}]};"
                + "const baseline = {cases: [{testId: 'T#t', caseId: 'a', model: 'm', status: 'passed', answer: '30 days <b>ok</b>'},"
                + " {testId: 'T#t', caseId: 'b', model: 'm', status: 'passed'},"
                + " {testId: 'T#t', caseId: 'c', model: 'm', status: 'failed', answer: 'old'}]};"
                + "const s = p.summarize({results, baseline});"
                + "console.log(s.newlyFailing.map(c => c.caseId).join(','));"
                + "const [a, b] = s.newlyFailing;"
                + "console.log(JSON.stringify([a.baselineStatus, a.baselineAnswer, a.status, a.answer, a.reasons]));"
                + "console.log(JSON.stringify([b.baselineAnswer === undefined, b.answer === undefined, b.reasons]));"
                + "const html = p.oldVsNewHtml(a) + '\\n' + p.oldVsNewHtml(b);"
                + "console.log(html.includes('<pre data-llm=\"now-answer\">&lt;script&gt;alert(1)&lt;/script&gt; 60 days</pre>'),"
                + " html.includes('<script>'), html.includes('30 days &lt;b&gt;ok&lt;/b&gt;'));"
                + "console.log(html.includes('data-llm=\"baseline-no-answer\">' + p.NO_ANSWER_KEPT),"
                + " html.includes('data-llm=\"now-no-answer\">' + p.NO_ANSWER_RECORDED));");
        assertThat(out.lines())
                .containsExactly(
                        // c failed in the baseline too: not newly failing
                        "a,b",
                        // the last model call of the last sample, not the judge's; the failing verdicts' reasons
                        "[\"passed\",\"30 days <b>ok</b>\",\"failed\",\"<script>alert(1)</script> 60 days\","
                                + "[\"contains: no \\\"30\\\"\",\"rubric: wrong window\"]]",
                        // no answer kept in the baseline, none recorded now: the failure reason stands in
                        "[true,true,[\"no recording for b\"]]",
                        "true false true",
                        "true true");
    }

    @Test
    void theTrendAddsThisRunOnceAndKeepsTwentyRuns() throws Exception {
        String out = node("const point = (i) => ({finishedAt: 't' + i, gitCommit: 'c' + i});"
                + "const kept = [...Array(25).keys()].map(i => point(i + 1));"
                + "const t = p.extendTrend(point(0), kept);"
                + "console.log(t.length, t[0].finishedAt, t[1].finishedAt, t[19].finishedAt);"
                + "const again = p.extendTrend(point(0), t);"
                + "console.log(again.length, again[0].finishedAt, again[1].finishedAt);"
                + "const other = p.extendTrend({finishedAt: 't0', gitCommit: 'other'}, t);"
                + "console.log(other[1].gitCommit);");
        assertThat(out.lines()).containsExactly("20 t0 t1 t19", "20 t0 t1", "c0");
    }

    @Test
    void aBrokenBaselineOrHistoryIsNamedWithWhatIsWrong() throws Exception {
        Path dir = Files.createDirectories(Path.of("target").toAbsolutePath().resolve("plugin-logic-bad-input"));
        Path results =
                Path.of("src/test/resources/allure-results/llm-results.json").toAbsolutePath();
        Path badCase = dir.resolve("baseline-bad-case.json");
        Files.writeString(badCase, "{\"cases\": [{\"caseId\": \"a\", \"status\": \"passed\"}, \"b\"]}");
        Path badAnswer = dir.resolve("baseline-bad-answer.json");
        Files.writeString(badAnswer, "{\"cases\": [{\"caseId\": \"a\", \"status\": \"passed\", \"answer\": 42}]}");
        Path notJson = Files.createDirectories(dir.resolve("history-not-json"));
        Files.writeString(notJson.resolve("llm-trend.json"), "[{\"finishedAt\": ");
        Path badSeries = Files.createDirectories(dir.resolve("history-bad-series"));
        Files.writeString(badSeries.resolve("llm-trend.json"), "[{\"series\": []}, {\"series\": {}}]");
        String out = node("const run = async (options) => { let page = '';"
                + " const context = {reportFiles: {addFile: async (name, data) => { page = data.toString(); return name; }}};"
                + " try { await new p.default(options).done(context); console.log('no error'); }"
                + " catch (e) { console.log(e.message.split(': ').slice(1).join(': ')); }"
                + " console.log(page.includes('data-llm=\"error\">junit-llm: ')); };"
                + "const results = " + quote(results) + ";"
                + "await run({results, baseline: " + quote(badCase) + "});"
                + "await run({results, baseline: " + quote(badAnswer) + "});"
                + "await run({results, baseline: false, history: " + quote(notJson) + "});"
                + "await run({results, baseline: false, history: " + quote(badSeries) + "});"
                + "await run({results, baseline: false, history: 7});");
        List<String> lines = out.lines().toList();
        assertThat(lines).hasSize(10);
        assertThat(lines.get(0))
                .isEqualTo(
                        badCase + ": cases[1] is not an object — fix it or rewrite it with -Dllm.baseline.update=true");
        assertThat(lines.get(2))
                .isEqualTo(badAnswer
                        + ": cases[0].answer is not a string — fix it or rewrite it with -Dllm.baseline.update=true");
        assertThat(lines.get(4)).startsWith(notJson.resolve("llm-trend.json") + " is not valid JSON: ");
        assertThat(lines.get(6))
                .isEqualTo(badSeries.resolve("llm-trend.json")
                        + ": run [1]: 'series' is not an array — delete the file to start the trend again");
        assertThat(lines.get(8))
                .isEqualTo(
                        "plugin option 'history' must name a folder (the llm.historyDir of the Maven build), but was 7");
        // every time the page itself names the problem
        assertThat(List.of(lines.get(1), lines.get(3), lines.get(5), lines.get(7), lines.get(9)))
                .containsOnly("true");
    }

    @Test
    void theHistoryFolderGetsThisRunOnceHoweverOftenTheReportIsGenerated() throws Exception {
        Path history = Path.of("target").toAbsolutePath().resolve("plugin-logic-history/llm-history");
        if (Files.exists(history.resolve("llm-trend.json"))) {
            Files.delete(history.resolve("llm-trend.json"));
        }
        Path results =
                Path.of("src/test/resources/allure-results/llm-results.json").toAbsolutePath();
        String out = node("import { readFileSync } from 'node:fs';\n"
                + "const context = {reportFiles: {addFile: async (name) => name}};"
                + "const options = {results: " + quote(results) + ", baseline: false, history: " + quote(history) + "};"
                + "await new p.default(options).done(context);"
                + "await new p.default(options).done(context);"
                + "const kept = JSON.parse(readFileSync(" + quote(history.resolve("llm-trend.json")) + ", 'utf-8'));"
                + "console.log(kept.length, kept[0].finishedAt, kept[0].passRate, kept[0].series.length);");
        // a missing folder is the first run: created, with this run as its only point
        assertThat(out.strip()).isEqualTo("1 2026-11-27T14:00:09Z 0.625 3");
    }

    private static String quote(Path path) {
        return "\"" + path.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String node(String body) throws Exception {
        Path node = null;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "node"))) {
                node = Path.of(dir, "node");
                break;
            }
        }
        assumeTrue(node != null, "node is not installed: the Allure 3 plugin's tests need Node.js on the PATH");
        String script = "import * as p from " + '"' + PLUGIN.toUri() + '"' + ";\n" + body;
        Process process = new ProcessBuilder(node.toString(), "--input-type=module", "-e", script)
                .redirectErrorStream(true)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }
}
