/* junit-llm Allure 2 plugin: the LLM tab, the overview widget and the per-test block.
 * Data comes from data/llm.json and widgets/junit-llm.json, written by dev.junitllm.allure.plugin.LlmPlugin;
 * money strings (...Text) are formatted there so every view shows the same text. */
(function () {
    'use strict';

    allure.api.addTranslation('en', {
        tab: {llm: {name: 'LLM'}},
        widget: {llm: {name: 'LLM evaluation'}}
    });

    function esc(value) {
        if (value === null || value === undefined) {
            return '';
        }
        return String(value).replace(/[&<>"']/g, function (c) {
            return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c];
        });
    }

    function pct(rate) {
        return rate === null || rate === undefined || isNaN(rate) ? 'n/a' : (100 * rate).toFixed(1) + '%';
    }

    function signedPct(delta) {
        if (delta === null || delta === undefined) {
            return 'n/a';
        }
        var text = (100 * delta).toFixed(1) + ' pt';
        return delta > 0 ? '+' + text : text;
    }

    function interval(i) {
        return i ? (100 * i.low).toFixed(1) + '–' + (100 * i.high).toFixed(1) + '%' : '';
    }

    function pValue(p) {
        if (p === null || p === undefined) {
            return 'n/a';
        }
        return p < 0.0001 ? '<0.0001' : p.toFixed(4);
    }

    /* Same rule as dev.junitllm.results.Formats.money (junit-llm-results); kept in JS on purpose: the browser
       formats raw numbers where no ...Text twin exists, e.g. the per-test block. */
    function money(usd) {
        if (usd === null || usd === undefined || isNaN(usd)) {
            return 'unknown';
        }
        var abs = Math.abs(usd);
        var sign = usd < 0 ? '-' : '';
        if (abs === 0) {
            return '$0';
        }
        if (abs < 0.0001) {
            return sign + '<$0.0001';
        }
        return sign + '$' + abs.toFixed(abs >= 1 ? 2 : 4);
    }

    function ms(value) {
        return value === null || value === undefined ? 'n/a' : value + ' ms';
    }

    function num(value) {
        return value === null || value === undefined ? '' : Number(value).toLocaleString('en-US');
    }

    function status(s) {
        var cls = s === 'passed' ? 'llm-pass' : (s === 'skipped' ? 'llm-muted' : 'llm-fail');
        return '<span class="' + cls + '">' + esc(s) + '</span>';
    }

    function caseLabel(row) {
        return esc(row.caseId || row.displayName || row.testId);
    }

    function table(id, headers, rows, emptyText) {
        if (!rows.length) {
            return '<p class="llm-muted" data-llm="' + id + '-empty">' + (emptyText || 'none') + '</p>';
        }
        return '<table class="llm-table" data-llm="' + id + '"><thead><tr>' +
            headers.map(function (h) {
                return '<th>' + h + '</th>';
            }).join('') + '</tr></thead><tbody>' + rows.join('') + '</tbody></table>';
    }

    function card(id, title, value, detail) {
        return '<div class="llm-card"><div class="llm-card__title">' + title + '</div>' +
            '<div class="llm-card__value" data-llm="' + id + '">' + value + '</div>' +
            '<div class="llm-card__detail">' + (detail || '') + '</div></div>';
    }

    function bar(rate, gate) {
        var width = Math.max(0, Math.min(100, 100 * (rate || 0)));
        var marker = gate === null || gate === undefined ? '' :
            '<span class="llm-bar__gate" style="left:' + (100 * gate) + '%"></span>';
        return '<span class="llm-bar"><span class="llm-bar__fill" style="width:' + width + '%"></span>' + marker + '</span>';
    }

    /* A small SVG line chart, oldest run on the left. */
    function chart(id, points, key, format, color) {
        points = points.filter(function (p) {
            return p[key] !== null && p[key] !== undefined;
        });
        var values = points.map(function (p) {
            return p[key];
        });
        if (values.length < 2) {
            return '<p class="llm-muted" data-llm="' + id + '-empty">The trend appears from the second report on ' +
                '(keep the report\'s history directory between runs).</p>';
        }
        var w = 420, h = 110, pad = 28;
        var min = Math.min.apply(null, values), max = Math.max.apply(null, values);
        if (max === min) {
            max = min + (min === 0 ? 1 : Math.abs(min) * 0.1);
        }
        var step = (w - 2 * pad) / (values.length - 1);
        var coords = values.map(function (v, i) {
            return [pad + i * step, h - pad - (v - min) / (max - min) * (h - 2 * pad)];
        });
        var path = coords.map(function (c, i) {
            return (i ? 'L' : 'M') + c[0].toFixed(1) + ',' + c[1].toFixed(1);
        }).join(' ');
        var dots = coords.map(function (c, i) {
            return '<circle cx="' + c[0].toFixed(1) + '" cy="' + c[1].toFixed(1) + '" r="3" fill="' + color + '">' +
                '<title>' + esc(format(values[i])) + (points[i].models && points[i].models.length ?
                    ' · ' + esc(points[i].models.join(', ')) : '') +
                (points[i].gitCommit ? ' · commit ' + esc(points[i].gitCommit) : '') +
                (points[i].finishedAt ? ' · ' + esc(points[i].finishedAt) : '') + '</title></circle>';
        }).join('');
        var labels = coords.map(function (c, i) {
            var models = (points[i].models || []).join(', ');
            var before = i ? (points[i - 1].models || []).join(', ') : null;
            return models && models !== before ? '<text x="' + c[0].toFixed(1) + '" y="' + (h - 4) +
                '" text-anchor="' + (i === coords.length - 1 && i ? 'end' : 'start') + '" class="llm-chart__label" data-llm="' +
                id + '-model">' + esc(models) + '</text>' : '';
        }).join('');
        return '<svg class="llm-chart" data-llm="' + id + '" data-points="' + values.length + '" viewBox="0 0 ' + w + ' ' + h +
            '" width="' + w + '" height="' + h + '">' +
            '<text x="2" y="' + (pad - 10) + '" class="llm-chart__label">' + esc(format(max)) + '</text>' +
            '<text x="2" y="' + (h - pad + 12) + '" class="llm-chart__label">' + esc(format(min)) + '</text>' +
            '<path d="' + path + '" fill="none" stroke="' + color + '" stroke-width="2"/>' + dots + labels + '</svg>';
    }

    /* The trend per dataset × model (oldest run first): a row and a chart per series, so a model change
       never hides in one line. */
    function seriesTrend(trend) {
        var keys = [], byKey = {};
        trend.forEach(function (p) {
            (p.series || []).forEach(function (s) {
                var key = s.dataset + '\u0000' + s.model;
                if (!byKey[key]) {
                    byKey[key] = {dataset: s.dataset, model: s.model};
                    keys.push(key);
                }
            });
        });
        if (!keys.length) {
            return '<p class="llm-muted" data-llm="trend-series-empty">No per-dataset trend yet (it starts with this release\'s reports).</p>';
        }
        var rows = keys.map(function (key) {
            var info = byKey[key];
            var points = trend.map(function (p) {
                var found = (p.series || []).filter(function (s) {
                    return s.dataset + '\u0000' + s.model === key;
                })[0];
                return found ? {passRate: found.passRate, finishedAt: p.finishedAt, gitCommit: p.gitCommit} :
                    {passRate: null};
            });
            var cells = points.map(function (p) {
                return p.passRate === null ? '<span class="llm-muted">–</span>' :
                    '<span data-llm="series-point">' + pct(p.passRate) + '</span>';
            }).join(' → ');
            var ran = points.filter(function (p) {
                return p.passRate !== null;
            }).length;
            return '<tr data-llm="trend-series-row" data-dataset="' + esc(info.dataset) + '" data-model="' + esc(info.model) + '"><td>' +
                esc(info.dataset) + '</td><td data-llm="series-model">' + esc(info.model) + '</td><td class="llm-num">' + ran +
                '</td><td>' + cells + '</td><td>' + (ran > 1 ? chart('series-chart', points, 'passRate', pct, '#6a1b9a') : '') +
                '</td></tr>';
        });
        return table('trend-series', ['dataset', 'model', 'reports', 'pass rate per report (oldest → newest)', ''], rows, '');
    }

    /* One side of the old vs new answer pair: model, status, the answer and the failing verdicts' reasons. */
    function answer(model, st, text, reasons) {
        return '<div class="llm-muted">' + esc(model) + ' · ' + status(st) + '</div>' +
            (text === undefined || text === null ? '<p class="llm-muted">answer not recorded</p>' :
                '<pre class="llm-pre">' + esc(text) + '</pre>') +
            (reasons && reasons.length ? '<ul>' + reasons.map(function (r) {
                return '<li>' + esc(r) + '</li>';
            }).join('') + '</ul>' : '');
    }

    function comparison(id, title, cmp, emptyText) {
        var html = '<h3 class="llm-h3">' + title + '</h3>';
        if (!cmp) {
            return html + '<p class="llm-muted" data-llm="' + id + '-none">' + emptyText + '</p>';
        }
        if (cmp.compared === false) {
            return html + '<p><span class="llm-warn" data-llm="' + id + '-verdict">not compared</span> — ' +
                '<span data-llm="' + id + '-reason">' + esc(cmp.notComparedReason) + '</span></p>';
        }
        var verdict = cmp.significantRegression ?
            '<span class="llm-fail" data-llm="' + id + '-verdict">significant regression</span>' :
            '<span class="llm-pass" data-llm="' + id + '-verdict">no significant regression</span>';
        html += '<p>' + verdict + (cmp.modelChange ? ' — <b data-llm="' + id + '-model-change">' +
            esc(cmp.modelChange) + '</b>' : '') + ' — ' + cmp.pairedCases + ' paired cases, pass rate ' +
            '<b data-llm="' + id + '-before">' + pct(cmp.beforePassRate) + '</b> → ' +
            '<b data-llm="' + id + '-after">' + pct(cmp.afterPassRate) + '</b> (' + signedPct(cmp.passRateDelta) +
            ', McNemar p = <span data-llm="' + id + '-p">' + pValue(cmp.pValue) + '</span>), cost ' +
            '<span data-llm="' + id + '-cost-delta">' + esc(cmp.costDeltaText) + '</span>' +
            (cmp.latencyDeltaMs === null || cmp.latencyDeltaMs === undefined ? '' :
                ', latency ' + (cmp.latencyDeltaMs > 0 ? '+' : '') + cmp.latencyDeltaMs + ' ms per case') +
            (cmp.onlyInAfter ? ', ' + cmp.onlyInAfter + ' new cases' : '') +
            (cmp.onlyInBefore ? ', ' + cmp.onlyInBefore + ' cases gone' : '') + '.</p>';
        html += table(id + '-datasets', ['dataset', 'model', 'cases', 'before', 'after', 'Δ', 'b / c', 'p',
            'samples: worse / better (p)', 'cost Δ', 'result'], cmp.datasets.map(function (d) {
            return '<tr class="' + (d.regression ? 'llm-row-fail' : '') + '"><td>' + esc(d.dataset) + '</td><td>' +
                esc(d.model) + '</td><td class="llm-num">' + d.cases + '</td><td class="llm-num">' + pct(d.beforePassRate) +
                '</td><td class="llm-num">' + pct(d.afterPassRate) + '</td><td class="llm-num">' + signedPct(d.passRateDelta) +
                '</td><td class="llm-num">' + d.b + ' / ' + d.c + '</td><td class="llm-num">' + pValue(d.pValue) +
                '</td><td class="llm-num">' + (d.multiSampleCases ? d.worseCases + ' / ' + d.betterCases + ' (' +
                    pValue(d.samplesPValue) + ')' : '') + '</td><td class="llm-num">' + esc(d.costDeltaText) + '</td><td>' +
                (d.regression ? '<span class="llm-fail">regression</span>' :
                    (d.improvement ? '<span class="llm-pass">improvement</span>' : 'n.s.')) + '</td></tr>';
        }));
        html += '<h4 class="llm-h4">Newly failing (<span data-llm="' + id + '-newly-failing-count">' +
            cmp.newlyFailing.length + '</span>)</h4>';
        html += table(id + '-newly-failing', ['case', 'test', 'dataset', 'model', 'before', 'now', 'reason'],
            cmp.newlyFailing.map(function (c) {
                return '<tr><td>' + caseLabel(c) + '</td><td>' + esc(c.test) + '</td><td>' + esc(c.dataset) + '</td><td>' +
                    esc(c.model) + '</td><td>' + status(c.beforeStatus) + '</td><td>' + status(c.afterStatus) + '</td><td>' +
                    esc(c.reason) + '</td></tr>';
            }));
        if (cmp.newlyFailing.some(function (c) {
            return c.baselineAnswer !== undefined || c.answer !== undefined;
        })) {
            html += '<h4 class="llm-h4">Old vs new answer</h4>';
            html += table(id + '-answers', ['case', 'before', 'now'], cmp.newlyFailing.map(function (c) {
                return '<tr data-case="' + esc(c.caseId) + '"><td>' + caseLabel(c) + '<br><span class="llm-muted">' +
                    esc(c.test) + '</span></td><td class="llm-answer" data-llm="' + id + '-baseline-answer">' +
                    answer(c.beforeModel, c.beforeStatus, c.baselineAnswer, c.baselineReasons) +
                    '</td><td class="llm-answer" data-llm="' + id + '-answer">' +
                    answer(c.model, c.afterStatus, c.answer, c.reasons) + '</td></tr>';
            }));
        }
        html += '<h4 class="llm-h4">Newly passing (' + cmp.newlyPassing.length + ')</h4>';
        html += table(id + '-newly-passing', ['case', 'dataset', 'model', 'before', 'now'],
            cmp.newlyPassing.map(function (c) {
                return '<tr><td>' + caseLabel(c) + '</td><td>' + esc(c.dataset) + '</td><td>' + esc(c.model) + '</td><td>' +
                    status(c.beforeStatus) + '</td><td>' + status(c.afterStatus) + '</td></tr>';
            }));
        if (cmp.passRateChanges && cmp.passRateChanges.length) {
            html += '<h4 class="llm-h4">Per-case pass-rate changes (samples &gt; 1)</h4>';
            html += table(id + '-pass-rate-changes', ['case', 'model', 'before', 'now'],
                cmp.passRateChanges.map(function (c) {
                    return '<tr><td>' + caseLabel(c) + '</td><td>' + esc(c.model) + '</td><td class="llm-num">' +
                        pct(c.beforePassRate) + '</td><td class="llm-num">' + pct(c.afterPassRate) + '</td></tr>';
                }));
        }
        return html;
    }

    /* Pass rate per tag or per model (rows from ReportSummary's byTag / byModel). */
    function breakdown(id, field, rows, emptyText) {
        return table(id, [field, 'cases', 'passed', 'pass rate', '95% CI', ''], (rows || []).map(function (r) {
            return '<tr data-' + field + '="' + esc(r[field]) + '"><td>' + esc(r[field]) + '</td><td class="llm-num">' + r.cases +
                '</td><td class="llm-num">' + r.passedCases + '</td><td class="llm-num" data-llm="breakdown-pass-rate">' +
                pct(r.passRate) + '</td><td class="llm-num">' + interval(r.interval) + '</td><td>' + bar(r.passRate, null) +
                '</td></tr>';
        }), emptyText);
    }

    function caseTable(id, rows, extra) {
        return table(id, ['case', 'test', 'dataset', 'model', 'status', 'pass rate', 'latency', 'cost'].concat(extra ? ['reason'] : []),
            rows.map(function (c) {
                return '<tr><td>' + caseLabel(c) + '</td><td>' + esc(c.test) + '</td><td>' + esc(c.dataset) + '</td><td>' + esc(c.model) + '</td><td>' +
                    status(c.status) + '</td><td class="llm-num">' + pct(c.passRate) + ' (' + c.passedSamples + '/' + c.samples +
                    ')</td><td class="llm-num">' + ms(c.latencyMs) + '</td><td class="llm-num">' + esc(c.costUsdText) + '</td>' +
                    (extra ? '<td>' + esc(c.reason) + '</td>' : '') + '</tr>';
            }));
    }

    /* Judge agreement with the human labels (rows from ReportSummary's calibration). */
    function kappaText(r) {
        if (!r.labels) {
            return '<span class="llm-muted">no labels</span>';
        }
        if (r.kappa === null || r.kappa === undefined) {
            return '<span class="llm-muted" title="people and judge gave every answer the same label">undefined</span>';
        }
        return Number(r.kappa).toFixed(2) + (r.kappaInterval ? ' <span class="llm-muted">[' +
            Number(r.kappaInterval.low).toFixed(2) + ', ' + Number(r.kappaInterval.high).toFixed(2) + ']</span>' : '');
    }

    function agreement(rows) {
        rows = rows || [];
        var html = '<h2 class="llm-h2">Judge agreement with people</h2>';
        if (!rows.length) {
            return html + '<p class="llm-muted" data-llm="agreement-empty">No judge verdicts in this run.</p>';
        }
        html += '<p class="llm-muted">Human labels (src/test/resources/llm-labels) on exactly the answers the judge saw: ' +
            'TPR = judge passes what people pass, TNR = judge fails what people fail, Cohen\'s κ with its 95% interval; ' +
            'the judge\'s pass rate next to its Rogan–Gladen correction. Labelled answers are decided by people.</p>';
        html += table('agreement', ['check', 'criterion', 'labels', 'κ [95% CI]', 'TPR', 'TNR', 'judge pass rate',
            'corrected', 'decided by people', 'overruled', 'stale labels'], rows.map(function (r) {
            return '<tr data-criterion="' + esc(r.criterion) + '"><td>' + esc(r.metric) + '</td><td>' + esc(r.criterion) +
                '</td><td class="llm-num" data-llm="agreement-labels">' + r.labels + '</td><td class="llm-num" data-llm="agreement-kappa">' +
                kappaText(r) + '</td><td class="llm-num" data-llm="agreement-tpr">' + pct(r.tpr) + '</td><td class="llm-num" data-llm="agreement-tnr">' +
                pct(r.tnr) + '</td><td class="llm-num" data-llm="agreement-raw">' + pct(r.judgePassRate) + ' <span class="llm-muted">(' +
                r.judged + ')</span></td><td class="llm-num" data-llm="agreement-corrected">' + pct(r.correctedPassRate) +
                '</td><td class="llm-num" data-llm="agreement-human">' + r.decidedByHuman + '</td><td class="llm-num" data-llm="agreement-overruled">' +
                r.overruled + '</td><td class="llm-num" data-llm="agreement-stale">' + (r.staleCount ?
                '<span class="llm-warn" title="' + esc((r.staleLabels || []).map(function (l) {
                    return l.caseId + ' (' + l.reviewer + ', ' + l.date + ')';
                }).join(', ')) + '">' + r.staleCount + '</span>' : '0') + '</td></tr>';
        }));
        return html;
    }

    function renderTab(data) {
        if (data && data.error) {
            return '<div class="llm-page"><h2 class="llm-h2">LLM</h2><p class="llm-fail" data-llm="error">' +
                esc(data.error) + '</p></div>';
        }
        if (!data || data.empty) {
            return '<div class="llm-page"><h2 class="llm-h2">LLM</h2><p data-llm="empty">No junit-llm results in this ' +
                'report. Add junit-llm-allure to the test classpath so the run copies llm-results.json into the ' +
                'Allure results directory.</p></div>';
        }
        var t = data.totals, run = data.run;
        var trend = (data.trend || []).slice().reverse();
        var html = '<div class="llm-page" data-llm="page">';
        html += '<h2 class="llm-h2">LLM evaluation</h2>';
        html += '<p class="llm-muted llm-run">mode <b data-llm="mode">' + esc(run.mode) + '</b> · models ' +
            esc((run.models || []).join(', ')) + ' · judge ' + esc(run.judgeModel || 'none') + ' · prices of ' +
            esc(run.priceTableDate || 'n/a') + (run.gitCommit ? ' · commit ' + esc(run.gitCommit) : '') + '</p>';
        html += '<div class="llm-cards">' +
            card('pass-rate', 'Pass rate', pct(t.passRate), '<span data-llm="passed-cases">' + t.passedCases +
                '</span> of <span data-llm="cases">' + t.cases + '</span> cases · 95% CI ' + interval(t.interval)) +
            card('cost-total', 'Cost', esc(t.costUsd.totalText), 'model <span data-llm="cost-model">' +
                esc(t.costUsd.modelText) + '</span> · judge <span data-llm="cost-judge">' + esc(t.costUsd.judgeText) +
                '</span>' + (t.costUsd.unknownPriceCalls ? ' · ' + t.costUsd.unknownPriceCalls + ' calls of unknown price' : '')) +
            card('tokens-total', 'Tokens', num(t.tokens.total), num(t.tokens.input) + ' in · ' + num(t.tokens.output) + ' out') +
            card('latency-p50', 'Latency p50', ms(t.latencyMs.p50), 'p95 <span data-llm="latency-p95">' +
                ms(t.latencyMs.p95) + '</span> · max ' + ms(t.latencyMs.max)) +
            '</div>';

        html += '<h3 class="llm-h3">Pass rate by dataset and model</h3>';
        html += table('datasets', ['dataset', 'model', 'cases', 'passed', 'pass rate', '95% CI', '', 'gate',
            'cost model', 'cost judge', 'tokens in / out', 'p50', 'p95'], data.datasets.map(function (d) {
            var gate = d.minPassRate === null || d.minPassRate === undefined ? '' :
                (d.gatePassed ? '<span class="llm-pass">≥ ' + pct(d.minPassRate) + ' ✓</span>' :
                    '<span class="llm-fail">≥ ' + pct(d.minPassRate) + ' ✗</span>');
            return '<tr data-dataset="' + esc(d.dataset) + '" data-model="' + esc(d.model) + '"><td>' + esc(d.dataset) +
                '</td><td>' + esc(d.model) + '</td><td class="llm-num">' + d.cases + '</td><td class="llm-num">' +
                d.passedCases + '</td><td class="llm-num" data-llm="row-pass-rate">' + pct(d.passRate) +
                '</td><td class="llm-num">' + interval(d.interval) + '</td><td>' + bar(d.passRate, d.minPassRate) +
                '</td><td class="llm-nowrap">' + gate + '</td><td class="llm-num" data-llm="row-cost-model">' + esc(d.costUsd.modelText) +
                '</td><td class="llm-num" data-llm="row-cost-judge">' + esc(d.costUsd.judgeText) + '</td><td class="llm-num">' +
                num(d.inputTokens) + ' / ' + num(d.outputTokens) + '</td><td class="llm-num">' + ms(d.latencyP50Ms) +
                '</td><td class="llm-num">' + ms(d.latencyP95Ms) + '</td></tr>';
        }));

        html += '<div class="llm-trends"><div><h3 class="llm-h3">By tag</h3>' +
            breakdown('by-tag', 'tag', data.byTag, 'No case has tags (add a "tags" field to the dataset rows).') +
            '</div><div><h3 class="llm-h3">By model</h3>' + breakdown('by-model', 'model', data.byModel) + '</div></div>';

        html += '<div class="llm-trends"><div><h3 class="llm-h3">Pass rate trend</h3>' +
            chart('trend-pass-rate', trend, 'passRate', pct, '#2e7d32') + '</div><div><h3 class="llm-h3">Cost trend</h3>' +
            chart('trend-cost', trend, 'costUsd', money, '#1565c0') + '</div></div>';
        html += '<h3 class="llm-h3">Trend by dataset and model</h3>' + seriesTrend(trend);

        html += '<h3 class="llm-h3">Failing cases (<span data-llm="failing-count">' + data.failing.length + '</span>)</h3>';
        html += caseTable('failing', data.failing, true);

        html += agreement(data.calibration);

        html += '<h2 class="llm-h2">Regressions</h2>';
        html += comparison('baseline', 'Against the baseline', data.baseline,
            'No baseline. Write one with mvn verify -Dllm.baseline.update=true and commit it.');
        html += comparison('previous', 'Against the previous report', data.previous,
            'No previous report: keep the report\'s history directory between runs (see the junit-llm docs).');
        if (data.models && data.models.length) {
            html += '<h2 class="llm-h2">Models compared</h2>';
            data.models.forEach(function (m, i) {
                html += comparison('models-' + i, esc(m.candidateModel) + ' against ' + esc(m.baselineModel) +
                    ' — ' + esc(m.dataset || m.testId), m, '');
            });
        }
        html += '<div class="llm-trends"><div><h3 class="llm-h3">Slowest cases</h3>' + caseTable('slowest', data.slowest, false) +
            '</div><div><h3 class="llm-h3">Most expensive cases</h3>' + caseTable('most-expensive', data.mostExpensive, false) +
            '</div></div>';
        return html + '</div>';
    }

    var LlmModel = Backbone.Model.extend({url: 'data/llm.json'});

    var LlmView = Backbone.Marionette.View.extend({
        template: function (data) {
            return renderTab(data);
        }
    });

    var LlmLayout = allure.components.AppLayout.extend({
        initialize: function () {
            this.model = new LlmModel();
        },
        loadData: function () {
            return this.model.fetch();
        },
        getContentView: function () {
            return new LlmView({model: this.model});
        }
    });

    allure.api.addTab('llm', {
        title: 'tab.llm.name', icon: 'fa fa-commenting',
        route: 'llm',
        onEnter: function () {
            return new LlmLayout();
        }
    });

    var LlmWidget = Backbone.Marionette.View.extend({
        template: function (data) {
            var html = '<h2 class="widget__title">LLM evaluation</h2><div class="llm-widget" data-llm="widget">';
            if (!data || data.empty) {
                return html + '<p class="llm-muted">' + esc(data && data.error ? data.error : 'No junit-llm results.') +
                    '</p></div>';
            }
            var t = data.totals;
            html += '<div class="llm-widget__big" data-llm="widget-pass-rate">' + pct(t.passRate) + '</div>' +
                '<div>' + t.passedCases + ' of ' + t.cases + ' cases passed · ' + data.datasets + ' dataset × model rows' +
                (data.failedGates ? ' · <span class="llm-fail">' + data.failedGates + ' gates failed</span>' : '') + '</div>' +
                '<div>cost <b data-llm="widget-cost">' + esc(t.costUsd.totalText) + '</b> (model ' + esc(t.costUsd.modelText) +
                ', judge ' + esc(t.costUsd.judgeText) + ') · ' + num(t.tokens.total) + ' tokens</div>' +
                '<div>latency p50 ' + ms(t.latencyMs.p50) + ' · p95 ' + ms(t.latencyMs.p95) + '</div>';
            if (data.hasBaseline && data.baselineCompared === false) {
                html += '<div data-llm="widget-baseline">baseline: <span class="llm-warn">not compared</span> — ' +
                    esc(data.notComparedReason) + '</div>';
            } else if (data.hasBaseline) {
                html += '<div data-llm="widget-baseline">baseline' + (data.modelChange ? ' (' + esc(data.modelChange) + ')' : '') +
                    ': ' + (data.significantRegression ?
                    '<span class="llm-fail">significant regression</span>' : '<span class="llm-pass">no significant regression</span>') +
                    ', ' + data.newlyFailing + ' newly failing</div>';
            }
            (data.models || []).forEach(function (m, i) {
                html += '<div data-llm="widget-models-' + i + '">' + esc(m.candidateModel) + ' vs ' + esc(m.baselineModel) +
                    ' on ' + esc(m.dataset) + ': ' + pct(m.beforePassRate) + ' → ' + pct(m.afterPassRate) + ' (' + m.pairedCases +
                    ' cases, p = ' + pValue(m.pValue) + ')' + (m.significantRegression ? ' <span class="llm-fail">worse</span>' : '') +
                    '</div>';
            });
            html += chart('widget-trend', (data.trend || []).slice().reverse(), 'passRate', pct, '#2e7d32');
            return html + '<a href="#llm">open the LLM tab</a></div>';
        }
    });

    allure.api.addWidget('widgets', 'junit-llm', LlmWidget);

    /* Per-test block: the verdicts and cost of this test, from its "LLM metrics" attachment. */
    function findMetrics(test) {
        return findAttachment(test, 'LLM metrics');
    }

    function findAttachment(test, name) {
        var found = null;
        function visit(stage) {
            if (!stage || found) {
                return;
            }
            (stage.attachments || []).forEach(function (a) {
                if (!found && a.name === name) {
                    found = a;
                }
            });
            (stage.steps || []).forEach(visit);
        }
        visit(test.testStage);
        return found;
    }

    function renderBlock(c) {
        var verdicts = [];
        (c.samples || []).forEach(function (s) {
            (s.verdicts || []).forEach(function (v) {
                verdicts.push('<tr><td class="llm-num">' + (s.index + 1) + '</td><td>' + esc(v.metric) + '</td><td class="llm-num">' +
                    (v.score === null || v.score === undefined ? '' : Number(v.score).toFixed(2)) + '</td><td class="llm-num">' +
                    (v.threshold === null || v.threshold === undefined ? '' : Number(v.threshold).toFixed(2)) + '</td><td>' +
                    (v.passed ? '<span class="llm-pass">pass</span>' : '<span class="llm-fail">fail</span>') +
                    (v.review && v.review.humanLabel ? ' <span class="llm-human" data-llm="human-verdict">human</span>' : '') +
                    '</td><td>' + esc(v.reason) + '</td></tr>');
            });
        });
        var cost = c.costUsd || {};
        return '<h3 class="pane__section-title">LLM</h3><div class="llm-block" data-llm="test-block">' +
            '<p>' + status(c.status) + ' · ' + esc(c.model) + (c.dataset ? ' · ' + esc(c.dataset) + ' / ' + esc(c.caseId) : '') +
            ' · pass rate <b data-llm="test-pass-rate">' + pct(c.passRate) + '</b> (' + c.passedSamples + ' of ' + c.samplesRun +
            ' samples, required ' + pct(c.minPassRate) + ') · cost <b data-llm="test-cost">' + esc(money(cost.total)) +
            '</b> (model ' + esc(money(cost.model)) + ', judge ' + esc(money(cost.judge)) + ') · ' +
            ((c.tokens || {}).input || 0) + ' / ' + ((c.tokens || {}).output || 0) + ' tokens · ' + ms(c.latencyMs) + '</p>' +
            (c.failureReason ? '<p class="llm-fail">' + esc(c.failureReason) + '</p>' : '') +
            table('test-verdicts', ['sample', 'metric', 'score', 'threshold', 'result', 'reason'], verdicts,
                'no verdicts recorded') + '</div>';
    }

    var LlmTestBlock = Backbone.Marionette.View.extend({
        className: 'pane__section',
        template: function () {
            return '<div class="llm-block-holder"></div>';
        },
        onRender: function () {
            var attachment = findMetrics(this.model.toJSON());
            if (!attachment) {
                this.$el.hide();
                return;
            }
            var holder = this.$('.llm-block-holder');
            // a newly failing case: the report goal attached the baseline's answer next to this run's
            var oldVsNew = findAttachment(this.model.toJSON(), 'Old vs new answer');
            jQuery.getJSON('data/attachments/' + attachment.source).then(function (c) {
                holder.html(renderBlock(c));
                if (oldVsNew) {
                    jQuery.get('data/attachments/' + oldVsNew.source, null, null, 'text').then(function (html) {
                        holder.find('.llm-block').append('<h4 class="llm-h3">Old vs new answer</h4>' + html);
                    });
                }
            }, function () {
                holder.html('<p class="llm-muted">LLM metrics attachment could not be loaded.</p>');
            });
        }
    });

    allure.api.addTestResultBlock(LlmTestBlock, {position: 'before'});
})();
