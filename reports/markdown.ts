// summary.md: totals, a table of rules by verdict (failures first), then every failure (and warning)
// with expected versus actual and its replay command in code blocks. GitHub renders this file as the
// job summary, and renders inline HTML too, so data outside code is HTML-escaped.
import { parityMarkdown } from './parity.js';
import type { RuleResult, Verdict } from '../harness/result.js';
import type { ReportJson } from './json.js';
import { mdBlock, mdCode, mdText } from './markdown-text.js';
import { actualText, byVerdict, expectedText, requestText, sdkInputText } from './text.js';

const icon: Record<Verdict, string> = { fail: '❌ fail', warn: '⚠️ warn', 'known-deviation': '🟡 known deviation', skip: '⏭️ skip', pass: '✅ pass', inconclusive: '❔ inconclusive' };

function failureSection(r: RuleResult): string[] {
  const f = r.failure;
  const lines = ['', `### ${icon[r.verdict]}: ${mdCode(r.id)} (${r.grade})`, '', mdText(r.statement), '', `Source: ${mdText(r.sources.join('; '))}`, ''];
  if (r.reason && r.reason !== f?.reason) lines.push(`Note: ${mdText(r.reason)}`, '');
  if (!f) return lines;
  lines.push(`- **why**: ${mdText(f.reason)}`, `- **expected**: ${mdText(expectedText(f.expected))}`, `- **actual**: ${mdText(actualText(f.actual))}`);
  lines.push(`- **seed**: ${f.seed}${f.path_ ? `, path ${mdCode(f.path_)}` : ''}`, '');
  lines.push(f.commands?.length ? 'Shrunk command sequence:' : 'Request as sent (wire body):', '', ...mdBlock(requestText(f), f.commands?.length ? '' : 'http'), '');
  const sdk = sdkInputText(f);
  if (sdk !== undefined) lines.push('SDK input:', '', ...mdBlock(sdk, 'json'), '');
  lines.push('Replay:', '', ...mdBlock(f.replay, 'sh'));
  if (f.curl) lines.push('', 'The request itself:', '', ...mdBlock(f.curl, 'sh'));
  return lines;
}

export function toMarkdown(report: ReportJson): string {
  const s = report.summary;
  const status = s.fail ? `${s.fail} failing` : s.warn ? `passing with ${s.warn} warning${s.warn === 1 ? '' : 's'}` : 'passing';
  const lines = [
    `# CopySnapshot conformance: ${status}`,
    '',
    `Target ${mdCode(report.target)} · ${mdText(report.tool)} ${mdText(report.toolVersion)} · seed ${report.seed} · ${report.numRuns} runs per rule · ${s.total} rules · ${report.requests} requests · ${(report.durationMs / 1000).toFixed(1)} s · started ${mdText(report.startedAt)}`,
    '',
    '| rules | pass | fail | warn | known deviation | inconclusive | skip |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    `| ${s.total} | ${s.pass} | ${s.fail} | ${s.warn} | ${s.knownDeviation} | ${s.inconclusive} | ${s.skip} |`,
    '',
    `Requests by action: ${mdText(Object.entries(report.counts.byAction).filter(([, n]) => n > 0).map(([a, n]) => `${a} ${n}`).join(', ') || 'none')} · by phase: ${mdText(Object.entries(report.counts.byPhase).map(([p, n]) => `${p} ${n}`).join(', '))}`,
    '',
  ];
  if (report.diagnosis && report.diagnosis.copySnapshot !== 'implemented') lines.push(`> **Diagnosis**: ${mdText(report.diagnosis.line)}`, '');
  if (report.aborted) lines.push(`> **Run ended early**: ${mdText(report.aborted)}`, '');
  if (s.unexpectedPasses.length) lines.push(`> Listed as known deviations but now passing (the list can shrink): ${s.unexpectedPasses.map(mdCode).join(', ')}`, '');
  if (report.rootCauses.length) {
    lines.push('## Root causes', '', 'Rules that failed (or could not be judged) for one shared reason; fix the cause first.', '');
    for (const g of report.rootCauses) lines.push(`- **${mdText(g.cause)}** — ${g.rules.length} rules: ${g.rules.map(mdCode).join(', ')}`);
    lines.push('');
  }
  lines.push(...parityMarkdown(report));
  lines.push('## Rules', '', '| verdict | rule | grade | requests | expected | note |', '|---|---|---|---:|---|---|');
  for (const r of byVerdict(report.rules)) {
    lines.push(`| ${icon[r.verdict]} | ${mdCode(r.id)} | ${mdText(r.grade)} | ${r.requests} | ${mdText(expectedText(r.expected))} | ${mdText(r.failure?.reason ?? r.reason ?? '')} |`);
  }
  const failing = report.rules.filter((r) => r.verdict === 'fail');
  const warned = report.rules.filter((r) => r.verdict === 'warn');
  if (failing.length) lines.push('', '## Failures', ...failing.flatMap(failureSection));
  if (warned.length) lines.push('', '## Warnings', ...warned.flatMap(failureSection));
  return `${lines.join('\n')}\n`;
}
