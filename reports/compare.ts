// What changed between two runs' report.json files (the `compare` command, cli/compare-command.ts).
import type { RuleResult, Verdict } from '../harness/result.js';
import { redact } from '../protocol/redact.js';
import type { ReportJson } from './json.js';
import { expectedText } from './text.js';

export interface RuleChange {
  id: string;
  /** verdict in BASE (absent for a new rule) */
  from?: Verdict;
  /** verdict in NEW (absent for a removed rule) */
  to?: Verdict;
  /** what changed, one line: the failure reason, `documented → inferred`, the expected sets … */
  detail?: string;
}

export interface Comparison {
  /** passed in BASE, fail in NEW */
  regressions: RuleChange[];
  /** failed, warned or deviated in BASE, pass in NEW */
  fixed: RuleChange[];
  /** every other verdict change (pass → skip, fail → warn, …) */
  verdictChanged: RuleChange[];
  changedGrade: RuleChange[];
  changedExpectations: RuleChange[];
  added: RuleChange[];
  removed: RuleChange[];
}

const notPassing: Verdict[] = ['fail', 'warn', 'known-deviation'];
const expectedKey = (r: RuleResult) => JSON.stringify([...r.expected].map((o) => [o.status, o.code ?? null, o.message ?? null]).sort());
const why = (r: RuleResult) => r.failure?.reason ?? r.reason;

export function compareReports(base: ReportJson, next: ReportJson): Comparison {
  const before = new Map(base.rules.map((r) => [r.id, r]));
  const out: Comparison = { regressions: [], fixed: [], verdictChanged: [], changedGrade: [], changedExpectations: [], added: [], removed: [] };
  for (const r of next.rules) {
    const b = before.get(r.id);
    if (!b) {
      out.added.push({ id: r.id, to: r.verdict, ...(why(r) ? { detail: why(r) } : {}) });
      continue;
    }
    const change: RuleChange = { id: r.id, from: b.verdict, to: r.verdict };
    const reason = why(r);
    if (reason) change.detail = reason;
    // a pass that became inconclusive lost its evidence: as much a regression as a failure
    if (b.verdict === 'pass' && (r.verdict === 'fail' || r.verdict === 'inconclusive')) out.regressions.push(change);
    else if (notPassing.includes(b.verdict) && r.verdict === 'pass') out.fixed.push({ id: r.id, from: b.verdict, to: r.verdict });
    else if (b.verdict !== r.verdict) out.verdictChanged.push(change);
    if (b.grade !== r.grade) out.changedGrade.push({ id: r.id, detail: `${b.grade} → ${r.grade}` });
    if (expectedKey(b) !== expectedKey(r)) out.changedExpectations.push({ id: r.id, detail: `${expectedText(b.expected)} → ${expectedText(r.expected)}` });
  }
  const after = new Set(next.rules.map((r) => r.id));
  for (const b of base.rules) if (!after.has(b.id)) out.removed.push({ id: b.id, from: b.verdict });
  return out;
}

export function hasDifferences(c: Comparison): boolean {
  return Object.values(c).some((list) => list.length > 0);
}

/** Text from a file goes to a terminal: no secrets, no control characters. */
export const printable = (t: string) => redact(t).replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, ' ').replace(/\n/g, ' ');

function line(c: RuleChange): string {
  const verdicts = c.from && c.to ? `${c.from} → ${c.to}` : c.to ? `new, ${c.to}` : c.from ? `was ${c.from}` : '';
  return `  ${printable(c.id)}${verdicts ? `: ${verdicts}` : ''}${c.detail ? ` — ${printable(c.detail)}` : ''}`;
}

export function formatComparison(c: Comparison, base: ReportJson, next: ReportJson): string {
  // counted from the rules: they are what reportProblem() checked
  const totals = (r: ReportJson) => {
    const n = (v: Verdict) => r.rules.filter((x) => x.verdict === v).length;
    return `${n('pass')} pass, ${n('fail')} fail, ${n('warn')} warn, ${n('known-deviation')} known, ${n('skip')} skip`;
  };
  const sections: [string, RuleChange[]][] = [
    ['regressions (passed in BASE; now failing or inconclusive)', c.regressions],
    ['fixed', c.fixed],
    ['other verdict changes', c.verdictChanged],
    ['changed grade', c.changedGrade],
    ['changed expectations', c.changedExpectations],
    ['new rules', c.added],
    ['removed rules', c.removed],
  ];
  const head = (r: ReportJson) => `${printable(r.target)} (${printable(r.toolVersion)}, seed ${r.seed}, ${printable(r.startedAt)}): ${totals(r)}`;
  const out = [`BASE ${head(base)}`, `NEW  ${head(next)}`];
  for (const [title, items] of sections) if (items.length) out.push(`${title} (${items.length}):`, ...items.map(line));
  if (!hasDifferences(c)) out.push('no differences in verdicts, grades, expectations or rules');
  return `${out.join('\n')}\n`;
}
