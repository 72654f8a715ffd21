// junit-llm's LLM summary for Allure Report 3 (the `allure` npm CLI, 3.x).
//
// A plain ESM plugin (no build step, no dependencies beyond Node's own modules). Allure 3 calls
// `done` once the results are read; the plugin reads junit-llm's `llm-results.json` (which the
// junit-llm-allure runtime publisher copies into the Allure results directory) and, when present,
// the baseline, and writes `index.html` into its own folder of the report (`<output>/<plugin id>/`).
// `info` gives the card Allure 3 shows on the report's summary page, linking to that folder.
//
// allurerc.mjs:
//   import { resolve } from "node:path";
//   export default {
//     output: "target/allure-report-3",
//     plugins: {
//       awesome: { options: {} },
//       llm: { import: resolve("junit-llm-allure3.mjs"),
//              options: { results: "target/allure-results/llm-results.json",
//                         baseline: "src/test/resources/llm-baseline.json" } },
//     },
//   };
//
// The numbers follow docs/results-schema.md: pass rates on 0..1, money in USD, null when unknown.

import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";

const DEFAULT_RESULTS = "target/allure-results/llm-results.json";
const DEFAULT_BASELINE = "src/test/resources/llm-baseline.json";

/** Reads and checks the two inputs; errors name the file and what to do. */
export function load(options = {}) {
  const resultsPath = resolve(options.results ?? DEFAULT_RESULTS);
  if (!existsSync(resultsPath)) {
    return {
      error:
        `junit-llm: no results at ${resultsPath}. Add junit-llm-allure to the test classpath so the run ` +
        `copies llm-results.json into the Allure results directory, or set the plugin option 'results'.`,
    };
  }
  const results = readJson(resultsPath);
  if (results.schemaVersion !== 1) {
    throw new Error(`junit-llm: ${resultsPath}: schemaVersion ${results.schemaVersion} is not supported (expected 1)`);
  }
  let baseline = null;
  const baselinePath = options.baseline === false ? null : resolve(options.baseline ?? DEFAULT_BASELINE);
  if (baselinePath && existsSync(baselinePath)) {
    baseline = readJson(baselinePath);
    if (!Array.isArray(baseline.cases)) {
      throw new Error(`junit-llm: ${baselinePath}: not a junit-llm baseline (expected an object with a 'cases' array)`);
    }
  } else if (options.baseline && baselinePath) {
    throw new Error(`junit-llm: baseline ${baselinePath} does not exist (plugin option 'baseline'; set false for none)`);
  }
  return { results, resultsPath, baseline, baselinePath };
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, "utf-8"));
  } catch (e) {
    throw new Error(`junit-llm: ${path} is not valid JSON: ${e.message}`);
  }
}

const key = (testId, caseId, model) => `${testId}#${caseId}@${model}`;

/** The numbers the page shows: totals, gates per dataset × model, model regressions, newly failing cases. */
export function summarize({ results, baseline }, alpha = 0.05) {
  const cases = (results.tests ?? []).flatMap((t) => (t.cases ?? []).map((c) => ({ ...c, testId: t.testId })));
  const datasets = (results.datasets ?? []).map((d) => ({
    testId: d.testId,
    dataset: d.dataset,
    model: d.model,
    cases: d.cases,
    passedCases: d.passedCases,
    passRate: d.passRate,
    interval: d.interval ?? null,
    minPassRate: d.minPassRate,
    gatePassed: d.passed,
    costUsd: sumCost(
      cases.filter((c) => c.testId === d.testId && c.dataset === d.dataset && c.model === d.model),
    ),
  }));
  const regressions = (results.comparisons ?? [])
    .filter((c) => c.candidatePassRate < c.baselinePassRate)
    .map((c) => ({ ...c }));
  let newlyFailing = null;
  let baselineRows = null;
  if (baseline) {
    const before = new Map(
      baseline.cases.map((c) => [c.key ?? key(c.testId, c.caseId, c.model), c.status]),
    );
    newlyFailing = cases
      .filter((c) => c.status === "failed" || c.status === "error")
      .filter((c) => before.get(key(c.testId, c.caseId, c.model)) === "passed")
      .map((c) => ({ testId: c.testId, caseId: c.caseId, model: c.model, reason: c.failureReason }));
    baselineRows = compareWithBaseline(cases, before, alpha);
  }
  const totals = results.totals ?? {};
  const counted = (totals.passedCases ?? 0) + (totals.failedCases ?? 0);
  return {
    run: results.run ?? {},
    totals: {
      cases: totals.cases ?? 0,
      passedCases: totals.passedCases ?? 0,
      failedCases: totals.failedCases ?? 0,
      passRate: counted === 0 ? null : (totals.passedCases ?? 0) / counted,
      costUsd: totals.costUsd ?? {},
      tokens: totals.tokens ?? {},
      latencyMs: totals.latencyMs ?? {},
    },
    datasets,
    failedGates: datasets.filter((d) => d.gatePassed === false),
    regressions,
    newlyFailing,
    baselineRows,
    alpha,
  };
}

const counts = (status) => status === "passed" || status === "failed" || status === "error";
const passed = (status) => status === "passed";

/**
 * Per dataset × model, the cases that ran both in the baseline and now (skipped ones left out): pass
 * rates before and after and McNemar's exact test on the discordant cases, the same test and the same
 * "significant regression" rule (p < alpha, more cases got worse than better) as the Allure 2 tab.
 */
function compareWithBaseline(cases, before, alpha) {
  const groups = new Map();
  for (const c of cases) {
    const was = before.get(key(c.testId, c.caseId, c.model));
    if (!counts(c.status) || !counts(was)) {
      continue;
    }
    const g = `${c.testId}\u0000${c.dataset ?? c.testId}\u0000${c.model}`;
    if (!groups.has(g)) {
      groups.set(g, { dataset: c.dataset ?? c.testId, model: c.model, paired: 0, before: 0, after: 0, worse: 0, better: 0 });
    }
    const row = groups.get(g);
    row.paired++;
    row.before += passed(was) ? 1 : 0;
    row.after += passed(c.status) ? 1 : 0;
    row.worse += passed(was) && !passed(c.status) ? 1 : 0;
    row.better += !passed(was) && passed(c.status) ? 1 : 0;
  }
  return [...groups.values()].map((r) => {
    const pValue = mcnemarExactPValue(r.worse, r.better);
    return {
      ...r,
      beforePassRate: r.before / r.paired,
      afterPassRate: r.after / r.paired,
      pValue,
      significantRegression: pValue < alpha && r.worse > r.better,
    };
  });
}

/** Two-sided exact McNemar p-value min(1, 2 · Σ_{i ≤ min(b,c)} C(b+c, i) / 2^(b+c)), in log space. */
export function mcnemarExactPValue(b, c) {
  const m = b + c;
  const k = Math.min(b, c);
  if (m === 0 || 2 * k === m) {
    return 1;
  }
  const logTerms = [0];
  let logC = 0;
  for (let i = 1; i <= k; i++) {
    logC += Math.log((m - i + 1) / i);
    logTerms.push(logC);
  }
  const largest = logTerms[k];
  let relative = 0;
  for (let i = k; i >= 0; i--) {
    relative += Math.exp(logTerms[i] - largest);
  }
  return Math.min(1, 2 * Math.exp(largest + Math.log(relative) - m * Math.log(2)));
}

function sumCost(cases) {
  let total = 0;
  for (const c of cases) {
    const t = c.costUsd?.total;
    if (t === null || t === undefined) {
      return null;
    }
    total += t;
  }
  return total;
}

// Same rules as the Allure 2 tab: percentages with one decimal, money with 4 decimals below $1.
export const percent = (rate) => (rate === null || rate === undefined ? "–" : `${(rate * 100).toFixed(1)}%`);
export const money = (usd) =>
  usd === null || usd === undefined ? "unknown" : `$${usd < 1 ? usd.toFixed(4) : usd.toFixed(2)}`;

const esc = (s) =>
  String(s ?? "").replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]);

/** A self-contained HTML page (no script): the report works from a file server or `allure open`. */
export function render(summary, { error } = {}) {
  const head = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>LLM summary · junit-llm</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#222}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:24px 0 8px}
.meta{color:#666;margin-bottom:16px}
.cards{display:flex;gap:12px;flex-wrap:wrap}
.card{border:1px solid #ddd;border-radius:6px;padding:10px 14px;min-width:150px}
.card b{display:block;font-size:22px}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #eee;padding:5px 8px;text-align:left}
th{background:#fafafa}.fail{color:#c62828;font-weight:600}.ok{color:#2e7d32}
</style></head><body>`;
  if (error) {
    return `${head}<h1>LLM summary</h1><p class="fail" data-llm="error">${esc(error)}</p></body></html>`;
  }
  const t = summary.totals;
  const run = summary.run;
  const rows = (items, cells) => items.map((i) => `<tr>${cells(i).map((c) => `<td>${c}</td>`).join("")}</tr>`).join("");
  const gateCell = (d) =>
    d.gatePassed === false
      ? `<span class="fail">FAILED (min ${percent(d.minPassRate)})</span>`
      : d.gatePassed === true
        ? `<span class="ok">passed (min ${percent(d.minPassRate)})</span>`
        : "–";
  let html = `${head}<h1>LLM summary</h1>
<div class="meta">junit-llm · mode ${esc(run.mode)} · models ${esc((run.models ?? []).join(", "))}${
    run.gitCommit ? ` · commit ${esc(run.gitCommit)}` : ""
  }${run.priceTableDate ? ` · prices of ${esc(run.priceTableDate)}` : ""}</div>
<div class="cards">
<div class="card">Pass rate<b data-llm="pass-rate">${percent(t.passRate)}</b>${t.passedCases} of ${t.passedCases + t.failedCases} cases</div>
<div class="card">Cost<b data-llm="cost">${money(t.costUsd.total)}</b>model ${money(t.costUsd.model)} · judge ${money(t.costUsd.judge)}${
    t.costUsd.unknownPriceCalls ? ` · ${t.costUsd.unknownPriceCalls} calls of unknown price` : ""
  }</div>
<div class="card">Failed gates<b data-llm="failed-gates" class="${summary.failedGates.length ? "fail" : "ok"}">${summary.failedGates.length}</b>of ${summary.datasets.length} dataset × model</div>
<div class="card">Regressions<b data-llm="regressions" class="${summary.regressions.length || summary.newlyFailing?.length ? "fail" : "ok"}">${
    summary.regressions.length + (summary.newlyFailing?.length ?? 0)
  }</b>${summary.regressions.length} model · ${
    summary.newlyFailing === null ? "no baseline" : `${summary.newlyFailing.length} newly failing cases`
  }</div>
<div class="card">Tokens<b>${(t.tokens.input ?? 0) + (t.tokens.output ?? 0)}</b>p95 latency ${t.latencyMs.p95 ?? "–"} ms</div>
</div>
<h2>Pass rate per dataset and model</h2>
<table data-llm="datasets"><tr><th>Dataset</th><th>Model</th><th>Cases</th><th>Pass rate</th><th>95% interval</th><th>Gate</th><th>Cost</th></tr>
${rows(summary.datasets, (d) => [
  esc(d.dataset),
  esc(d.model),
  `${d.passedCases}/${d.cases}`,
  percent(d.passRate),
  d.interval ? `${percent(d.interval.low)} – ${percent(d.interval.high)}` : "–",
  gateCell(d),
  money(d.costUsd),
])}
</table>`;
  html += `<h2>Model regressions</h2>`;
  html += summary.regressions.length
    ? `<table data-llm="model-regressions"><tr><th>Dataset</th><th>Baseline model</th><th>Candidate model</th><th>Pass rate</th><th>p-value (McNemar)</th></tr>
${rows(summary.regressions, (r) => [
  esc(r.dataset),
  esc(r.baselineModel),
  esc(r.candidateModel),
  `${percent(r.baselinePassRate)} → ${percent(r.candidatePassRate)}`,
  `${r.pValue === null || r.pValue === undefined ? "–" : r.pValue.toFixed(3)}${r.significant ? ' <span class="fail">significant</span>' : ""}`,
])}</table>`
    : `<p>No model in a @Models matrix passes fewer cases than the first.</p>`;
  html += `<h2>Against the baseline</h2>`;
  if (summary.newlyFailing === null) {
    html += `<p>No baseline (plugin option <code>baseline</code>, default <code>${DEFAULT_BASELINE}</code>).</p>`;
  } else {
    html += `<table data-llm="baseline"><tr><th>Dataset</th><th>Model</th><th>Paired cases</th><th>Pass rate</th><th>Worse / better</th><th>p-value (McNemar)</th></tr>
${rows(summary.baselineRows, (r) => [
  esc(r.dataset),
  esc(r.model),
  r.paired,
  `${percent(r.beforePassRate)} → ${percent(r.afterPassRate)}`,
  `${r.worse} / ${r.better}`,
  `${r.pValue.toFixed(3)}${r.significantRegression ? ` <span class="fail">significant regression (α ${summary.alpha})</span>` : ""}`,
])}</table>`;
  }
  if (summary.newlyFailing === null) {
    // nothing more to say without a baseline
  } else if (summary.newlyFailing.length === 0) {
    html += `<p data-llm="newly-failing">No case that passed in the baseline fails now.</p>`;
  } else {
    html += `<h2>Newly failing cases</h2><table data-llm="newly-failing"><tr><th>Case</th><th>Model</th><th>Test</th><th>Reason</th></tr>
${rows(summary.newlyFailing, (c) => [esc(c.caseId), esc(c.model), esc(c.testId), esc(c.reason)])}</table>`;
  }
  return `${html}</body></html>`;
}

export default class JunitLlmAllure3Plugin {
  constructor(options = {}) {
    this.options = options;
  }

  async done(context) {
    this.summary = null;
    let failure = null;
    try {
      const alpha = this.options.alpha ?? 0.05;
      if (!(typeof alpha === "number" && alpha > 0 && alpha < 1)) {
        throw new Error(`junit-llm: plugin option 'alpha' must be a number between 0 and 1 (exclusive), but was ${alpha}`);
      }
      const data = load(this.options);
      if (data.error) {
        console.warn(data.error);
        this.error = data.error;
      } else {
        this.summary = summarize(data, alpha);
      }
    } catch (e) {
      // the page says what is wrong; Allure 3 logs the rethrown error and still writes the other plugins' reports
      failure = e;
      this.error = e.message;
    }
    await context.reportFiles.addFile("index.html", Buffer.from(render(this.summary, { error: this.error }), "utf-8"));
    if (failure) {
      throw failure;
    }
  }

  async info() {
    if (!this.summary) {
      return undefined;
    }
    const t = this.summary.totals;
    const failing = this.summary.failedGates.length > 0;
    return {
      name: this.options.reportName ?? "LLM summary",
      stats: { total: t.passedCases + t.failedCases, passed: t.passedCases, failed: t.failedCases },
      status: failing ? "failed" : "passed",
      duration: Date.parse(this.summary.run.finishedAt ?? "") - Date.parse(this.summary.run.startedAt ?? "") || 0,
    };
  }
}
