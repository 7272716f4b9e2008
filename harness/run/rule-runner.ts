// Run one rule's property and turn fast-check's answer into a verdict.
import fc from 'fast-check';
import { ruleById } from '../../specs/rules.js';
import type { Rule } from '../../specs/types.js';
import { EndpointUnreachableError } from '../errors.js';
import type { Counterexample, RuleResult, Verdict } from '../result.js';
import { actualOf } from '../checks/outcome.js';
import { CreateBudgetExhausted } from './budget.js';
import type { RunContext } from './context.js';
import { propertyFor, type CaseSource } from './properties.js';
import { replayCommand } from './replay-command.js';
import { skipReason } from './skip.js';
import { firstViolationAt, Violation } from './violation.js';

export interface RuleRunOptions {
  /** replay exactly this fast-check path */
  path?: string;
}

function baseResult(rule: Rule): RuleResult {
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
  return ctx.target.kind === 'embedded' || ctx.target.kind === 'handlers' ? 60_000 : Math.max(120_000, ctx.config.timeoutMs * 20);
}

/** Run one rule against the context's target. Throws only when the run must stop (endpoint down). */
export async function runRule(runCtx: RunContext, ruleId: string, cases: CaseSource, options: RuleRunOptions = {}): Promise<RuleResult> {
  const rule = ruleById(ruleId);
  const result = baseResult(rule);
  const started = performance.now();
  // a view of the run that counts this rule's requests on their own (rules run concurrently)
  const ctx: RunContext = { ...runCtx, ruleStats: { requests: 0 } };
  const finish = (): RuleResult => {
    result.durationMs = Math.round(performance.now() - started);
    result.requests = ctx.ruleStats!.requests;
    return result;
  };

  const skip = skipReason(ctx, rule);
  if (skip) return Object.assign(finish(), { verdict: 'skip' as const, reason: skip });
  const property = propertyFor(ctx, ruleId, cases);
  if (!property) return Object.assign(finish(), { verdict: 'skip' as const, reason: 'no generator covers this rule on this target' });

  let numRuns = ruleId === 'quota.snapshot-quota' ? 1 : ctx.config.numRuns;
  if (ruleId === 'quota.snapshot-quota' && ctx.budget.remaining < (ctx.fixtures.snapshotQuota ?? 0) + 1)
    return Object.assign(finish(), { verdict: 'skip' as const, reason: `needs ${(ctx.fixtures.snapshotQuota ?? 0) + 1} creates; --max-creates allows ${ctx.budget.remaining}` });
  if (rule.creates && ruleId !== 'quota.snapshot-quota' && Number.isFinite(ctx.budget.remaining)) numRuns = Math.min(numRuns, ctx.budget.remaining);
  const params: fc.Parameters<unknown> = {
    seed: ctx.config.seed,
    numRuns,
    // shrinking a rule that creates would create more on a real endpoint
    endOnFailure: ctx.target.isAws && rule.creates,
    // a rule (with its shrinking) may not run forever against a slow or stuck endpoint
    interruptAfterTimeLimit: ruleTimeLimitMs(ctx),
    markInterruptAsFailure: false,
  };
  if (options.path !== undefined) params.path = options.path;
  firstViolationAt.delete(ruleId);
  const details = await fc.check(property as fc.IAsyncProperty<unknown>, params);
  finish();
  if (!details.failed) return result;

  const error = details.errorInstance;
  if (error instanceof EndpointUnreachableError || ctx.control.abort) throw new EndpointUnreachableError(ctx.control.abort?.reason ?? firstLine(error));
  if (error instanceof CreateBudgetExhausted)
    return Object.assign(result, { verdict: 'skip' as const, reason: `stopped: ${error.message}` });
  const { verdict, reason } = failingVerdict(ctx, rule);
  result.verdict = verdict;
  if (reason) result.reason = reason;
  result.failure = counterexampleOf(ctx, rule, details, error);
  const first = firstViolationAt.get(ruleId);
  if (first !== undefined) result.shrinkMs = Math.round(performance.now() - first);
  return result;
}
