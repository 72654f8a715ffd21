// junit-llm's LLM summary for Allure Report 3 (the `allure` npm CLI, 3.x).
//
// A plain ESM plugin (no build step, no dependencies beyond Node's own modules). Allure 3 calls
// `done` once the results are read; the plugin reads junit-llm's `llm-results.json` (which the
// junit-llm-allure runtime publisher copies into the Allure results directory) and, when present,
// the baseline, and writes `index.html` into its own folder of the report (`<output>/<plugin id>/`).
// With the option `history` (the folder the Maven build keeps as llm.historyDir) it reads the trend
// `llm-trend.json` there and writes it back with this run added.
// `info` gives the card Allure 3 shows on the report's summary page, linking to that folder.
//
// allurerc.mjs:
//   import { dirname, join, resolve } from "node:path";
//   export default {
//     output: "target/allure-report-3",
//     plugins: {
//       awesome: { options: {} },
//       llm: { import: resolve("junit-llm-allure3.mjs"),
//              options: { results: "target/allure-results/llm-results.json",
//                         baseline: "src/test/resources/llm-baseline.json",
//                         history: ".llm-history" } },
//     },
//   };
//
// The numbers follow docs/results-schema.md: pass rates on 0..1, money in USD, null when unknown.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

const DEFAULT_RESULTS = "target/allure-results/llm-results.json";
const DEFAULT_BASELINE = "src/test/resources/llm-baseline.json";
const TREND_FILE = "llm-trend.json";
/** Runs the trend keeps, as in the Allure 2 tab (ReportSummary.TREND_LENGTH). */
export const TREND_LENGTH = 20;
/** Characters of an answer kept, as in the baseline (CaseRecord.ANSWER_LIMIT). */
const ANSWER_LIMIT = 2000;

/** Reads and checks the inputs (results, baseline, history); errors name the file and what to do. */
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
  if (results.calibration !== undefined && results.calibration !== null && !Array.isArray(results.calibration)) {
    throw new Error(`junit-llm: ${resultsPath}: 'calibration' is not an array (expected one row per judge criterion)`);
  }
  let baseline = null;
  const baselinePath = options.baseline === false ? null : resolve(options.baseline ?? DEFAULT_BASELINE);
  if (baselinePath && existsSync(baselinePath)) {
    baseline = readJson(baselinePath);
    checkBaseline(baseline, baselinePath);
  } else if (options.baseline && baselinePath) {
    throw new Error(`junit-llm: baseline ${baselinePath} does not exist (plugin option 'baseline'; set false for none)`);
  }
  let trend;
  let trendPath = null;
  if (options.history !== undefined && options.history !== false) {
    if (typeof options.history !== "string" || options.history === "") {
      throw new Error(`junit-llm: plugin option 'history' must name a folder (the llm.historyDir of the Maven build), but was ${options.history}`);
    }
    trendPath = join(resolve(options.history), TREND_FILE);
    trend = existsSync(trendPath) ? checkTrend(readJson(trendPath), trendPath) : [];
  }
  return { results, resultsPath, baseline, baselinePath, trend, trendPath };
}

const REWRITE = "fix it or rewrite it with -Dllm.baseline.update=true";

/** A baseline as {@code Baseline.write} writes it: an object with a 'cases' array of case objects. */
function checkBaseline(baseline, path) {
  if (baseline === null || typeof baseline !== "object" || !Array.isArray(baseline.cases)) {
    throw new Error(`junit-llm: ${path}: not a junit-llm baseline (expected an object with a 'cases' array)`);
  }
  baseline.cases.forEach((c, i) => {
    if (c === null || typeof c !== "object" || Array.isArray(c)) {
      throw new Error(`junit-llm: ${path}: cases[${i}] is not an object — ${REWRITE}`);
    }
    for (const field of ["key", "testId", "caseId", "model", "status", "answer"]) {
      if (c[field] !== undefined && c[field] !== null && typeof c[field] !== "string") {
        throw new Error(`junit-llm: ${path}: cases[${i}].${field} is not a string — ${REWRITE}`);
      }
    }
    if (c.reasons !== undefined && c.reasons !== null && !Array.isArray(c.reasons)) {
      throw new Error(`junit-llm: ${path}: cases[${i}].reasons is not an array — ${REWRITE}`);
    }
  });
}

/** The trend the Allure 2 tab keeps ({@code llm-trend.json}): an array of runs, newest first. */
function checkTrend(trend, path) {
  const what = "delete the file to start the trend again";
  if (!Array.isArray(trend)) {
    throw new Error(`junit-llm: ${path}: not a junit-llm trend (expected an array of runs, newest first) — ${what}`);
  }
  trend.forEach((point, i) => {
    if (point === null || typeof point !== "object" || Array.isArray(point)) {
      throw new Error(`junit-llm: ${path}: run [${i}] is not an object — ${what}`);
    }
    if (point.series !== undefined && !Array.isArray(point.series)) {
      throw new Error(`junit-llm: ${path}: run [${i}]: 'series' is not an array — ${what}`);
    }
    for (const s of point.series ?? []) {
      if (s === null || typeof s !== "object" || (s.passRate !== null && s.passRate !== undefined && typeof s.passRate !== "number")) {
        throw new Error(`junit-llm: ${path}: run [${i}]: a 'series' entry without a numeric passRate — ${what}`);
      }
    }
  });
  return trend;
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
export function summarize({ results, baseline, trend }, alpha = 0.05) {
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
    const records = new Map(baseline.cases.map((c) => [c.key ?? key(c.testId, c.caseId, c.model), c]));
    const before = new Map([...records].map(([k, c]) => [k, c.status ?? "error"]));
    newlyFailing = cases
      .filter((c) => c.status === "failed" || c.status === "error")
      .filter((c) => before.get(key(c.testId, c.caseId, c.model)) === "passed")
      .map((c) => oldVsNew(records.get(key(c.testId, c.caseId, c.model)), c));
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
    calibration: (results.calibration ?? []).map((r) => ({ ...r, staleCount: (r.staleLabels ?? []).length })),
    trend: trend === undefined || trend === null ? null : extendTrend(trendPoint(results, cases), trend),
    alpha,
  };
}

/**
 * A newly failing case as a reviewer compares it, with the same fields as the Allure 2 tab's "Old vs new
 * answer": the baseline's status, answer (undefined when the baseline kept none) and reasons next to
 * this run's status, answer and reasons (the failing verdicts' reasons, else the failure reason).
 */
export function oldVsNew(was, c) {
  const now = answerAndReasons(c);
  return {
    testId: c.testId,
    dataset: c.dataset ?? null,
    caseId: c.caseId,
    model: c.model,
    reason: c.failureReason,
    status: c.status,
    answer: now.answer ?? undefined,
    reasons: now.reasons.length === 0 && c.failureReason ? [c.failureReason] : now.reasons,
    baselineStatus: was?.status ?? null,
    baselineAnswer: typeof was?.answer === "string" ? was.answer : undefined,
    baselineReasons: was?.reasons ?? [],
  };
}

/** As CaseRecord.fromResults: the last sample's last model answer, the failing verdicts' reasons (at most 5). */
function answerAndReasons(c) {
  let answer = null;
  const reasons = [];
  const add = (metric, reason) => {
    let text = reason === null || reason === undefined || String(reason).trim() === "" ? "failed" : String(reason).trim();
    if (metric && String(metric).trim() !== "" && !text.startsWith(metric)) {
      text = `${metric}: ${text}`;
    }
    text = cut(text, 500);
    if (!reasons.includes(text)) {
      reasons.push(text);
    }
  };
  for (const sample of c.samples ?? []) {
    let verdictFailed = false;
    for (const v of sample.verdicts ?? []) {
      if (!v.passed) {
        verdictFailed = true;
        add(v.metric, v.reason);
      }
    }
    if (!verdictFailed && !sample.passed && sample.error) {
      add(null, sample.error);
    }
    for (const call of sample.calls ?? []) {
      if (call.role !== "judge") {
        answer = call.response ?? null;
      }
    }
  }
  return { answer: answer === null ? null : cut(answer, ANSWER_LIMIT), reasons: reasons.slice(0, 5) };
}

function cut(text, limit) {
  if (text.length <= limit) {
    return text;
  }
  const code = text.charCodeAt(limit - 1);
  return text.substring(0, code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit);
}

/**
 * This run's point of the trend, the same as ReportSummary.trendPoint: pass rate and cost of the run,
 * the models it ran and a series entry per dataset × model.
 */
export function trendPoint(results, cases) {
  const counted = cases.filter((c) => c.status !== "skipped");
  const series = new Map();
  for (const c of counted) {
    const dataset = c.dataset ?? c.testId;
    const k = `${dataset}\u0000${c.model}`;
    if (!series.has(k)) {
      series.set(k, { dataset, model: c.model, cases: 0, passedCases: 0, passRate: 0 });
    }
    const s = series.get(k);
    s.cases++;
    s.passedCases += c.status === "passed" ? 1 : 0;
  }
  const passedCases = counted.filter((c) => c.status === "passed").length;
  const totals = results.totals ?? {};
  return {
    finishedAt: results.run?.finishedAt ?? null,
    gitCommit: results.run?.gitCommit ?? null,
    models: [...(results.run?.models ?? [])],
    series: [...series.keys()].sort().map((k) => {
      const s = series.get(k);
      return { ...s, passRate: s.cases === 0 ? 0 : s.passedCases / s.cases };
    }),
    cases: counted.length,
    passedCases,
    passRate: counted.length === 0 ? 0 : passedCases / counted.length,
    costUsd: totals.costUsd?.total ?? null,
    modelCostUsd: totals.costUsd?.model ?? null,
    judgeCostUsd: totals.costUsd?.judge ?? null,
    tokens: (totals.tokens?.input ?? 0) + (totals.tokens?.output ?? 0),
  };
}

/** This run first, then the kept runs (newest first), at most TREND_LENGTH; a run already kept is not added twice. */
export function extendTrend(point, previous) {
  const same = (p) => p && p.finishedAt === point.finishedAt && p.gitCommit === point.gitCommit;
  return [point, ...previous.filter((p, i) => !(i === 0 && same(p)))].slice(0, TREND_LENGTH);
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

const statusHtml = (s) =>
  s === null || s === undefined
    ? `<span class="muted">not in the baseline</span>`
    : `<span class="${s === "passed" ? "ok" : s === "skipped" ? "muted" : "fail"}">${esc(s)}</span>`;

/** Shown where the baseline kept no answer for the case (written before answers were kept). */
export const NO_ANSWER_KEPT =
  "no answer kept (the baseline was written before answers were kept: rewrite it with -Dllm.baseline.update=true)";
/** Shown where this run recorded no model answer (e.g. the call failed before answering). */
export const NO_ANSWER_RECORDED = "no answer recorded in this run";

function answerSide(side, title, model, status, text, reasons, missing) {
  return `<div class="side" data-llm="${side}"><h4>${title}</h4><div class="muted">${esc(model)} · ${statusHtml(status)}</div>${
    text === undefined || text === null ? `<p class="muted" data-llm="${side}-no-answer">${esc(missing)}</p>` : `<pre data-llm="${side}-answer">${esc(text)}</pre>`
  }${reasons && reasons.length ? `<ul>${reasons.map((r) => `<li>${esc(r)}</li>`).join("")}</ul>` : ""}</div>`;
}

/** One newly failing case, collapsible: the baseline's answer and status next to this run's. */
export function oldVsNewHtml(c, open = false) {
  return `<details data-llm="old-new" data-case="${esc(c.caseId)}" data-model="${esc(c.model)}"${open ? " open" : ""}><summary><b>${esc(
    c.caseId,
  )}</b> · ${esc(c.model)} · ${statusHtml(c.baselineStatus)} → ${statusHtml(c.status)}${
    c.dataset ? ` <span class="muted">${esc(c.dataset)}</span>` : ""
  }</summary><div class="pair">${answerSide(
    "baseline",
    "Baseline",
    c.model,
    c.baselineStatus,
    c.baselineAnswer,
    c.baselineReasons,
    NO_ANSWER_KEPT,
  )}${answerSide("now", "This run", c.model, c.status, c.answer, c.reasons, NO_ANSWER_RECORDED)}</div></details>`;
}

const two = (d) => Number(d).toFixed(2);
const defined = (v) => v !== null && v !== undefined && !Number.isNaN(v);

/**
 * The cells of one "Judge agreement with people" row (plain text, not yet escaped): check, criterion,
 * labels, TP / FP / FN / TN, κ [95% interval], TPR, TNR, judge pass rate (verdicts), corrected, decided by people,
 * overruled, stale labels. An undefined number says why instead of showing NaN.
 */
export function agreementCells(r) {
  const labelled = (r.labels ?? 0) > 0;
  const kappa = !labelled
    ? "no labels"
    : defined(r.kappa)
      ? `${two(r.kappa)}${r.kappaInterval ? ` [${two(r.kappaInterval.low)}, ${two(r.kappaInterval.high)}]` : ""}`
      : "undefined — people and judge gave every answer the same label";
  const rate = (v, why) => (defined(v) ? percent(v) : labelled ? `n/a — ${why}` : "n/a");
  return [
    r.metric ?? "",
    r.criterion ?? "",
    String(r.labels ?? 0),
    labelled ? `${r.truePositives ?? 0} / ${r.falsePositives ?? 0} / ${r.falseNegatives ?? 0} / ${r.trueNegatives ?? 0}` : "–",
    kappa,
    rate(r.tpr, "people passed no labelled answer"),
    rate(r.tnr, "people failed no labelled answer"),
    `${defined(r.judgePassRate) ? percent(r.judgePassRate) : "n/a"} (${r.judged ?? 0})`,
    defined(r.correctedPassRate)
      ? percent(r.correctedPassRate)
      : !labelled
        ? "n/a"
        : defined(r.tpr) && defined(r.tnr)
          ? "n/a — judge no better than chance"
          : "n/a — TPR or TNR undefined",
    String(r.decidedByHuman ?? 0),
    String(r.overruled ?? 0),
    String(r.staleCount ?? (r.staleLabels ?? []).length),
  ];
}

function agreementHtml(rows) {
  let html = `<h2>Judge agreement with people</h2>`;
  if (!rows || rows.length === 0) {
    return `${html}<p data-llm="agreement-empty">No judge verdicts in this run.</p>`;
  }
  html += `<p class="muted">Human labels (src/test/resources/llm-labels) on exactly the answers the judge saw: TPR = the judge passes what people pass, TNR = the judge fails what people fail, Cohen's κ with its 95% interval; the judge's raw pass rate next to its Rogan–Gladen correction.</p>`;
  const head = ["Check", "Criterion", "Labels", "TP / FP / FN / TN", "κ [95% interval]", "TPR", "TNR", "Judge pass rate (verdicts)", "Corrected", "Decided by people", "Overruled", "Stale labels"];
  return `${html}<table data-llm="agreement"><tr>${head.map((h) => `<th>${h}</th>`).join("")}</tr>
${rows
  .map(
    (r) =>
      `<tr data-criterion="${esc(r.criterion)}">${agreementCells(r)
        .map((cell) => `<td>${esc(cell)}</td>`)
        .join("")}</tr>`,
  )
  .join("\n")}</table>`;
}

/** Runs oldest first, and per dataset × model the pass rate of every run (– where it did not run). */
function trendHtml(trend) {
  let html = `<h2>Trend by dataset and model</h2>`;
  if (trend === null) {
    return `${html}<p data-llm="trend-off">No trend: set the plugin option <code>history</code> to the folder kept between builds (the Maven build's <code>llm.historyDir</code>).</p>`;
  }
  const runs = trend.slice().reverse();
  const keys = [];
  const names = new Map();
  for (const p of runs) {
    for (const s of p.series ?? []) {
      const k = `${s.dataset}\u0000${s.model}`;
      if (!names.has(k)) {
        names.set(k, s);
        keys.push(k);
      }
    }
  }
  const modelsOf = (p) => (p.models ?? []).join(", ");
  html += `<table data-llm="trend-runs"><tr><th>Run</th><th>Commit</th><th>Models</th><th>Pass rate</th><th>Cost</th></tr>
${runs
  .map((p, i) => {
    const changed = i > 0 && modelsOf(p) !== modelsOf(runs[i - 1]);
    return `<tr><td>${esc(p.finishedAt ?? "–")}</td><td>${esc(p.gitCommit ?? "–")}</td><td>${
      changed ? `<span class="changed" data-llm="model-change">${esc(modelsOf(p))}</span>` : esc(modelsOf(p))
    }</td><td>${percent(p.passRate)} (${p.passedCases ?? "–"}/${p.cases ?? "–"})</td><td>${money(p.costUsd)}</td></tr>`;
  })
  .join("\n")}</table>`;
  if (runs.length < 2) {
    html += `<p class="muted" data-llm="trend-first">The trend grows from the next run on (this run was added to the history).</p>`;
  }
  html += `<table data-llm="trend-series"><tr><th>Dataset</th><th>Model</th><th>Runs</th><th>Pass rate per run (oldest → newest)</th></tr>
${keys
  .map((k) => {
    const info = names.get(k);
    const points = runs.map((p) => (p.series ?? []).find((s) => `${s.dataset}\u0000${s.model}` === k));
    return `<tr><td>${esc(info.dataset)}</td><td>${esc(info.model)}</td><td>${points.filter(Boolean).length}</td><td>${points
      .map((s) => (s ? percent(s.passRate) : "–"))
      .join(" → ")}</td></tr>`;
  })
  .join("\n")}</table>`;
  return html;
}

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
th{background:#fafafa}.fail{color:#c62828;font-weight:600}.ok{color:#2e7d32}.muted{color:#666}
details{border:1px solid #ddd;border-radius:6px;margin:6px 0;padding:6px 10px}summary{cursor:pointer}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:12px;margin-top:8px}.side h4{margin:0 0 4px;font-size:14px}
.side pre{white-space:pre-wrap;overflow-wrap:anywhere;max-height:320px;overflow:auto;background:#f6f8fa;border:1px solid #eee;border-radius:4px;padding:8px;margin:6px 0;font:13px/1.4 ui-monospace,monospace}
.side ul{margin:4px 0;padding-left:18px}table+table{margin-top:14px}
table[data-llm="agreement"] td:nth-child(4),table[data-llm="agreement"] th:nth-child(4){white-space:nowrap}.changed{background:#fff3e0;border-radius:3px;padding:0 4px}
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
    html += `<h2>Old vs new answer</h2><div data-llm="old-vs-new">${summary.newlyFailing.map((c, i) => oldVsNewHtml(c, i === 0)).join("\n")}</div>`;
  }
  html += agreementHtml(summary.calibration);
  html += trendHtml(summary.trend);
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
        if (data.trendPath) {
          // this run joins the kept trend, as the Maven report goal does for llm.historyDir
          mkdirSync(dirname(data.trendPath), { recursive: true });
          writeFileSync(data.trendPath, `${JSON.stringify(this.summary.trend, null, 2)}\n`, "utf-8");
        }
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
