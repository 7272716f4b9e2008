// Run one rule's property and turn fast-check's answer into a verdict.
import fc from 'fast-check';
import { ruleById, type ContractRule as Rule, type RuleId } from '../../specs/rules.js';
import { maxTimerMs } from '../config.js';
import { EndpointUnreachableError, UsageError } from '../errors.js';
import type { Counterexample, RuleResult, Verdict } from '../result.js';
import { actualOf } from '../checks/outcome.js';
import { CreateBudgetExhausted } from './budget.js';
import type { RuleStats, RunContext } from './context.js';
import { judgesEveryAnswer } from '../checks/index.js';
import { causeOf, isProtocolAnswer } from './send.js';
import { propertyFor, type CaseSource } from './properties.js';
import { curlCommand, replayCommand } from './replay-command.js';
import { SnapshotQuotaFull } from './quota-full.js';
import { firstViolationAt, Violation } from './violation.js';

export interface RuleRunOptions {
  /** replay exactly this fast-check path */
  path?: string;
}

function noSuchPath(ctx: RunContext, ruleId: RuleId, path: string): UsageError {
  return new UsageError(`replay: --path ${path} names no case of ${ruleId} with --seed ${ctx.config.seed} (copy the replay line a failure printed)`);
}

/** A rule's result before anything is judged: its contract entry, and a pass that the run may take back. */
export function baseResult(rule: Rule): RuleResult {
  return {
    id: rule.id,
    family: rule.family,
    statement: rule.statement,
    grade: rule.grade,
    sources: rule.sources,
    expected: rule.expect,
    verdict: 'pass',
    requests: 0,
    judged: 0,
    durationMs: 0,
  };
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split('\n')[0] ?? '';
}

/** fail, or warn for an inferred rule without --strict, or known-deviation when listed. */
function failingVerdict(ctx: RunContext, rule: Rule): { verdict: Verdict; reason?: string } {
  const known = ctx.config.expectFailures[rule.id];
  if (known !== undefined) return { verdict: 'known-deviation', reason: known };
  if (rule.grade === 'inferred' && !ctx.config.strict) return { verdict: 'warn', reason: 'an inferred rule failed (use --strict to fail the run)' };
  return { verdict: 'fail' };
}

function counterexampleOf(ctx: RunContext, rule: Rule, details: fc.RunDetails<unknown>, error: unknown): Counterexample {
  const seed = details.seed;
  const path = details.counterexamplePath ?? '';
  const replay = replayCommand(ctx.config, rule.id, seed, path);
  if (error instanceof Violation) {
    const ex = error.exchange;
    const cx: Counterexample = {
      method: ex.request.method,
      path: ex.request.path,
      body: ex.request.body,
      expected: error.testCase.expect,
      actual: actualOf(ex),
      reason: error.reason,
      seed,
      path_: path,
      replay,
    };
    const curl = curlCommand(ctx.config, ex.request);
    if (curl) cx.curl = curl;
    if (ex.request.sdkInput !== undefined) cx.sdkInput = ex.request.sdkInput;
    return cx;
  }
  // stateful rules and unexpected errors: the counterexample is fast-check's (commands, values)
  const shown = details.counterexample ? fc.stringify(details.counterexample) : '';
  return {
    method: 'POST',
    path: '/',
    body: '',
    commands: shown ? [shown] : [],
    expected: rule.expect,
    actual: { problem: firstLine(error) },
    reason: firstLine(error),
    seed,
    path_: path,
    replay,
  };
}

/** Generous, but bounded: many cases at the request timeout, capped for in-process targets. */
function ruleTimeLimitMs(ctx: RunContext): number {
  // capped at setTimeout's limit: a longer delay would fire at once and interrupt the rule before its first case
  return ctx.target.kind === 'embedded' || ctx.target.kind === 'handlers' ? 60_000 : Math.min(maxTimerMs, Math.max(120_000, ctx.config.timeoutMs * 20));
}

/** The most frequent non-protocol answer a rule saw, e.g. `HTTP 500 text/html page`. */
function topCause(stats: RuleStats): string | undefined {
  return Object.entries(stats.causes).sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** Why a rule judged nothing, in numbers: "0 of 25 answers were a protocol answer (25 × HTTP 500 text/html page)". */
function nothingJudged(stats: RuleStats): string {
  if (stats.answers === 0) return 'no case was sent';
  const causes = Object.entries(stats.causes).sort((a, b) => b[1] - a[1]).slice(0, 2).map(([c, n]) => `${n} × ${c}`).join(', ');
  if (stats.protocol === 0) return `0 of ${stats.answers} answers were a protocol answer (${causes})`;
  return `none of the ${stats.answers} answers (${stats.protocol} protocol answers${causes ? `; ${causes}` : ''}) was one this rule judges`;
}


/** An envelope rule's verdict includes every answer of the run (harness/run/observer.ts). */
function mergeObserved(ctx: RunContext, rule: Rule, result: RuleResult): void {
  if (!judgesEveryAnswer(rule.id)) return;
  result.judged = ctx.observer.judged.get(rule.id) ?? 0;
  const seen = ctx.observer.violations.get(rule.id);
  if (!seen || result.failure) return;
  const { verdict, reason } = failingVerdict(ctx, rule);
  result.verdict = verdict;
  if (reason) result.reason = reason;
  const ex = seen.exchange;
  const why = `${seen.reason} (the answer to a case of ${seen.case.rule})`;
  result.failure = {
    method: ex.request.method,
    path: ex.request.path,
    body: ex.request.body,
    ...(ex.request.sdkInput !== undefined ? { sdkInput: ex.request.sdkInput } : {}),
    expected: rule.expect,
    actual: actualOf(ex),
    reason: why,
    seed: ctx.config.seed,
    // the rule whose case sent it; and, where it can be sent again as it was, the exact request
    replay: replayCommand(ctx.config, seen.case.rule, ctx.config.seed, ''),
  };
  const curl = curlCommand(ctx.config, ex.request);
  if (curl) result.failure.curl = curl;
  if (!isProtocolAnswer(ex)) result.rootCause = causeOf(ex);
}

/** An envelope rule judged only by what the run has already seen (the run stopped after its preflight). */
export function observedResult(ctx: RunContext, ruleId: RuleId): RuleResult {
  const rule = ruleById(ruleId);
  const result = baseResult(rule);
  mergeObserved(ctx, rule, result);
  if (result.verdict === 'pass' && result.judged === 0) return Object.assign(result, { verdict: 'inconclusive' as const, reason: 'no answer of the run was one this rule judges' });
  return result;
}

/** Run one rule against the context's target. Throws only when the run must stop (endpoint down). */
export async function runRule(runCtx: RunContext, ruleId: RuleId, cases: CaseSource, options: RuleRunOptions = {}): Promise<RuleResult> {
  const rule = ruleById(ruleId);
  const result = baseResult(rule);
  const started = performance.now();
  const planned = runCtx.plan?.rows.find((r) => r.rule === ruleId);
  // a view of the run that counts this rule's requests on their own and spends only its share of the budget
  const stats: RuleStats = { requests: 0, judged: 0, answers: 0, protocol: 0, causes: {} };
  const share = planned ? runCtx.budget.share(runCtx.budget.max === undefined ? undefined : planned.creates) : runCtx.budget;
  const ctx: RunContext = { ...runCtx, ruleStats: stats, budget: share };
  const finish = (): RuleResult => {
    result.durationMs = Math.round(performance.now() - started);
    result.requests = stats.requests;
    result.judged = stats.judged;
    return result;
  };

  if (planned && !planned.runs) return Object.assign(finish(), { verdict: 'skip' as const, reason: planned.reason ?? 'not planned' });
  const property = propertyFor(ctx, ruleId, cases);
  if (!property) return Object.assign(finish(), { verdict: 'skip' as const, reason: 'no generator covers this rule on this target' });

  const finiteBudget = runCtx.budget.max !== undefined;
  const params: fc.Parameters<unknown> = {
    seed: ctx.config.seed,
    numRuns: planned?.cases ?? ctx.config.numRuns,
    // shrinking a rule that creates would create more than its share on a real endpoint
    endOnFailure: (ctx.target.isAws || finiteBudget) && (planned?.creates ?? 0) > 0,
    // a rule (with its shrinking) may not run forever against a slow or stuck endpoint
    interruptAfterTimeLimit: ruleTimeLimitMs(ctx),
    markInterruptAsFailure: false,
  };
  if (options.path !== undefined) params.path = options.path;
  firstViolationAt.delete(ruleId);
  let details: fc.RunDetails<unknown>;
  try {
    details = await fc.check(property as fc.IAsyncProperty<unknown>, params);
  } catch (error) {
    // fast-check refuses a path that leads nowhere ("Unable to replay, got wrong path=…")
    if (options.path !== undefined && /Unable to replay/.test(String((error as Error)?.message))) throw noSuchPath(ctx, ruleId, options.path);
    throw error;
  }
  // a path past the last case of its level replays nothing: say so rather than report a case-less run
  if (options.path !== undefined && details.numRuns === 0 && !details.failed && !details.interrupted && !ctx.signal.aborted) throw noSuchPath(ctx, ruleId, options.path);
  if (judgesEveryAnswer(ruleId)) await ctx.observer.settled();
  finish();
  if (ctx.signal.aborted) return Object.assign(result, { verdict: 'inconclusive' as const, reason: `interrupted after ${stats.judged} judged answers` });
  if (details.failed) {
    const error = details.errorInstance;
    if (error instanceof EndpointUnreachableError || ctx.control.abort) throw new EndpointUnreachableError(ctx.control.abort?.reason ?? firstLine(error));
    if (error instanceof SnapshotQuotaFull) {
      // not the rule's fault: what it judged before passed; with nothing judged it is no verdict at all
      if (stats.judged === 0) return Object.assign(result, { verdict: 'inconclusive' as const, reason: `stopped before judging anything: ${error.message}` });
      result.reason = `stopped after ${stats.judged} judged answers: ${error.message}`;
    } else if (error instanceof CreateBudgetExhausted) {
      if (stats.judged === 0) return Object.assign(result, { verdict: 'skip' as const, reason: `stopped before judging anything: ${error.message}` });
      // what was judged before the budget ran out passed
      result.reason = `stopped after ${stats.judged} judged answers: ${error.message}`;
    } else {
      const { verdict, reason } = failingVerdict(ctx, rule);
      result.verdict = verdict;
      if (reason) result.reason = reason;
      result.failure = counterexampleOf(ctx, rule, details, error);
      if (error instanceof Violation && !isProtocolAnswer(error.exchange)) result.rootCause = causeOf(error.exchange);
      else if (!(error instanceof Violation) && stats.protocol === 0 && stats.answers > 0) result.rootCause = topCause(stats);
      const first = firstViolationAt.get(ruleId);
      if (first !== undefined) result.shrinkMs = Math.round(performance.now() - first);
    }
  }
  mergeObserved(ctx, rule, result);
  if (result.verdict !== 'pass') return result;
  if (details.interrupted) {
    // a time cap is not a pass: say how far it got
    const cause = topCause(stats);
    return Object.assign(result, { verdict: 'inconclusive' as const, reason: `interrupted by the ${Math.round(ruleTimeLimitMs(ctx) / 1000)} s rule time cap after ${details.numRuns} of ${params.numRuns} cases`, ...(cause ? { rootCause: cause } : {}) });
  }
  if (result.judged === 0) {
    const cause = topCause(stats);
    return Object.assign(result, { verdict: 'inconclusive' as const, reason: judgesEveryAnswer(ruleId) ? `no answer of the run was one this rule judges (${nothingJudged(stats)})` : nothingJudged(stats), ...(cause && stats.protocol === 0 ? { rootCause: cause } : {}) });
  }
  return result;
}
