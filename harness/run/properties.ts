// One fast-check property per rule, by the rule's check style (harness/checks/registry.ts).
import fc from 'fast-check';
import { ruleById, type ContractRule as Rule, type RuleId } from '../../specs/rules.js';
import { answerChecks, type AnswerRuleId } from '../checks/registry.js';
import { expectedSetMismatch } from '../checks/outcome.js';
import { acceptedIsListed, refusedChangesNothing, returnsTheCopy, tagsOnCopy } from '../checks/post-state.js';
import { describeSnapshot, listTags } from './endpoint-ops.js';
import { withOwnershipTag, type Case, type RunContext } from './context.js';
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
  /** a ready property for a stateful rule, given the run context */
  stateful(ruleId: RuleId, ctx: RunContext): fc.IAsyncProperty<never> | fc.IAsyncProperty<unknown[]> | undefined;
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
function answerProperty(ctx: RunContext, rule: Rule, cases: fc.Arbitrary<Case>): Prop {
  const check = answerChecks[rule.id as AnswerRuleId];
  return fc.asyncProperty(cases, async (c) => {
    const ex = await sendCase(ctx, c);
    if (!check.applies(ex)) return; // e.g. error-shape says nothing of a success
    judged(ctx);
    const why = await check.check(ex);
    if (why) throw new Violation(rule.id, why, c, ex);
  });
}

function postStateProperty(ctx: RunContext, rule: Rule, source: CaseSource): Prop {
  const client = ctx.target.sdkClient();
  const sourceName = ctx.fixtures.sourceSnapshot;
  if (rule.id === 'post-state.refused-changes-nothing')
    return fc.asyncProperty(source.invalid(), async (generated) => {
      const c = withFreshTarget(ctx, generated);
      const target = c.input?.TargetSnapshotName ?? '';
      const [targetBefore, sourceBefore] = await Promise.all([
        describeSnapshot(client, target || ' '),
        sourceName ? describeSnapshot(client, sourceName) : undefined,
      ]);
      const ex = await sendCase(ctx, c, { keepName: true });
      if (ex.parsed?.kind !== 'error') return; // accepted or broken answers are other rules' business
      const [targetAfter, sourceAfter] = await Promise.all([
        describeSnapshot(client, target || ' '),
        sourceName ? describeSnapshot(client, sourceName) : undefined,
      ]);
      const why = refusedChangesNothing(targetBefore, targetAfter, sourceBefore, sourceAfter);
      judged(ctx);
      if (why) throw new Violation(rule.id, why, c, ex);
    });
  return fc.asyncProperty(source.valid(), async (c) => {
    const ex = await sendCase(ctx, c);
    if (ex.parsed?.kind !== 'success') return; // refusals of valid requests are the request rules' business
    const input = ex.request.sdkInput ?? c.input ?? {};
    if (input.TargetBucket) return; // an export lands in S3, not among the snapshots
    let why: string | undefined;
    if (rule.id === 'post-state.returns-the-copy') why = returnsTheCopy(ex, input, ctx.source.snapshot);
    else if (rule.id === 'post-state.accepted-is-listed') why = acceptedIsListed(await describeSnapshot(client, input.TargetSnapshotName ?? ''));
    else if (rule.id === 'post-state.tags-on-copy') {
      const keys = (input.Tags ?? []).map((t) => t.Key);
      if (new Set(keys).size !== keys.length) return; // duplicate keys: the contract leaves the result open
      const arn = ex.parsed.snapshot?.ARN;
      if (!arn) why = 'the copy has no ARN to list its tags by';
      else {
        const tags = await listTags(client, arn);
        why = 'problem' in tags ? tags.problem : tagsOnCopy(input.Tags, ctx.source.tags ?? [], tags);
      }
    }
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

/** The property that exercises `ruleId`, or undefined when no generator covers it. */
export function propertyFor(ctx: RunContext, ruleId: RuleId, source: CaseSource): Prop | undefined {
  const rule = ruleById(ruleId);
  switch (true) {
    case ruleId in answerChecks:
      // with a finite create budget, cases that may create are the planned rules' business
      return answerProperty(ctx, rule, Number.isFinite(ctx.budget.remaining) ? source.invalid() : source.any());
    case ruleId.startsWith('post-state.') && ruleId !== 'post-state.model-sequence':
      return postStateProperty(ctx, rule, source);
    case ruleId === 'quota.snapshot-quota':
      return quotaProperty(ctx, rule);
    case rule.kind === 'stateful':
      return source.stateful(ruleId, ctx);
    default: {
      const cases = source.forRule(ruleId);
      return cases && expectedSetProperty(ctx, rule, cases);
    }
  }
}
