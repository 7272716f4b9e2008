// The parity sequence: a deterministic list of steps (seeded samples of every rule's cases, the post-state
// reads, the stateful sequences), recorded from one endpoint, or a cassette's steps replayed against another.
// Samples, never properties: no shrinking, so the steps never depend on the answers of the endpoint under test.
import fc from 'fast-check';
import { stateFromFixtures } from '../../generators/oracle.js';
import { caseOf, uniqueCaseNamer } from '../../generators/requests.js';
import { modelCommands, SnapshotModel, type DriverAnswer, type EndpointDriver } from '../../generators/stateful.js';
import type { Case } from '../../generators/types.js';
import { ruleById } from '../../specs/rules.js';
import type { CopySnapshotInput } from '../../specs/types.js';
import { answerChecks } from '../checks/index.js';
import type { RuleId } from '../../specs/rules.js';
import { readAnswer } from '../../protocol/index.js';
import { EndpointUnreachableError, RunInterrupted } from '../errors.js';
import { CreateBudgetExhausted } from '../run/budget.js';
import { withOwnershipTag, type RunContext } from '../run/context.js';
import type { RunSession } from '../run/suite.js';
import { toolVersion } from '../version.js';
import { cassetteFormat, cassetteVersion, responseBody, type Cassette, type CassetteExchange, type CassetteHeader } from './cassette.js';
import { listedSnapshot, transformerNames, type NormalizeScope } from './normalize.js';
import { StepRecorder } from './steps.js';

export const defaultCasesPerRule = 2;
export const statefulRules = { model: 'post-state.model-sequence', race: 'uniqueness.concurrent-copies', quota: 'quota.snapshot-quota' } as const;

/** A seed of its own for each rule: adding a rule does not change the others' samples. */
export function ruleSeed(seed: number, ruleId: RuleId): number {
  let h = 0x811c9dc5 ^ seed;
  for (const ch of ruleId) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return (h >>> 0) % 0x7fffffff;
}

export function scopeOf(ctx: RunContext): NormalizeScope {
  return { namePrefix: ctx.namePrefix, runId: ctx.runId, fixtures: ctx.fixtures, region: ctx.target.region };
}

/** A copy's answer as the stateful model reads it. */
function driverAnswer(ex: CassetteExchange): DriverAnswer {
  if (!ex.response) return { problem: ex.transportError ? `${ex.transportError.kind}: ${ex.transportError.message}` : 'no answer' };
  const parsed = readAnswer(ex.response.status, { 'content-type': ex.response.contentType }, responseBody(ex.response));
  if (parsed.kind === 'malformed') return { status: parsed.status, problem: parsed.reason };
  const a: DriverAnswer = { status: parsed.status };
  if (parsed.kind === 'error' && parsed.code !== undefined) a.code = parsed.code;
  if (parsed.kind === 'success') {
    if (parsed.snapshot?.SnapshotName !== undefined) a.snapshotName = parsed.snapshot.SnapshotName;
    if (parsed.snapshot?.SnapshotStatus !== undefined) a.snapshotStatus = parsed.snapshot.SnapshotStatus;
  }
  return a;
}

/** The model's driver over a recorder: every call is a recorded step of case `casePath`. A copy that is accepted is waited on, so no later step depends on timing. */
function recordingDriver(rec: StepRecorder, rule: RuleId, casePath: () => string): EndpointDriver {
  return {
    async copy(input) {
      const ex = await rec.copy(rule, casePath(), 'copy', { rule, input: withOwnershipTag(rec.ctx, input), expect: [{ status: 200 }, { status: '4xx' }] });
      const answer = driverAnswer(ex);
      if (answer.status === 200 && input.TargetSnapshotName) await rec.wait(rule, casePath(), input.TargetSnapshotName);
      return answer;
    },
    async describe(name) {
      const ex = await rec.describe(rule, casePath(), name);
      if (!ex.response) return { exists: false, problem: ex.transportError?.message ?? 'no answer' };
      if (ex.normalized.outcome === 'error' && ex.normalized.code === 'SnapshotNotFoundFault') return { exists: false };
      if (ex.normalized.outcome !== 'success') return { exists: false, problem: `DescribeSnapshots answered ${ex.response.status}` };
      const hit = listedSnapshot({ status: ex.response.status, headers: { 'content-type': ex.response.contentType }, body: responseBody(ex.response) }, name);
      return hit ? { exists: true, ...(hit.SnapshotStatus !== undefined ? { status: hit.SnapshotStatus } : {}) } : { exists: false };
    },
    async remove(name) {
      return driverAnswer(await rec.remove(rule, casePath(), name));
    },
    async waitAvailable(name) {
      return (await rec.wait(rule, casePath(), name)).available === true;
    },
  };
}

type CaseSteps = (rec: StepRecorder, casePath: string) => Promise<void>;

const LISTED = 'post-state.accepted-is-listed';
const UNCHANGED = 'post-state.refused-changes-nothing';
const TAGS = 'post-state.tags-on-copy';

/**
 * One case: the copy it makes first, the case, then the post-state reads, each under the rule that judges it:
 * DescribeSnapshots of an owned target after any answer (listed after an accepted copy, not after a refused one),
 * the copy's tags for the tags rule, and the source for the refusal rule.
 */
function caseSteps(rule: RuleId, c: Case, options: { readSource?: boolean; readTags?: boolean } = {}): CaseSteps {
  return async (rec, path) => {
    let step = 0;
    const next = () => `${path}/${step++}`;
    if (c.precreate) await rec.copy(rule, next(), 'precreate', { rule, input: withOwnershipTag(rec.ctx, c.precreate), expect: [{ status: 200 }] });
    const ex = await rec.copy(rule, next(), 'copy', c);
    const target = c.input?.TargetSnapshotName;
    const owned = target !== undefined && target.toLowerCase().startsWith(rec.ctx.namePrefix);
    const outcome = ex.normalized.outcome;
    if (owned && (outcome === 'success' || outcome === 'error')) {
      await rec.describe(outcome === 'success' ? LISTED : UNCHANGED, next(), target);
      if (options.readTags && outcome === 'success' && !c.input?.TargetBucket) await rec.listTags(TAGS, next(), target);
    }
    if (options.readSource && rec.ctx.fixtures.sourceSnapshot) await rec.describe(UNCHANGED, next(), rec.ctx.fixtures.sourceSnapshot);
  };
}

/**
 * Boundary copies every sequence holds, whatever the samples drew, each under the rule it belongs to: an empty tag
 * list (`Tags=`, as the SDK sends it) and 50 tags, an upper-case target, and a copy without tags (it gets the source's).
 */
function boundaryCases(ctx: RunContext, ruleId: RuleId): Case[] {
  const source = ctx.fixtures.sourceSnapshot;
  if (!source) return [];
  const gctx = { fixtures: ctx.fixtures, prefix: ctx.namePrefix };
  const fifty = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: `v${i}` }));
  const copy = (tag: string, extra: Partial<CopySnapshotInput> = {}): CopySnapshotInput => ({ SourceSnapshotName: source, TargetSnapshotName: `${ctx.namePrefix}${tag}`, ...extra });
  const all: [string, CopySnapshotInput][] = [
    ['tags.up-to-50-accepted', copy('b0-empty-tags', { Tags: [] })],
    ['tags.up-to-50-accepted', copy('b1-fifty-tags', { Tags: fifty })],
    ['post-state.returns-the-copy', copy('b2-Upper-Case')],
    [TAGS, copy('b3-no-tags')],
  ];
  return all.filter(([rule]) => rule === ruleId).map(([, input]) => caseOf(ruleId, gctx, input));
}

/** The case list of one rule: `count` seeded samples of its arbitrary, named apart by one namer for the whole sequence. */
function sampledCases(ruleId: RuleId, arb: fc.Arbitrary<Case>, seed: number, count: number, name: (c: Case) => Case): Case[] {
  return fc.sample(arb, { seed: ruleSeed(seed, ruleId), numRuns: count }).map(name);
}

/** What the sequence does for a rule, or why it has nothing for it. */
function planRule(session: RunSession, ruleId: RuleId, count: number, name: (c: Case) => Case): CaseSteps[] | string {
  const { ctx, cases } = session;
  const seed = ctx.config.seed;
  const rule = ruleById(ruleId);
  if (ruleId === statefulRules.model) {
    const options = { fixtures: ctx.fixtures, prefix: ctx.namePrefix };
    if (!ctx.fixtures.sourceSnapshot) return 'needs --source-snapshot';
    const base = stateFromFixtures(ctx.fixtures);
    // sequences that make a snapshot of their own (else every command is skipped on an empty model) and do more
    const sequences = modelCommands(options).filter((cmds) => [...cmds].length >= 3 && [...cmds].some((c) => String(c).startsWith('copyToFresh')));
    return fc.sample(sequences, { seed: ruleSeed(seed, ruleId), numRuns: count }).map((cmds, i) => async (rec: StepRecorder, path: string) => {
      let step = 0;
      const driver = recordingDriver(rec, ruleId, () => `${path}/${step++}`);
      try {
        await fc.asyncModelRun(() => ({ model: new SnapshotModel(`${ctx.namePrefix}s${i}-`, base), real: driver }), cmds);
      } catch (error) {
        // a disagreement with the model ends this sequence here; the steps so far are what is compared
        if (error instanceof CreateBudgetExhausted || error instanceof RunInterrupted || error instanceof EndpointUnreachableError) throw error;
      }
    });
  }
  if (ruleId === statefulRules.race) {
    const source = ctx.fixtures.sourceSnapshot;
    if (!source) return 'needs --source-snapshot';
    return Array.from({ length: count }, (_, i) => async (rec: StepRecorder, path: string) => {
      const target = `${ctx.namePrefix}race${i}`;
      const c: Case = { rule: ruleId, input: withOwnershipTag(ctx, { SourceSnapshotName: source, TargetSnapshotName: target }), expect: [{ status: 200 }, ...rule.expect] };
      // both in flight together: which one wins is the endpoint's business, so the diff compares them unordered
      await Promise.all([rec.copy(ruleId, `${path}/a`, 'copy', c), rec.copy(ruleId, `${path}/b`, 'copy', c)]);
      await rec.describe(ruleId, `${path}/c`, target);
    });
  }
  if (ruleId === statefulRules.quota) {
    const quota = ctx.fixtures.snapshotQuota;
    const source = ctx.fixtures.sourceSnapshot;
    if (quota === undefined || !source) return 'needs --snapshot-quota and --source-snapshot';
    return [
      async (rec: StepRecorder, path: string) => {
        let step = 0;
        const made: string[] = [];
        for (let i = 0; i <= quota; i++) {
          const target = `${ctx.namePrefix}quota-${i}`;
          const c: Case = { rule: ruleId, input: withOwnershipTag(ctx, { SourceSnapshotName: source, TargetSnapshotName: target }), expect: [{ status: 200 }, ...rule.expect] };
          const ex = await rec.copy(ruleId, `${path}/${step++}`, 'copy', c);
          if (ex.normalized.outcome !== 'success') break;
          made.push(target);
        }
        // the quota's copies go again (once settled), so the rules after this one have room to copy
        for (const target of made) {
          await rec.wait(ruleId, `${path}/${step++}`, target);
          await rec.remove(ruleId, `${path}/${step++}`, target);
        }
      },
    ];
  }
  if (answerChecks.has(ruleId)) {
    const arb = Number.isFinite(ctx.budget.remaining) ? cases.invalid() : cases.any();
    return sampledCases(ruleId, arb, seed, count, name).map((c) => caseSteps(ruleId, c));
  }
  if (ruleId === 'post-state.refused-changes-nothing')
    return sampledCases(ruleId, cases.invalid(), seed, count, name).map((c) => caseSteps(ruleId, { ...c, rule: ruleId }, { readSource: true }));
  if (rule.family === 'post-state') {
    const sampled = sampledCases(ruleId, cases.valid(), seed, count, name).map((c) => ({ ...c, rule: ruleId }));
    return [...sampled, ...boundaryCases(ctx, ruleId)].map((c) => caseSteps(ruleId, c, { readTags: ruleId === TAGS }));
  }
  const arb = cases.forRule(ruleId);
  if (!arb) return 'no generator covers this rule with the given fixtures';
  return [...sampledCases(ruleId, arb, seed, count, name), ...boundaryCases(ctx, ruleId)].map((c) => caseSteps(ruleId, c));
}

export interface SequenceOutcome {
  exchanges: CassetteExchange[];
  rules: string[];
  skipped: Record<string, string>;
}

/** Run the parity sequence of the session's rules against its target, in order, one step at a time. */
export async function runSequence(session: RunSession, casesPerRule: number, onRule?: (ruleId: RuleId, steps: number) => void): Promise<SequenceOutcome> {
  const { ctx } = session;
  ctx.phase.current = 'rules';
  const rec = new StepRecorder(ctx, scopeOf(ctx));
  const name = uniqueCaseNamer(ctx.namePrefix);
  const rules: string[] = [];
  const skipped: Record<string, string> = {};
  // the quota procedure first, on a store the sequence has not filled yet; it removes its own copies afterwards
  const order = [...session.ruleIds].sort((x, y) => Number(y === statefulRules.quota) - Number(x === statefulRules.quota));
  for (const ruleId of order) {
    if (ctx.signal.aborted || ctx.control.abort) break;
    const planned = ctx.plan?.rows.find((r) => r.rule === ruleId);
    if (planned && !planned.runs) {
      skipped[ruleId] = planned.reason ?? 'not planned';
      continue;
    }
    const plan = planRule(session, ruleId, casesPerRule, name);
    if (typeof plan === 'string') {
      skipped[ruleId] = plan;
      continue;
    }
    const before = rec.exchanges.length;
    try {
      for (const [i, steps] of plan.entries()) await steps(rec, `${ruleId}/${i}`);
    } catch (error) {
      // an interrupt ends the sequence where it is (the caller cleans up and writes nothing)
      if (error instanceof RunInterrupted) break;
      if (!(error instanceof CreateBudgetExhausted)) throw error;
      skipped[ruleId] = `stopped: ${error.message}`;
    }
    if (rec.exchanges.length > before) rules.push(ruleId);
    else skipped[ruleId] ??= 'no step was drawn for this rule';
    onRule?.(ruleId, rec.exchanges.length - before);
  }
  return { exchanges: rec.exchanges, rules, skipped };
}

export function cassetteHeader(session: RunSession, casesPerRule: number, outcome: SequenceOutcome, url: string): CassetteHeader {
  const { ctx } = session;
  return {
    type: 'header',
    format: cassetteFormat,
    formatVersion: cassetteVersion,
    toolVersion,
    api: { service: 'elasticache', version: '2015-02-02', action: 'CopySnapshot' },
    target: { kind: ctx.target.kind, url },
    region: ctx.target.region,
    recordedAt: new Date().toISOString(),
    seed: ctx.config.seed,
    casesPerRule,
    runId: ctx.runId,
    namePrefix: ctx.namePrefix,
    fixtures: ctx.fixtures,
    transformers: transformerNames,
    rules: outcome.rules,
    skipped: outcome.skipped,
  };
}

export async function recordCassette(session: RunSession, casesPerRule: number, url: string, onRule?: (ruleId: RuleId, steps: number) => void): Promise<Cassette> {
  const outcome = await runSequence(session, casesPerRule, onRule);
  return { header: cassetteHeader(session, casesPerRule, outcome, url), exchanges: outcome.exchanges };
}

/** The case a step belongs to (`rule/i` of `rule/i/step`). */
export const caseOfPath = (path: string): string => path.split('/').slice(0, 2).join('/');
