package dev.junitllm.allure3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
