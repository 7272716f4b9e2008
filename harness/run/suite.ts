// A whole run: resolve the target, fixtures and rules, run each rule, clean up, summarize.
import path from 'node:path';
import type { RequestHandler } from 'msw';
import { readAnswer } from '../../protocol/index.js';
import type { Fixtures } from '../../specs/types.js';
import { defaults, type ResolvedConfig } from '../config.js';
import { EndpointUnreachableError } from '../errors.js';
import { summarize, type RuleResult, type RunResult, type RunSummary } from '../result.js';
import { ruleById, type RuleId } from '../../specs/rules.js';
import { redact } from '../../protocol/redact.js';
import { createEmbeddedTarget, EndpointHealth, resolveTarget, TransportError, type DirectAnswerer, type Target } from '../transport/index.js';
import { CreateBudget } from './budget.js';
import { createCaseSource } from './cases.js';
import type { CaseSource } from './properties.js';
import { namePrefixFor, newRunId, type RunContext } from './context.js';
import { countingTarget, emptyCounts } from './counting.js';
import { AnswerObserver } from './observer.js';
import { planRun, shardRules } from './plan.js';
import { runPreflight } from './preflight.js';
import { groupRootCauses } from './root-cause.js';
import { baseResult, observedResult } from './rule-runner.js';
import type { Diagnosis } from '../result.js';
import { everyAnswerLast, judgesEveryAnswer } from '../checks/index.js';
import { noGuard, startGuard, type Guard } from './guard.js';
import { cleanupOwned } from './cleanup.js';
import { HarRecorder, recordingSend } from './har.js';
import { completeFixtures, inspectSource } from './fixtures.js';
import { mapLimit } from './map-limit.js';
import { Ledger } from './ledger.js';
import { runRule } from './rule-runner.js';
import { selectRules } from './select.js';
import { ShareClock } from './share-clock.js';
import { toolVersion } from '../version.js';

export { toolVersion };

/**
 * The in-process target a run owns when the config names no endpoint, region or handlers module. The harness
 * has none of its own: the caller gives it (the CLI and the package's entry points give the reference mock,
 * cli/reference-target.ts).
 */
export interface DefaultTarget {
  /** what it holds when it starts */
  fixtures: Fixtures;
  /** a fresh answerer for one run, built only when the run uses it */
  create(config: ResolvedConfig): DirectAnswerer;
}

export interface SuiteOptions {
  /** msw handlers to run in-process instead of resolving a target from the config (selftest, library use) */
  handlers?: RequestHandler[];
  /** fixtures those handlers hold (default: none) */
  handlerFixtures?: Fixtures;
  /** the target when the config names none (without it, a config that names none is a usage error) */
  defaultTarget?: DefaultTarget;
  /** only these rules, overriding --rules (replay) */
  onlyRules?: RuleId[];
  /** replay this fast-check path */
  path?: string;
  /** skip the preflight diagnosis (replay sends exactly the case it replays) */
  noPreflight?: boolean;
  /** told the diagnosis as soon as the preflight has it (the CLI prints it first) */
  onDiagnosis?: (d: Diagnosis) => void;
  /** run only this shard's rules (1-based index of count); the plan and its create budget stay the run's */
  shard?: { index: number; count: number };
  onRule?: (result: RuleResult) => void;
  /** told the rules this run (or shard) executes once they are known (the CLI's progress counts them) */
  onStart?: (ruleIds: readonly string[]) => void;
  signal?: AbortSignal;
  /** start a guard process beside a run against an endpoint (default true; harness/run/guard.ts) */
  guard?: boolean;
}

/** First contact: does anything answer, and does it speak the Query protocol? */
async function probe(target: Target, timeoutMs: number): Promise<void> {
  try {
    const answer = await target.send(
      { method: 'POST', path: '/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=DescribeSnapshots&Version=2015-02-02&MaxRecords=20' },
      { timeoutMs },
    );
    const parsed = readAnswer(answer.status, answer.headers, answer.body);
    if (parsed.kind === 'malformed')
      throw new EndpointUnreachableError(`${target.label} does not speak the AWS Query protocol (DescribeSnapshots answered ${answer.status}: ${parsed.reason})`);
  } catch (error) {
    if (error instanceof TransportError) throw new EndpointUnreachableError(`${target.label} is unreachable: ${error.message}`);
    throw error;
  }
}

/** The run's counts; a listed known deviation that passed is an unexpected pass (the list can shrink). */
export function summarizeRun(rules: RuleResult[], expectFailures: Partial<Record<RuleId, string>>): RunSummary {
  return summarize(rules, rules.filter((r) => r.verdict === 'pass' && r.id in expectFailures).map((r) => r.id));
}

export interface RunSession {
  ctx: RunContext;
  cases: CaseSource;
  /** the rules this run (or shard) executes, envelope rules last: they judge every answer of the run */
  ruleIds: RuleId[];
  /** the preflight's classification of CopySnapshot support */
  diagnosis?: Diagnosis;
  /** clean up what the run created and close the target; returns a problem line, if any */
  close(): Promise<string | undefined>;
  /** the run's guard: told `closed` by close() once the cleanup left nothing; an interrupt tells it to clean now */
  guard: Guard;
}

/**
 * Open a run: target, probe, fixtures, source. Usage problems throw UsageError (exit 2);
 * an unreachable endpoint throws EndpointUnreachableError (exit 3).
 */
export async function openRun(config: ResolvedConfig, options: SuiteOptions & { runId?: string; nameTag?: string } = {}): Promise<RunSession> {
  const selected = options.onlyRules ?? selectRules(config.rules, config.skipRules);
  const { defaultTarget } = options;
  // set when the resolver picks the default target (no endpoint, region or handlers module in the config)
  let usesDefault = false;
  const defaultMock = defaultTarget
    ? () => {
        usesDefault = true;
        return defaultTarget.create(config);
      }
    : undefined;
  const counts = emptyCounts();
  const phase = { current: 'setup' as const } as RunContext['phase'];
  const inner = options.handlers
    ? createEmbeddedTarget(options.handlers, { timeoutMs: config.timeoutMs })
    : await resolveTarget({ ...config, ...(defaultMock ? { defaultMock } : {}) });
  // --har: record beneath the counting, so the SDK's housekeeping and the cleanup are recorded too
  const har = config.har !== undefined ? new HarRecorder(config.endpoint ?? (inner.isAws ? `https://elasticache.${inner.region}.amazonaws.com` : 'http://embedded.invalid')) : undefined;
  const recorded = har ? { ...inner, send: recordingSend(inner, har, phase) } : inner;
  const target = countingTarget(recorded, counts, phase, config.timeoutMs);
  const inProcess = target.kind === 'embedded' || target.kind === 'handlers';
  const runId = options.runId ?? newRunId();
  const abort = new AbortController();
  options.signal?.addEventListener('abort', () => abort.abort(), { once: true });
  const ctx: RunContext = {
    config,
    target,
    runId,
    namePrefix: namePrefixFor(runId, options.nameTag),
    fixtures: {},
    source: {},
    canListTags: false,
    budget: new CreateBudget(config.maxCreates ?? (target.isAws ? defaults.awsMaxCreates : undefined)),
    ledger: new Ledger(runId, inProcess ? undefined : path.join(config.reports, 'ledger.jsonl')),
    health: new EndpointHealth(),
    stats: { requests: 0, throttled: 0 },
    counts,
    phase,
    observer: new AnswerObserver(),
    control: {},
    signal: abort.signal,
  };
  const guard = options.guard !== false && ctx.ledger.file ? startGuard(config, ctx.ledger.file, target.isAws) : noGuard;
  const close = async (): Promise<string | undefined> => {
    ctx.phase.current = 'cleanup';
    let clean = false;
    try {
      // the default target belongs to this run and dies with it: nothing there to clean up
      if (usesDefault) {
        clean = true;
        return undefined;
      }
      const cleanup = await cleanupOwned(ctx);
      if (cleanup.left.length) return `cleanup left ${cleanup.left.length} snapshot(s) (${cleanup.left.join(', ')}): run \`copysnapshot-conformance cleanup\` with the ledger`;
      clean = true;
      return undefined;
    } catch (error) {
      return `cleanup failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
    } finally {
      ctx.ledger.close();
      // what this cleanup could not finish, the guard tries again (it waits longer for a copy still creating)
      if (clean) guard.closed();
      else guard.interrupted();
      await target.close();
      if (har && config.har !== undefined) {
        try {
          har.write(config.har, toolVersion);
        } catch (error) {
          // the run's verdicts stand; the file that could not be written is said, not thrown
          process.stderr.write(`copysnapshot-conformance: could not write --har ${config.har}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
        }
      }
    }
  };
  let diagnosis: Diagnosis | undefined;
  try {
    await probe(target, config.timeoutMs);
    const seeded = options.handlers ? (options.handlerFixtures ?? {}) : usesDefault && defaultTarget ? defaultTarget.fixtures : {};
    ctx.fixtures = await completeFixtures(ctx, { ...seeded, ...config.fixtures });
    await inspectSource(ctx);
    if (!options.noPreflight && options.path === undefined) {
      diagnosis = (await runPreflight(ctx)).diagnosis;
      options.onDiagnosis?.(diagnosis);
    }
    ctx.plan = planRun({ ruleIds: selected, fixtures: ctx.fixtures, canListTags: ctx.canListTags, numRuns: config.numRuns, ...(ctx.budget.max !== undefined ? { maxCreates: ctx.budget.max } : {}) });
  } catch (error) {
    await close();
    throw error;
  }
  const mine = shardRules(selected, options.shard);
  const ruleIds = everyAnswerLast(mine);
  return { ctx, cases: createCaseSource(ctx), ruleIds, close, guard, ...(diagnosis ? { diagnosis } : {}) };
}

export function buildResult(session: RunSession, results: RuleResult[], started: number, extra: { aborted?: string; exitCode?: number } = {}): RunResult {
  const { ctx, ruleIds } = session;
  const order = new Map<string, number>(ruleIds.map((id, i) => [id, i]));
  results.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  const summary = summarizeRun(results, ctx.config.expectFailures);
  const exitCode = extra.exitCode ?? (summary.fail > 0 ? 1 : 0);
  const result: RunResult = {
    ...(session.diagnosis ? { diagnosis: session.diagnosis } : {}),
    toolVersion,
    runId: ctx.runId,
    target: redact(ctx.target.label),
    seed: ctx.config.seed,
    numRuns: ctx.config.numRuns,
    strict: ctx.config.strict,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    config: JSON.parse(redact(JSON.stringify({ ...ctx.config, fixtures: ctx.fixtures }))) as Record<string, unknown>,
    rules: results,
    summary,
    exitCode,
    requests: ctx.counts.total,
    throttled: ctx.stats.throttled,
    counts: ctx.counts,
    rootCauses: groupRootCauses(results),
    budget: { ...(ctx.budget.max !== undefined ? { max: ctx.budget.max } : {}), used: ctx.budget.spent, allocation: ctx.plan?.allocation ?? {} },
  };
  if (extra.aborted) result.aborted = extra.aborted;
  return result;
}

/** A rule the run never got to: listed, never passed. */
function notRun(session: RunSession, id: RuleId, why: string): RuleResult {
  return { ...baseResult(ruleById(id)), verdict: 'inconclusive', reason: `not run: ${why}` };
}

/** The commonest cause among the preflight's answers (the not-implemented run's one root cause). */
function topCauseOfPreflight(session: RunSession): string | undefined {
  const m = /answers were (.+?)(?: \(|;|$)/.exec(session.diagnosis?.line ?? '');
  return m?.[1];
}

/** Run the session's rules: the others first, with --concurrency, then the envelope rules (they judge every answer). */
export async function runRules(session: RunSession, options: Pick<SuiteOptions, 'path' | 'onRule' | 'onStart'> = {}): Promise<{ results: RuleResult[]; aborted?: string; exitCode?: number }> {
  const { ctx } = session;
  const results: RuleResult[] = [];
  const out: { results: RuleResult[]; aborted?: string; exitCode?: number } = { results };
  ctx.phase.current = 'rules';
  options.onStart?.(session.ruleIds);
  // each rule's own time, not the time of the batch it ran in (see share-clock.ts)
  const clock = new ShareClock();
  const one = async (id: RuleId) => {
    if (ctx.signal.aborted) return;
    const mark = clock.enter();
    let result: RuleResult;
    try {
      result = await runRule(ctx, id, session.cases, options.path !== undefined ? { path: options.path } : {});
    } catch (error) {
      clock.leave(mark);
      throw error;
    }
    result.durationMs = Math.round(clock.leave(mark));
    results.push(result);
    options.onRule?.(result);
  };
  const envelope = session.ruleIds.filter(judgesEveryAnswer);
  if (session.diagnosis?.copySnapshot === 'not-implemented') {
    // nothing a rule could judge would come back: stop here, judge the preflight's answers, exit 1
    await ctx.observer.settled();
    for (const id of session.ruleIds) {
      const r = judgesEveryAnswer(id) ? observedResult(ctx, id) : notRun(session, id, session.diagnosis.line);
      if (r.verdict === 'inconclusive' && !r.rootCause) {
        const cause = topCauseOfPreflight(session);
        if (cause) r.rootCause = cause;
      }
      results.push(r);
      options.onRule?.(r);
    }
    out.exitCode = 1;
    return out;
  }
  try {
    await mapLimit(session.ruleIds.filter((id) => !judgesEveryAnswer(id)), ctx.config.concurrency, one);
    await mapLimit(envelope, ctx.config.concurrency, one);
  } catch (error) {
    if (!(error instanceof EndpointUnreachableError)) throw error;
    out.aborted = error.message;
    out.exitCode = 3;
  }
  if (ctx.signal.aborted) out.aborted ??= 'interrupted';
  const done = new Set(results.map((r) => r.id));
  for (const id of session.ruleIds) if (!done.has(id)) results.push(notRun(session, id, out.aborted ?? 'the run stopped early'));
  return out;
}

/** Open a run, execute its rules, clean up, and build the result: `run`, selftest, replay and the library use this. */
export async function runSuite(config: ResolvedConfig, options: SuiteOptions = {}): Promise<RunResult> {
  const started = Date.now();
  const session = await openRun(config, options);
  let outcome: Awaited<ReturnType<typeof runRules>> = { results: [] };
  try {
    outcome = await runRules(session, options);
  } finally {
    const problem = await session.close();
    if (problem) outcome.aborted ??= problem;
  }
  const extra: { aborted?: string; exitCode?: number } = {};
  if (outcome.aborted) extra.aborted = outcome.aborted;
  if (outcome.exitCode !== undefined) extra.exitCode = outcome.exitCode;
  return buildResult(session, outcome.results, started, extra);
}
