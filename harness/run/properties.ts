// One fast-check property per rule, by how its registry entry judges it (harness/checks/index.ts).
import fc from 'fast-check';
import { ruleById, type ContractRule as Rule, type RuleId } from '../../specs/rules.js';
import { entryOf, notJudged, type AcceptedCheck, type AnswerCheck, type PostStateView, type RefusedCheck } from '../checks/index.js';
import { expectedSetMismatch } from '../checks/outcome.js';
import { describeSnapshot, listTags } from './endpoint-ops.js';
import { withOwnershipTag, type Case, type RunContext } from './context.js';
import { createRunDriver } from './driver.js';
import { isProtocolAnswer, judged, sendCase, withFreshTarget } from './send.js';
import { quotaFull } from './quota-full.js';
import { Violation } from './violation.js';

/** The case arbitraries the runner draws from (harness/run/cases.ts builds them from generators/). */
export interface CaseSource {
  /** cases of one request rule */
  forRule(ruleId: RuleId): fc.Arbitrary<Case> | undefined;
  /** SDK-sendable requests a conforming endpoint accepts (fresh, owned target names) */
  valid(): fc.Arbitrary<Case>;
  /** SDK-sendable requests a conforming endpoint refuses */
  invalid(): fc.Arbitrary<Case>;
  /** everything: valid, invalid and raw-wire */
  any(): fc.Arbitrary<Case>;
}

type Prop = fc.IAsyncPropertyWithHooks<[Case]> | fc.IAsyncProperty<never> | fc.IAsyncProperty<unknown[]>;

/**
 * Make what a case needs to exist first (uniqueness rules); a protocol refusal there is a failure of its own.
 * False when the answer was no protocol answer at all: the case cannot be judged.
 */
async function precreate(ctx: RunContext, rule: Rule, c: Case): Promise<boolean> {
  if (!c.precreate) return true;
  const setup: Case = { rule: rule.id, input: withOwnershipTag(ctx, c.precreate), expect: [{ status: 200 }] };
  const ex = await sendCase(ctx, setup, { keepName: true });
  if (!isProtocolAnswer(ex)) return false;
  const full = quotaFull(ctx, rule.id, ex, true);
  if (full) throw full;
  judged(ctx);
  if (ex.parsed?.kind !== 'success') throw new Violation(rule.id, `the valid copy this case needs first was not accepted: ${expectedSetMismatch(ex, setup.expect, setup.input) ?? 'no success'}`, setup, ex);
  return true;
}

/** request rules: every answer is in the rule's expected set (re-derived per case by the oracle). */
function expectedSetProperty(ctx: RunContext, rule: Rule, cases: fc.Arbitrary<Case>): Prop {
  return fc.asyncProperty(cases, async (generated) => {
    const c = withFreshTarget(ctx, generated);
    if (!(await precreate(ctx, rule, c))) return;
    const ex = await sendCase(ctx, c, { keepName: true });
    const full = quotaFull(ctx, rule.id, ex, c.expect.some((o) => o.status === 200));
    if (full) throw full;
    const why = expectedSetMismatch(ex, c.expect, c.input);
    judged(ctx); // any answer, or none in time, is judged against the expected set
    if (why) throw new Violation(rule.id, why, c, ex);
  });
}

/** invariants on any answer. */
function answerProperty(ctx: RunContext, rule: Rule, check: AnswerCheck, cases: fc.Arbitrary<Case>): Prop {
  return fc.asyncProperty(cases, async (c) => {
    const ex = await sendCase(ctx, c);
    if (!check.applies(ex)) return; // e.g. error-shape says nothing of a success
    judged(ctx);
    const why = await check.check(ex);
    if (why) throw new Violation(rule.id, why, c, ex);
  });
}

/** A refused invalid copy: the target and the source are read before and after it. */
function refusedCopyProperty(ctx: RunContext, rule: Rule, check: RefusedCheck, cases: fc.Arbitrary<Case>): Prop {
  const client = ctx.target;
  const sourceName = ctx.fixtures.sourceSnapshot;
  const read = async (target: string) => {
    const [t, s] = await Promise.all([describeSnapshot(client, target || ' '), sourceName ? describeSnapshot(client, sourceName) : undefined]);
    return s ? { target: t, source: s } : { target: t };
  };
  return fc.asyncProperty(cases, async (generated) => {
    const c = withFreshTarget(ctx, generated);
    const target = c.input?.TargetSnapshotName ?? '';
    const before = await read(target);
    const ex = await sendCase(ctx, c, { keepName: true });
    if (ex.parsed?.kind !== 'error') return; // accepted or broken answers are other rules' business
    const why = check(before, await read(target));
    judged(ctx);
    if (why) throw new Violation(rule.id, why, c, ex);
  });
}

/** An accepted valid copy: judged by what the endpoint shows afterwards. */
function acceptedCopyProperty(ctx: RunContext, rule: Rule, check: AcceptedCheck, cases: fc.Arbitrary<Case>): Prop {
  const client = ctx.target;
  const view: PostStateView = { describe: (name) => describeSnapshot(client, name), listTags: (arn) => listTags(client, arn), source: ctx.source };
  return fc.asyncProperty(cases, async (c) => {
    const ex = await sendCase(ctx, c);
    if (ex.parsed?.kind !== 'success') return; // refusals of valid requests are the request rules' business
    const input = ex.request.sdkInput ?? c.input ?? {};
    if (input.TargetBucket) return; // an export lands in S3, not among the snapshots
    const why = await check(view, ex, input);
    if (why === notJudged) return;
    judged(ctx);
    if (why) throw new Violation(rule.id, why, c, ex);
  });
}

/**
 * quota.snapshot-quota: copy fresh names until refused; the refusal must come within quota + 1 copies
 * and be SnapshotQuotaExceededFault. One case: it is a procedure, not a sample.
 */
function quotaProperty(ctx: RunContext, rule: Rule): Prop {
  const quota = ctx.fixtures.snapshotQuota ?? 0;
  const source = ctx.fixtures.sourceSnapshot ?? '';
  return fc.asyncProperty(fc.constant(null), async () => {
    for (let i = 0; i <= quota; i++) {
      const c: Case = { rule: rule.id, input: withOwnershipTag(ctx, { SourceSnapshotName: source, TargetSnapshotName: `${ctx.namePrefix}quota-${i}` }), expect: [{ status: 200 }, ...rule.expect] };
      const ex = await sendCase(ctx, c);
      if (ex.parsed?.kind === 'success') continue;
      judged(ctx);
      const why = expectedSetMismatch(ex, rule.expect, c.input);
      if (why) throw new Violation(rule.id, `copy ${i + 1} toward the quota of ${quota} was refused wrongly: ${why}`, { ...c, expect: rule.expect }, ex);
      return;
    }
    judged(ctx);
    const last: Case = { rule: rule.id, input: { SourceSnapshotName: source, TargetSnapshotName: `${ctx.namePrefix}quota-${quota}` }, expect: rule.expect };
    throw new Violation(rule.id, `${quota + 1} copies were accepted although the declared quota is ${quota}`, last, { request: { method: 'POST', path: '/', body: '' } });
  });
}

/** The property that exercises `ruleId`, as its registry entry says; undefined when no generator covers it. */
export function propertyFor(ctx: RunContext, ruleId: RuleId, source: CaseSource): Prop | undefined {
  const rule = ruleById(ruleId);
  const judge = entryOf(ruleId).judge;
  switch (judge.kind) {
    case 'answer':
      // with a finite create budget, cases that may create are the planned rules' business
      return answerProperty(ctx, rule, judge.check, Number.isFinite(ctx.budget.remaining) ? source.invalid() : source.any());
    case 'accepted-copy':
      return acceptedCopyProperty(ctx, rule, judge.check, source.valid());
    case 'refused-copy':
      return refusedCopyProperty(ctx, rule, judge.check, source.invalid());
    case 'fill-quota':
      return quotaProperty(ctx, rule);
    case 'stateful':
      return judge.property(createRunDriver(ctx, ruleId), { fixtures: ctx.fixtures, prefix: ctx.namePrefix });
    case 'expected-set': {
      const cases = source.forRule(ruleId);
      return cases && expectedSetProperty(ctx, rule, cases);
    }
  }
}
