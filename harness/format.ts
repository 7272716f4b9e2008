// Human-readable lines for the terminal.
import type { Outcome } from '../specs/types.js';
import { describeOutcome } from './checks/outcome.js';
import type { RootCauseGroup, RuleResult, RunResult } from './result.js';

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
    if (f.curl) lines.push(`  curl: ${f.curl}`);
  }
  return lines.join('\n');
}

/** `a, b, c (+4 more)`: a list kept to one readable line. */
export function listShort(items: readonly string[], shown = 8): string {
  return items.length > shown ? `${items.slice(0, shown).join(', ')} (+${items.length - shown} more)` : items.join(', ');
}

/** Requests by action, largest first: `CopySnapshot 1098, DeleteSnapshot 380, …`. */
export function actionCounts(run: Pick<RunResult, 'counts'>): string {
  return Object.entries(run.counts.byAction)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([action, n]) => `${action} ${n}`)
    .join(', ');
}

export function summaryLine(run: RunResult): string {
  const s = run.summary;
  const parts = [`${s.pass} passed`, `${s.fail} failed`];
  if (s.warn) parts.push(`${s.warn} warned`);
  if (s.knownDeviation) parts.push(`${s.knownDeviation} known deviations`);
  if (s.inconclusive) parts.push(`${s.inconclusive} inconclusive`);
  parts.push(`${s.skip} skipped`);
  const byAction = actionCounts(run);
  return `${parts.join(', ')} — ${run.rules.length} rules, ${run.requests} requests${byAction ? ` (${byAction})` : ''}, ${(run.durationMs / 1000).toFixed(1)} s, seed ${run.seed}`;
}

/** The head of a root-cause group: one cause, every rule it explains. */
export function rootCauseHeader(g: RootCauseGroup): string {
  return `root cause shared by ${g.rules.length} rules: ${g.cause}\n  rules: ${listShort(g.rules, 12)}`;
}

/**
 * The failure blocks of a run, each root cause once: a group's header and its first failure stand for the
 * rest (36 blocks saying "HTTP 500 text/html page" tell a mock author no more than one).
 */
export function failureBlocks(run: Pick<RunResult, 'rules' | 'rootCauses'>, includeWarnings = true): string[] {
  const groupOf = new Map<string, RootCauseGroup>();
  for (const g of run.rootCauses) for (const id of g.rules) groupOf.set(id, g);
  const shown = new Set<RootCauseGroup>();
  const blocks: string[] = [];
  for (const g of run.rootCauses) {
    const first = run.rules.find((r) => g.rules.includes(r.id) && (r.verdict === 'fail' || (includeWarnings && r.verdict === 'warn')));
    shown.add(g);
    blocks.push(first ? `${rootCauseHeader(g)}\n  first failure:\n${indent(formatFailure(first))}` : rootCauseHeader(g));
  }
  for (const r of run.rules) {
    if (r.verdict !== 'fail' && !(includeWarnings && r.verdict === 'warn')) continue;
    if (groupOf.has(r.id)) continue;
    blocks.push(formatFailure(r));
  }
  return blocks;
}

const indent = (text: string) => text.split('\n').map((l) => `    ${l}`).join('\n');
