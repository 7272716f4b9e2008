// report.html: one self-contained page (inline CSS and JS; a CSP forbids any network access):
// totals, a rule table filterable by text and verdict, each failure expandable to its counterexample.
// Every piece of data is HTML-escaped on the server side; the script only shows and hides rows.
import { parityHtml } from './parity.js';
import type { RuleResult, Verdict } from '../harness/result.js';
import type { ReportJson } from './json.js';
import { escapeAttr as attr, escapeText as esc } from './escape.js';
import { actualHtml, commandHtml, proseHtml, sourcesHtml } from './html-text.js';
import { byVerdict, expectedText, requestText, sdkInputText, verdictLabel, verdictOrder } from './text.js';

const css = `:root{--pass:#176f2c;--fail:#b00020;--warn:#8a5a00;--skip:#555;--known:#6b4fa3}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:1.5rem 2rem;color:#1d1d1d}
h1{font-size:1.35rem;margin:0 0 .3rem}.meta{color:#555;margin:0 0 1rem}
.totals{display:flex;flex-wrap:wrap;gap:.5rem;padding:0;margin:0;list-style:none}
.totals button{font:inherit;border:1px solid #ccc;border-radius:6px;background:#f7f7f7;padding:.3rem .7rem;cursor:pointer}
.totals b{font-size:1.1rem;margin-left:.3rem}
.v-pass{color:var(--pass)}.v-fail{color:var(--fail)}.v-warn{color:var(--warn)}.v-skip{color:var(--skip)}.v-known-deviation{color:var(--known)}.v-inconclusive{color:var(--skip);font-style:italic}
button.copy{font:inherit;font-size:12px;margin-left:.5rem;padding:0 .4rem;cursor:pointer}
#filters{margin:1rem 0 .5rem;display:flex;gap:.6rem;align-items:center;flex-wrap:wrap}
#filter{min-width:18rem;padding:.3rem .5rem;font:inherit}select{font:inherit;padding:.25rem}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #e2e2e2;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#fafafa;position:sticky;top:0}td.verdict{font-weight:600;white-space:nowrap}
.statement{color:#444;margin-top:.15rem}code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
details summary{cursor:pointer}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem .8rem;margin:.5rem 0}dt{font-weight:600}dd{margin:0}
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f4f4f4;border-radius:4px;padding:.5rem;margin:.3rem 0;max-width:100%;overflow-x:auto}
pre.replay{white-space:pre-wrap;overflow-wrap:normal;word-break:normal}
pre.replay .arg{white-space:pre}pre.replay .arg.long{white-space:pre-wrap;overflow-wrap:anywhere}
dd{overflow-wrap:anywhere}.flag,td>code{white-space:nowrap}
.vs{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:.5rem;margin:.5rem 0}td.details{min-width:24rem}
.vs>div{border-radius:4px;padding:.35rem .6rem;border-left:4px solid}.vs dt{font-weight:600;font-size:12px;text-transform:uppercase;letter-spacing:.03em}.vs dd{margin:.15rem 0 0;overflow-wrap:anywhere;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.vs .want{background:#edf7ef;border-color:var(--pass)}.vs .got{background:#fdeef0;border-color:var(--fail)}
.vs mark{background:#ffd5da;color:var(--fail);font-weight:600;border-radius:2px;padding:0 .1em}
#empty{color:#666;font-style:italic}`;

const js = `(() => {
  const rows = Array.from(document.querySelectorAll('#rules tbody tr'));
  const text = document.getElementById('filter');
  const verdict = document.getElementById('verdict');
  const shown = document.getElementById('shown');
  const empty = document.getElementById('empty');
  function apply() {
    const q = text.value.trim().toLowerCase();
    const v = verdict.value;
    let n = 0;
    for (const tr of rows) {
      const ok = (!v || tr.dataset.verdict === v) && (!q || tr.dataset.search.includes(q));
      tr.hidden = !ok;
      if (ok) n++;
    }
    shown.textContent = String(n);
    empty.hidden = n > 0;
  }
  text.addEventListener('input', apply);
  verdict.addEventListener('change', apply);
  for (const b of document.querySelectorAll('.totals button')) b.addEventListener('click', () => { verdict.value = b.dataset.verdict; apply(); });
  for (const b of document.querySelectorAll('button.copy')) b.addEventListener('click', () => {
    const pre = b.parentElement.nextElementSibling;
    const select = () => { const range = document.createRange(); range.selectNodeContents(pre); const s = getSelection(); s.removeAllRanges(); s.addRange(range); b.textContent = 'selected: press Ctrl+C'; };
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(pre.textContent).then(() => { b.textContent = 'copied'; }, select);
    else select();
  });
  apply();
})();`;


/** Copies the command below it; where the clipboard is refused (file:// in some browsers), selects it instead. */
const copyButton = '<button type="button" class="copy">copy</button>';

function counterexample(r: RuleResult): string {
  const f = r.failure!;
  const sdk = sdkInputText(f);
  return [
    '<details>',
    `<summary>${esc(f.reason || 'counterexample')}</summary>`,
    '<dl>',
    `<dt>statement</dt><dd>${esc(r.statement)}</dd>`,
    `<dt>source</dt><dd>${sourcesHtml(r.sources)}</dd>`,
    r.reason && r.reason !== f.reason ? `<dt>note</dt><dd>${proseHtml(r.reason)}</dd>` : '',
    `<dt>seed</dt><dd>${f.seed}${f.path_ ? ` · path <code>${esc(f.path_)}</code>` : ''}</dd>`,
    '</dl>',
    // side by side, the answer's status and code marked where the expectation does not allow them
    `<dl class="vs"><div class="want"><dt>expected</dt><dd class="expected">${esc(expectedText(f.expected))}</dd></div>`,
    `<div class="got"><dt>actual</dt><dd class="actual">${actualHtml(f.actual, f.expected)}</dd></div></dl>`,
    `<div>${f.commands?.length ? 'Shrunk command sequence' : 'Request as sent (wire body)'}</div><pre class="request">${esc(requestText(f))}</pre>`,
    sdk === undefined ? '' : `<div>SDK input</div><pre class="sdk-input">${esc(sdk)}</pre>`,
    `<div>Replay ${copyButton}</div><pre class="replay">${commandHtml(f.replay)}</pre>`,
    ...(f.curl ? [`<div>The request itself ${copyButton}</div><pre class="replay curl">${commandHtml(f.curl)}</pre>`] : []),
    '</details>',
  ].join('');
}

function row(r: RuleResult): string {
  const search = [r.id, r.family, r.grade, r.verdict, r.statement, r.reason ?? '', r.failure?.reason ?? ''].join(' ').toLowerCase();
  const details = r.failure ? counterexample(r) : proseHtml(r.reason ?? '');
  return [
    `<tr data-verdict="${attr(r.verdict)}" data-search="${attr(search)}">`,
    `<td class="verdict v-${attr(r.verdict)}">${esc(verdictLabel[r.verdict])}</td>`,
    `<td><code>${esc(r.id)}</code><div class="statement">${esc(r.statement)}</div></td>`,
    `<td>${esc(r.grade)}</td><td>${r.requests}</td><td>${esc(expectedText(r.expected))}</td>`,
    `<td class="details">${details}</td></tr>`,
  ].join('');
}

/** Failures that share one cause, listed under it (each rule ID links to its row). */
function rootCauseSection(report: ReportJson): string {
  if (!report.rootCauses.length) return '';
  const items = report.rootCauses.map((g) => `<li><b>${esc(g.cause)}</b> — ${g.rules.length} rules: ${g.rules.map((id) => `<code>${esc(id)}</code>`).join(', ')}</li>`);
  return `<section id="root-causes"><h2>Root causes</h2><ul>${items.join('')}</ul></section>\n`;
}

export function toHtml(report: ReportJson): string {
  const s = report.summary;
  const counts: Record<Verdict, number> = { pass: s.pass, fail: s.fail, warn: s.warn, skip: s.skip, 'known-deviation': s.knownDeviation, inconclusive: s.inconclusive };
  const totals = verdictOrder
    .map((v) => `<li><button type="button" class="v-${v}" data-verdict="${v}">${esc(verdictLabel[v])}<b id="count-${v}">${counts[v]}</b></button></li>`)
    .join('');
  const meta = [
    `${esc(report.tool)} ${esc(report.toolVersion)}`,
    `seed ${report.seed}`,
    `${report.numRuns} runs per rule`,
    `${report.requests} requests`,
    `${(report.durationMs / 1000).toFixed(1)} s`,
    `started ${esc(report.startedAt)}`,
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>CopySnapshot conformance: ${s.fail ? `${s.fail} failing` : 'passing'}</title>
<style>${css}</style></head><body>
<h1>CopySnapshot conformance — <span id="target">${esc(report.target)}</span></h1>
<p class="meta">${meta.join(' · ')}</p>
${report.diagnosis && report.diagnosis.copySnapshot !== 'implemented' ? `<p class="v-fail" id="diagnosis">${esc(report.diagnosis.line)}</p>\n` : ''}${report.aborted ? `<p class="v-fail" id="aborted">Run ended early: ${esc(report.aborted)}</p>\n` : ''}${rootCauseSection(report)}${parityHtml(report)}${s.unexpectedPasses.length ? `<p id="unexpected-passes">Listed as known deviations but now passing: ${esc(s.unexpectedPasses.join(', '))}</p>\n` : ''}<ul class="totals"><li><button type="button" data-verdict="">rules<b id="count-total">${s.total}</b></button></li>${totals}</ul>
<div id="filters"><input id="filter" type="search" placeholder="filter: rule ID, statement, reason…" aria-label="filter rules">
<select id="verdict" aria-label="verdict"><option value="">all verdicts</option>${verdictOrder.map((v) => `<option value="${v}">${esc(verdictLabel[v])}</option>`).join('')}</select>
<span>showing <b id="shown">${s.total}</b> of ${s.total}</span></div>
<table id="rules"><thead><tr><th>verdict</th><th>rule</th><th>grade</th><th>requests</th><th>expected</th><th>details</th></tr></thead>
<tbody>
${byVerdict(report.rules).map(row).join('\n')}
</tbody></table>
<p id="empty" hidden>No rule matches the filter.</p>
<script>${js}</script>
</body></html>
`;
}
