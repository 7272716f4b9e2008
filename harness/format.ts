// Human-readable lines for the terminal.
import type { Outcome } from '../specs/types.js';
import { describeOutcome } from './checks/outcome.js';
import type { RuleResult, RunResult } from './result.js';

const marks: Record<RuleResult['verdict'], string> = {
  pass: 'PASS',
  fail: 'FAIL',
  warn: 'WARN',
  skip: 'SKIP',
  'known-deviation': 'KNOWN',
  inconclusive: 'INCONCLUSIVE',
};

export function expectedText(outcomes: readonly Outcome[]): string {
  return outcomes.length ? outcomes.map(describeOutcome).join(' | ') : '(the invariant)';
}

/** One line per rule, for logs and non-TTY progress. */
export function ruleLine(r: RuleResult): string {
  const why = r.verdict === 'pass' ? '' : ` — ${r.failure?.reason ?? r.reason ?? ''}`;
  return `${marks[r.verdict].padEnd(5)} ${r.id} (${r.grade}, ${r.requests} req, ${r.durationMs} ms)${why}`;
}

/** The full story of a failure: rule, statement, source, counterexample, expected vs actual, replay. */
export function formatFailure(r: RuleResult): string {
  const f = r.failure;
  const lines = [`${r.id} [${r.grade}] ${r.statement}`, `  source: ${r.sources.join('; ')}`];
  if (f) {
    lines.push(`  why: ${f.reason}`);
    if (f.commands?.length) lines.push(`  commands: ${f.commands.join(' ')}`);
    else lines.push(`  request: ${f.method} ${f.path} ${f.body}`);
    if (f.sdkInput !== undefined) lines.push(`  sdk input: ${JSON.stringify(f.sdkInput)}`);
    lines.push(`  expected: ${expectedText(f.expected)}`);
    const a = f.actual;
    lines.push(`  actual: ${[a.status ?? 'no answer', a.code, a.message ? `"${a.message}"` : '', a.problem ? `(${a.problem})` : ''].filter(Boolean).join(' ')}`);
    lines.push(`  seed ${f.seed}, path ${f.path_ ?? ''}`);
    lines.push(`  replay: ${f.replay}`);
  }
  return lines.join('\n');
}

export function summaryLine(run: RunResult): string {
  const s = run.summary;
  const parts = [`${s.pass} passed`, `${s.fail} failed`];
  if (s.warn) parts.push(`${s.warn} warned`);
  if (s.knownDeviation) parts.push(`${s.knownDeviation} known deviations`);
  parts.push(`${s.skip} skipped`);
  return `${parts.join(', ')} — ${run.rules.length} rules, ${run.requests} requests, ${(run.durationMs / 1000).toFixed(1)} s, seed ${run.seed}`;
}
