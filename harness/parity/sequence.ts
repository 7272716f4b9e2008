// The parity sequence: a deterministic list of steps (seeded samples of every rule's cases, the post-state
// reads, the stateful sequences), recorded from one endpoint, or a cassette's steps replayed against another.
// Samples, never properties: no shrinking, so the steps never depend on the answers of the endpoint under test.
import fc from 'fast-check';
import { stateFromFixtures } from '../../generators/oracle.js';
import { caseOf, uniqueCaseNamer } from '../../generators/requests.js';
import { modelCommands, SnapshotModel, type DriverAnswer, type EndpointDriver } from '../../generators/stateful.js';
import type { Case } from '../../generators/types.js';
import { ruleById } from '../../specs/rules.js';
import type { CopySnapshotInput, Fixtures } from '../../specs/types.js';
import { answerChecks } from '../checks/registry.js';
import { readAnswer } from '../codec.js';
import { EndpointUnreachableError, RunInterrupted } from '../errors.js';
import { CreateBudgetExhausted } from '../run/budget.js';
import { withOwnershipTag, type RunContext } from '../run/context.js';
import type { RunSession } from '../run/suite.js';
import { toolVersion } from '../version.js';
import { cassetteFormat, cassetteVersion, loadBody, responseBody, type Cassette, type CassetteExchange, type CassetteHeader } from './cassette.js';
import { listedSnapshots, transformerNames, type NormalizeScope } from './normalize.js';
import { StepRecorder } from './steps.js';

export const defaultCasesPerRule = 2;
export const statefulRules = { model: 'post-state.model-sequence', race: 'uniqueness.concurrent-copies', quota: 'quota.snapshot-quota' } as const;

/** A seed of its own for each rule: adding a rule does not change the others' samples. */
export function ruleSeed(seed: number, ruleId: string): number {
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
function recordingDriver(rec: StepRecorder, rule: string, casePath: () => string): EndpointDriver {
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
      const listed = listedSnapshots(responseBody(ex.response));
      const hit = listed.find((s) => s.name === name) ?? listed.find((s) => s.name.toLowerCase() === name.toLowerCase());
      return hit ? { exists: true, ...(hit.status !== undefined ? { status: hit.status } : {}) } : { exists: false };
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
function caseSteps(rule: string, c: Case, options: { readSource?: boolean; readTags?: boolean } = {}): CaseSteps {
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
function boundaryCases(ctx: RunContext, ruleId: string): Case[] {
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
  return all.filter(([rule]) => rule === ruleId).map(([rule, input]) => caseOf(rule, gctx, input));
}

/** The case list of one rule: `count` seeded samples of its arbitrary, named apart by one namer for the whole sequence. */
function sampledCases(ruleId: string, arb: fc.Arbitrary<Case>, seed: number, count: number, name: (c: Case) => Case): Case[] {
  return fc.sample(arb, { seed: ruleSeed(seed, ruleId), numRuns: count }).map(name);
}

/** What the sequence does for a rule, or why it has nothing for it. */
function planRule(session: RunSession, ruleId: string, count: number, name: (c: Case) => Case): CaseSteps[] | string {
  const { ctx, cases } = session;
  const seed = ctx.config.seed;
  const rule = ruleById(ruleId);
  if (ruleId === statefulRules.model) {
    const options = { fixtures: ctx.fixtures, prefix: ctx.namePrefix };
    if (!ctx.fixtures.sourceSnapshot) return 'needs --source-snapshot';
    const base = stateFromFixtures(ctx.fixtures);
    return fc.sample(modelCommands(options), { seed: ruleSeed(seed, ruleId), numRuns: count }).map((cmds, i) => async (rec: StepRecorder, path: string) => {
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
  if (ruleId in answerChecks) {
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
export async function runSequence(session: RunSession, casesPerRule: number, onRule?: (ruleId: string, steps: number) => void): Promise<SequenceOutcome> {
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

export async function recordCassette(session: RunSession, casesPerRule: number, url: string, onRule?: (ruleId: string, steps: number) => void): Promise<Cassette> {
  const outcome = await runSequence(session, casesPerRule, onRule);
  return { header: cassetteHeader(session, casesPerRule, outcome, url), exchanges: outcome.exchanges };
}

// ── replay ─────────────────────────────────────────────────────────────────────────────────────

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `to` with the letter case of `from` where the two line up (a case-variant name stays a case variant). */
function withCaseOf(from: string, to: string): string {
  if (from === from.toLowerCase()) return to;
  if (from === from.toUpperCase()) return to.toUpperCase();
  return [...to].map((ch, i) => (from[i] !== undefined && from[i] !== from[i]!.toLowerCase() ? ch.toUpperCase() : ch)).join('');
}

/** Maps the recorded run's own names (prefix, run ID) and fixture names to the replaying run's. */
export function nameMapper(header: Pick<CassetteHeader, 'namePrefix' | 'fixtures'> & { runId?: string }, ctx: RunContext): (text: string) => string {
  const pairs: [string, string][] = [[header.namePrefix, ctx.namePrefix]];
  if (header.runId) pairs.push([header.runId, ctx.runId]);
  const keys = ['sourceSnapshot', 'pendingSnapshot', 'exportBucket', 'existingExportTarget'] as const;
  for (const key of keys) {
    const from = header.fixtures[key];
    const to = ctx.fixtures[key];
    if (typeof from === 'string' && typeof to === 'string' && from !== to) pairs.push([from, to]);
  }
  for (const [condition, from] of Object.entries(header.fixtures.buckets ?? {})) {
    const to = ctx.fixtures.buckets?.[condition as keyof NonNullable<Fixtures['buckets']>];
    if (from && to && from !== to) pairs.push([from, to]);
  }
  pairs.sort((a, b) => b[0].length - a[0].length);
  const encoded = pairs.flatMap(([from, to]) => (encodeURIComponent(from) !== from ? [[encodeURIComponent(from), encodeURIComponent(to)] as [string, string]] : []));
  const all = [...pairs, ...encoded];
  if (all.length === 0) return (t) => t;
  const pattern = new RegExp(all.map(([from]) => escapeRegExp(from)).join('|'), 'gi');
  const lookup = new Map(all.map(([from, to]) => [from.toLowerCase(), to]));
  return (text) => text.replace(pattern, (m) => withCaseOf(m, lookup.get(m.toLowerCase()) ?? m));
}

function mapInput(input: CopySnapshotInput, map: (t: string) => string): CopySnapshotInput {
  return JSON.parse(JSON.stringify(input), (_k, v: unknown) => (typeof v === 'string' ? map(v) : v)) as CopySnapshotInput;
}

function mapBody(body: string | Uint8Array, map: (t: string) => string): string | Uint8Array {
  if (typeof body === 'string') return map(body);
  // bytes that are not UTF-8 (the point of some cases): names are ASCII, so latin1 maps them byte for byte
  return new Uint8Array(Buffer.from(map(Buffer.from(body).toString('latin1')), 'latin1'));
}

/** The case a recorded request step was, with the names of the replaying run. */
function replayCase(line: CassetteExchange, map: (t: string) => string): Case {
  const c: Case = { rule: line.drawnFor ?? line.rule, expect: line.expect ?? [] };
  if (line.request.sdkInput) c.input = mapInput(line.request.sdkInput, map);
  else {
    c.wire = { method: line.request.method, path: line.request.path, body: mapBody(loadBody(line.request.body), map) };
    if (line.request.query !== undefined) c.wire.query = map(line.request.query);
    if (line.request.headers) c.wire.headers = line.request.headers;
  }
  return c;
}

async function replayStep(rec: StepRecorder, line: CassetteExchange, map: (t: string) => string): Promise<void> {
  const name = map(line.request.snapshotName ?? '');
  switch (line.step) {
    case 'copy':
    case 'precreate':
      await rec.copy(line.rule, line.case, line.step, replayCase(line, map));
      return;
    case 'describe':
      await rec.describe(line.rule, line.case, name);
      return;
    case 'delete':
      await rec.remove(line.rule, line.case, name);
      return;
    case 'wait':
      await rec.wait(line.rule, line.case, name);
      return;
    case 'list-tags':
      await rec.listTags(line.rule, line.case, name);
  }
}

/** The case a step belongs to (`rule/i` of `rule/i/step`). */
export const caseOfPath = (path: string): string => path.split('/').slice(0, 2).join('/');

/**
 * Send a cassette's steps to the session's target, in the recorded order, with names mapped to this run's.
 * The race's two copies go out together again. Returns this side's exchanges, keyed like the cassette's.
 */
export async function replaySequence(session: RunSession, cassette: Cassette, onRule?: (ruleId: string, steps: number) => void): Promise<CassetteExchange[]> {
  const { ctx } = session;
  ctx.phase.current = 'rules';
  // a fixture this side was not told of is sent under the recording's name: normalize it as the recording did
  const scope = scopeOf(ctx);
  scope.fixtures = { ...cassette.header.fixtures, ...ctx.fixtures, buckets: { ...cassette.header.fixtures.buckets, ...ctx.fixtures.buckets } };
  const rec = new StepRecorder(ctx, scope);
  const map = nameMapper(cassette.header, ctx);
  const lines = [...cassette.exchanges].sort((a, b) => a.seq - b.seq);
  let currentRule: string | undefined;
  let ruleStart = 0;
  for (let i = 0; i < lines.length; i++) {
    if (ctx.signal.aborted || ctx.control.abort) break;
    const line = lines[i]!;
    if (line.rule !== currentRule) {
      if (currentRule !== undefined) onRule?.(currentRule, rec.exchanges.length - ruleStart);
      currentRule = line.rule;
      ruleStart = rec.exchanges.length;
    }
    try {
      if (line.rule === statefulRules.race && line.step === 'copy') {
        const group = [line];
        while (lines[i + 1]?.rule === line.rule && lines[i + 1]?.step === 'copy' && caseOfPath(lines[i + 1]!.case) === caseOfPath(line.case)) group.push(lines[++i]!);
        await Promise.all(group.map((l) => replayStep(rec, l, map)));
      } else await replayStep(rec, line, map);
    } catch (error) {
      if (error instanceof RunInterrupted) break;
      if (!(error instanceof CreateBudgetExhausted)) throw error;
      // the budget is spent: the rest of this rule's creating steps are not sent
      while (lines[i + 1]?.rule === line.rule) i++;
    }
  }
  if (currentRule !== undefined) onRule?.(currentRule, rec.exchanges.length - ruleStart);
  return rec.exchanges;
}
