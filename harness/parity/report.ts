// A diff as a run result: one verdict per rule (pass: no difference, fail: a difference, known deviation:
// only accepted ones, skip: nothing to compare), so report.json, junit.xml, summary.md and report.html carry it
// with the writers every run uses; the whole diff rides along in `parity`.
import { asRuleId, ruleById } from '../../specs/rules.js';
import type { ResolvedConfig } from '../config.js';
import type { ActualAnswer, Counterexample, RequestCounts, RuleResult, RunResult } from '../result.js';
import { curlCommand } from '../run/replay-command.js';
import { groupRootCauses } from '../run/root-cause.js';
import { toolVersion } from '../version.js';
import type { NormalizedAnswer, ParityDiff, StepDifference } from '../parity-types.js';

/** A normalized answer in a few words: `400 InvalidParameterValue`, `200 CopySnapshotResponse`, `no answer (timeout)`. */
export function answerWords(n: NormalizedAnswer | undefined): string {
  if (!n) return 'no such step';
  if (n.outcome === 'no-answer') return `no answer (${n.problem ?? 'unknown'})`;
  if (n.outcome === 'malformed') return `${n.status ?? '?'} malformed (${n.problem ?? ''})`;
  if (n.outcome === 'error') return `${n.status ?? '?'} ${n.code ?? '(no code)'}`;
  if (n.exists !== undefined) return `${n.status ?? '?'} ${n.exists ? `lists ${n.snapshotName ?? ''}` : 'does not list it'}`;
  return `${n.status ?? '?'} ${n.envelope ?? ''}`.trim();
}

function actualOf(n: NormalizedAnswer | undefined): ActualAnswer {
  if (!n) return { problem: 'this step is missing on side B' };
  const a: ActualAnswer = {};
  if (n.status !== undefined) a.status = n.status;
  if (n.code !== undefined) a.code = n.code;
  if (n.message !== undefined) a.message = n.message;
  if (n.problem !== undefined) a.problem = n.problem;
  return a;
}

export function differenceReason(d: StepDifference, sides: ParityDiff['sides']): string {
  const fields = d.fields.filter((f) => f !== 'missing');
  return `${d.case} (${d.step}): A ${sides.a} answered ${answerWords(d.a)}; B ${sides.b} answered ${answerWords(d.b)}${fields.length ? ` — differs in ${fields.join(', ')}` : ''}`;
}

export interface DiffRunInfo {
  runId: string;
  seed: number;
  casesPerRule: number;
  startedAt: number;
  /** side B's configuration (its endpoint, for curl lines) */
  configB: ResolvedConfig;
  skipped: Record<string, string>;
  counts: RequestCounts;
  /** the command that replays one case of this diff */
  replayFor: (casePath: string, ruleId: string) => string;
  problem?: string;
}

function counterexample(d: StepDifference, diff: ParityDiff, info: DiffRunInfo): Counterexample {
  const cx: Counterexample = {
    method: d.request.method,
    path: d.request.path,
    body: d.request.body,
    expected: ruleById(asRuleId(d.rule)).expect,
    actual: actualOf(d.b),
    reason: differenceReason(d, diff.sides),
    seed: info.seed,
    path_: d.case,
    // the case belongs to the rule its path names (a post-state read judges another rule's case)
    replay: info.replayFor(d.case.split('/').slice(0, 2).join('/'), d.case.split('/')[0]!),
  };
  const curl = curlCommand(info.configB, d.request);
  if (curl) cx.curl = curl;
  return cx;
}

export function diffRunResult(diff: ParityDiff, info: DiffRunInfo): RunResult {
  const ids = [...diff.rules, ...Object.keys(info.skipped).filter((id) => !diff.rules.includes(id))];
  const rules: RuleResult[] = ids.map((id) => {
    const rule = ruleById(asRuleId(id));
    const base: RuleResult = { id, family: rule.family, statement: rule.statement, grade: rule.grade, sources: rule.sources, expected: rule.expect, verdict: 'pass', requests: 0, judged: 0, durationMs: 0 };
    if (!diff.rules.includes(id)) return { ...base, verdict: 'skip', reason: info.skipped[id] ?? 'no steps to compare' };
    const mine = diff.differences.filter((d) => d.rule === id);
    const open = mine.filter((d) => d.allowed === undefined);
    base.judged = diff.stepsByRule[id] ?? 0;
    base.requests = base.judged;
    if (open.length > 0) return { ...base, verdict: 'fail', reason: `${open.length} step(s) differ`, failure: counterexample(open[0]!, diff, info) };
    if (mine.length > 0) return { ...base, verdict: 'known-deviation', reason: mine[0]!.allowed! };
    return { ...base, reason: 'every step answered alike' };
  });
  const count = (v: RuleResult['verdict']) => rules.filter((r) => r.verdict === v).length;
  const open = diff.differences.filter((d) => d.allowed === undefined).length;
  const result: RunResult = {
    toolVersion,
    runId: info.runId,
    target: `diff: A ${diff.sides.a} · B ${diff.sides.b}`,
    seed: info.seed,
    numRuns: info.casesPerRule,
    strict: false,
    startedAt: new Date(info.startedAt).toISOString(),
    durationMs: Date.now() - info.startedAt,
    config: { mode: 'diff', casesPerRule: info.casesPerRule, sides: diff.sides, ...(diff.cassette ? { cassette: diff.cassette } : {}) },
    rules,
    summary: { pass: count('pass'), fail: count('fail'), warn: 0, skip: count('skip'), knownDeviation: count('known-deviation'), inconclusive: 0, unexpectedPasses: [] },
    exitCode: open > 0 || info.problem ? 1 : 0,
    requests: info.counts.total,
    counts: info.counts,
    rootCauses: groupRootCauses(rules),
    budget: { used: 0, allocation: {} },
    throttled: 0,
    parity: diff,
  };
  if (info.problem) result.aborted = info.problem;
  return result;
}
