// report.html: one self-contained file (inline CSS and JS, no network): totals, a filterable rule
// table, each failure expandable. Data travels as JSON and is rendered with textContent only.
import type { ReportJson } from './json.js';
import { escapeXml } from './escape.js';

const css = `body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#222}
h1{font-size:1.4rem}.totals span{display:inline-block;margin-right:1rem;padding:.2rem .6rem;border-radius:4px;background:#eee}
.pass{color:#176f2c}.fail{color:#b00020}.warn{color:#8a5a00}.skip{color:#666}.known-deviation{color:#6b4fa3}
table{border-collapse:collapse;width:100%;margin-top:1rem}td,th{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
pre{white-space:pre-wrap;word-break:break-all;background:#f6f6f6;padding:.5rem}#filters{margin-top:1rem}`;

const js = `const report = JSON.parse(document.getElementById('data').textContent);
const tbody = document.querySelector('#rules tbody');
const el = (tag, text, cls) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; };
const expected = (list) => list.length ? list.map(o => o.status === 200 ? '200' : [o.status, o.code || '(any code)', o.message ? 'message:' + o.message : ''].filter(Boolean).join(' ')).join(' | ') : '(the invariant)';
for (const r of report.rules) {
  const tr = el('tr'); tr.dataset.verdict = r.verdict; tr.dataset.text = (r.id + ' ' + r.statement + ' ' + (r.reason || '')).toLowerCase();
  tr.append(el('td', r.verdict, r.verdict), el('td', r.id), el('td', r.grade), el('td', expected(r.expected)));
  const note = el('td');
  if (r.failure) {
    const d = el('details'); d.append(el('summary', r.failure.reason));
    const f = r.failure; const actual = [f.actual.status ?? 'no answer', f.actual.code, f.actual.message, f.actual.problem].filter(Boolean).join(' ');
    d.append(el('p', r.statement), el('p', 'Source: ' + r.sources.join('; ')), el('p', 'Expected: ' + expected(f.expected)), el('p', 'Actual: ' + actual));
    d.append(el('pre', f.commands && f.commands.length ? f.commands.join(' ') : f.method + ' ' + f.path + '\\n' + f.body));
    if (f.sdkInput !== undefined) d.append(el('pre', 'SDK input: ' + JSON.stringify(f.sdkInput)));
    d.append(el('p', 'Replay:'), el('pre', f.replay, 'replay'));
    note.append(d);
  } else note.textContent = r.reason || '';
  tr.append(note); tbody.append(tr);
}
const text = document.getElementById('filter'); const verdict = document.getElementById('verdict');
function apply() {
  const q = text.value.toLowerCase(); const v = verdict.value; let shown = 0;
  for (const tr of tbody.rows) { const ok = (!v || tr.dataset.verdict === v) && (!q || tr.dataset.text.includes(q)); tr.hidden = !ok; if (ok) shown++; }
  document.getElementById('shown').textContent = String(shown);
}
text.addEventListener('input', apply); verdict.addEventListener('change', apply); apply();`;

export function toHtml(report: ReportJson): string {
  const s = report.summary;
  const data = JSON.stringify(report).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>CopySnapshot conformance report</title><style>${css}</style></head><body>
<h1>CopySnapshot conformance — ${escapeXml(report.target)}</h1>
<p>seed ${report.seed} · ${report.requests} requests · ${(report.durationMs / 1000).toFixed(1)} s · ${escapeXml(report.startedAt)}${report.aborted ? ` · ended early: ${escapeXml(report.aborted)}` : ''}</p>
<div class="totals"><span class="pass">pass <b id="count-pass">${s.pass}</b></span><span class="fail">fail <b id="count-fail">${s.fail}</b></span><span class="warn">warn <b id="count-warn">${s.warn}</b></span><span class="known-deviation">known <b id="count-known">${s.knownDeviation}</b></span><span class="skip">skip <b id="count-skip">${s.skip}</b></span><span>rules <b id="count-rules">${report.rules.length}</b></span></div>
<div id="filters"><input id="filter" type="search" placeholder="filter rules" aria-label="filter rules">
<select id="verdict" aria-label="verdict"><option value="">all verdicts</option><option>fail</option><option>warn</option><option>known-deviation</option><option>skip</option><option>pass</option></select>
showing <b id="shown"></b></div>
<table id="rules"><thead><tr><th>verdict</th><th>rule</th><th>grade</th><th>expected</th><th>details</th></tr></thead><tbody></tbody></table>
<script type="application/json" id="data">${data}</script>
<script>${js}</script>
</body></html>
`;
}
