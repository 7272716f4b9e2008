// summary.md: totals, rules by verdict (failures first), failures with their replays.
import { expectedText } from '../harness/format.js';
import type { RuleResult } from '../harness/result.js';
import type { ReportJson } from './json.js';

const order: RuleResult['verdict'][] = ['fail', 'warn', 'known-deviation', 'skip', 'pass'];
const icon: Record<RuleResult['verdict'], string> = { fail: '❌ fail', warn: '⚠️ warn', 'known-deviation': '🟡 known', skip: '⏭️ skip', pass: '✅ pass' };
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const fence = (text: string) => text.replace(/```/g, '`\u200b``');

export function toMarkdown(report: ReportJson): string {
  const s = report.summary;
  const lines = [
    `# CopySnapshot conformance: ${s.fail ? `${s.fail} failing` : 'passing'}`,
    '',
    `Target \`${report.target}\` · seed ${report.seed} · ${report.rules.length} rules · ${report.requests} requests · ${(report.durationMs / 1000).toFixed(1)} s`,
    '',
    `| pass | fail | warn | known deviation | skip |`,
    `|---:|---:|---:|---:|---:|`,
    `| ${s.pass} | ${s.fail} | ${s.warn} | ${s.knownDeviation} | ${s.skip} |`,
    '',
  ];
  if (report.aborted) lines.push(`> Run ended early: ${report.aborted}`, '');
  lines.push('| verdict | rule | grade | expected | note |', '|---|---|---|---|---|');
  const sorted = [...report.rules].sort((a, b) => order.indexOf(a.verdict) - order.indexOf(b.verdict));
  for (const r of sorted) lines.push(`| ${icon[r.verdict]} | \`${r.id}\` | ${r.grade} | ${cell(expectedText(r.expected))} | ${cell(r.failure?.reason ?? r.reason ?? '')} |`);
  const failures = sorted.filter((r) => r.failure && (r.verdict === 'fail' || r.verdict === 'warn'));
  if (failures.length) {
    lines.push('', '## Failures');
    for (const r of failures) {
      const f = r.failure!;
      lines.push('', `### \`${r.id}\` (${r.grade})`, '', r.statement, '', `Source: ${r.sources.join('; ')}`, '');
      lines.push(`- why: ${f.reason}`, `- expected: ${expectedText(f.expected)}`, `- actual: ${[f.actual.status ?? 'no answer', f.actual.code, f.actual.message, f.actual.problem].filter(Boolean).join(' ')}`, '');
      lines.push('```', fence(f.commands?.length ? f.commands.join(' ') : `${f.method} ${f.path}\n${f.body}`), '```', '', 'Replay:', '', '```sh', fence(f.replay), '```');
    }
  }
  return `${lines.join('\n')}\n`;
}
