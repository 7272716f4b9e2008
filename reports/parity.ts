// The parity sections of the reports: a diff's differences grouped by family (first one side by side), and what a
// recording says of the contract (run --evidence). One module, so every report format says the same.
import type { NormalizedAnswer } from '../harness/parity-types.js';
import type { ReportJson } from './json.js';
import { escapeAttr, escapeText } from './escape.js';
import { mdBlock, mdCode, mdText } from './markdown-text.js';

type Difference = NonNullable<ReportJson['parity']>['differences'][number];

function fieldValue(n: NormalizedAnswer | undefined, field: string): string {
  if (n === undefined) return '(no such step)';
  const v = (n as unknown as Record<string, unknown>)[field];
  return v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v);
}

/** The fields a difference is about; a missing step is shown by its outcome. */
function shownFields(d: Difference): string[] {
  return d.fields.includes('missing') ? ['outcome', 'status', 'code'] : d.fields;
}

function firstPerFamily(report: ReportJson): Difference[] {
  const p = report.parity!;
  return p.byFamily.map((f) => p.differences.find((d) => d.family === f.family && d.allowed === undefined)!).filter(Boolean);
}

function replayOf(report: ReportJson, d: Difference): string | undefined {
  return report.rules.find((r) => r.id === d.rule)?.failure?.replay;
}

export function parityMarkdown(report: ReportJson): string[] {
  const lines: string[] = [];
  const p = report.parity;
  if (p) {
    const open = p.differences.filter((d) => d.allowed === undefined).length;
    lines.push('## Differences', '', `A ${mdCode(p.sides.a)} · B ${mdCode(p.sides.b)}: ${p.steps.a} steps of ${p.rules.length} rules compared, ${open} differ${p.allowed ? ` (${p.allowed} accepted)` : ''}.`, '');
    for (const d of firstPerFamily(report)) {
      const family = p.byFamily.find((f) => f.family === d.family)!;
      lines.push(`### ${mdText(d.family)}: ${family.differences} step(s) in ${family.rules.map(mdCode).join(', ')}`, '', `First: ${mdCode(d.case)} (${mdText(d.step)})`, '', '| field | A | B |', '|---|---|---|');
      for (const f of shownFields(d)) lines.push(`| ${mdText(f)} | ${mdText(fieldValue(d.a, f))} | ${mdText(fieldValue(d.b, f))} |`);
      lines.push('', ...mdBlock(`${d.request.method} ${d.request.path}\n${d.request.body}`, 'http'), '');
      const replay = replayOf(report, d);
      if (replay) lines.push('Replay:', '', ...mdBlock(replay, 'sh'), '');
    }
  }
  const e = report.evidence;
  if (e) {
    lines.push('## Contract vs recording', '', `${mdCode(e.file)} (${e.fromAws ? 'AWS' : mdText(`${e.target.kind} ${e.target.url}`)}, recorded ${mdText(e.recordedAt)}): ${e.confirmed.length} rules confirmed, ${e.contradicted.length} contradicted, ${e.noEvidence.length} without evidence.`, '');
    if (!e.fromAws) lines.push('> Not recorded from AWS: it confirms the contract only as far as that endpoint is right.', '');
    for (const id of e.contradicted) {
      const c = e.rules[id]!.contradiction!;
      lines.push(`- **the contract disagrees with the recording**: ${mdCode(id)} — ${mdCode(c.case)}: expected ${mdText(c.expected)}, recorded ${mdText(c.recorded)} (${mdText(c.reason)})`);
    }
    lines.push('');
  }
  return lines;
}

export function parityHtml(report: ReportJson): string {
  let html = '';
  const p = report.parity;
  if (p) {
    const open = p.differences.filter((d) => d.allowed === undefined).length;
    const blocks = firstPerFamily(report).map((d) => {
      const family = p.byFamily.find((f) => f.family === d.family)!;
      const rows = shownFields(d)
        .map((f) => `<tr><th>${escapeText(f)}</th><td class="expected">${escapeText(fieldValue(d.a, f))}</td><td class="actual">${escapeText(fieldValue(d.b, f))}</td></tr>`)
        .join('');
      const replay = replayOf(report, d);
      return `<div class="family" data-family="${escapeAttr(d.family)}"><h3>${escapeText(d.family)}: ${family.differences} step(s) in ${family.rules.map((r) => `<code>${escapeText(r)}</code>`).join(', ')}</h3>
<p>first: <code>${escapeText(d.case)}</code> (${escapeText(d.step)})</p><table class="side-by-side"><thead><tr><th>field</th><th>A</th><th>B</th></tr></thead><tbody>${rows}</tbody></table>
<pre>${escapeText(`${d.request.method} ${d.request.path}\n${d.request.body}`)}</pre>${replay ? `<pre class="cmd">${escapeText(replay)}</pre>` : ''}</div>`;
    });
    // long values (generated names, member maps) wrap inside their cell instead of widening the page
    const style = '<style>#differences .side-by-side{table-layout:fixed;width:100%}#differences .side-by-side th:first-child{width:10em}#differences td,#differences pre{overflow-wrap:anywhere;white-space:pre-wrap}</style>';
    html += `<section id="differences">${style}<h2>Differences</h2><p>A <code>${escapeText(p.sides.a)}</code> · B <code>${escapeText(p.sides.b)}</code>: ${p.steps.a} steps of ${p.rules.length} rules compared, ${open} differ${p.allowed ? ` (${p.allowed} accepted)` : ''}.</p>${blocks.join('\n')}</section>\n`;
  }
  const e = report.evidence;
  if (e) {
    const items = e.contradicted.map((id) => {
      const c = e.rules[id]!.contradiction!;
      return `<li><b>the contract disagrees with the recording</b>: <code>${escapeText(id)}</code> — <code>${escapeText(c.case)}</code>: expected ${escapeText(c.expected)}, recorded ${escapeText(c.recorded)} (${escapeText(c.reason)})</li>`;
    });
    html += `<section id="evidence"><h2>Contract vs recording</h2><p><code>${escapeText(e.file)}</code> (${e.fromAws ? 'AWS' : escapeText(`${e.target.kind} ${e.target.url}`)}, recorded ${escapeText(e.recordedAt)}): ${e.confirmed.length} rules confirmed, ${e.contradicted.length} contradicted, ${e.noEvidence.length} without evidence.</p>${items.length ? `<ul>${items.join('')}</ul>` : ''}</section>\n`;
  }
  return html;
}

/** Run-level junit properties: the diff's sides and counts, the evidence's summary. */
export function parityJunitProperties(report: ReportJson): [string, string | number][] {
  const props: [string, string | number][] = [];
  const p = report.parity;
  if (p) {
    props.push(['diff.sides', `A ${p.sides.a} · B ${p.sides.b}`], ['diff.steps', p.steps.a], ['diff.differences', p.differences.filter((d) => d.allowed === undefined).length], ['diff.accepted', p.allowed]);
    for (const f of p.byFamily) props.push(['diff.family', `${f.family}: ${f.differences} step(s) in ${f.rules.join(', ')}`]);
  }
  const e = report.evidence;
  if (e) {
    props.push(['evidence', `${e.file} recorded ${e.recordedAt}: ${e.confirmed.length} confirmed, ${e.contradicted.length} contradicted, ${e.noEvidence.length} without evidence`]);
    for (const id of e.contradicted) props.push(['evidence.contradicted', `${id}: ${e.rules[id]!.contradiction!.reason}`]);
  }
  return props;
}
