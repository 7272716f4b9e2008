// Request arbitraries: valid requests; for each request rule, cases that break exactly that rule;
// multi-fault and raw-wire requests. Every case's `expect` is computed by the oracle from its final
// (possibly shrunk) input, so a shrunk case can never turn into a false alarm.
import fc from 'fast-check';
import { contract } from '../specs/contract.js';
import { limits } from '../specs/limits.js';
import { ruleById, ruleList, type RuleId, type RuleIdOfKind } from '../specs/rules.js';
import type { BucketCondition, CopySnapshotInput, FixtureNeed, Fixtures, Tag } from '../specs/types.js';
import { copyState, expectedOutcome, isDnsCompliantBucket, openRules, stateFromFixtures, type EndpointState } from './oracle.js';
import { taggedName, tagTargets } from './target-names.js';
import type { Case, CaseLabel } from './types.js';
import {
  alphabets,
  asciiName,
  caseVariant,
  dnsBucketName,
  kmsKeyId,
  nameAtBoundary,
  nameSuffix,
  nonDnsBucketName,
  reservedTagKey,
  reservedPrefix,
  charsFrom,
  stringOfLength,
  tag,
  tagsWithDuplicateKey,
  tagsWithReservedKeys,
  tooLongTagKey,
  tooLongTagValue,
  tooManyTags,
  validTagKey,
  validTagList,
  validTags,
  validTagValue,
  whitespaceName,
  word,
} from './values/index.js';
import { flatWireRequest, isWireRuleId, wireCases, type WireRuleId, type WireRequest } from './wire.js';

export interface GeneratorContext {
  fixtures: Fixtures;
  /** every target name a case may create starts with this (the run's ownership prefix) */
  prefix: string;
  /** what the endpoint holds; default: just the fixtures (stateFromFixtures) */
  state?: EndpointState;
}

/** Fixtures alone, or a full context. Fixtures alone get `defaultPrefix`. */
export type GeneratorInput = GeneratorContext | Fixtures;

export const defaultPrefix = 'csc-gen-';

export function contextOf(input: GeneratorInput, state?: EndpointState): GeneratorContext {
  const ctx: GeneratorContext = 'fixtures' in input && 'prefix' in input ? { ...input } : { fixtures: input as Fixtures, prefix: defaultPrefix };
  if (state) ctx.state = state;
  return ctx;
}

/** The oracle's state for a context: the given state, or the fixtures. */
export function stateOf(ctx: GeneratorContext): EndpointState {
  return ctx.state ? copyState(ctx.state) : stateFromFixtures(ctx.fixtures);
}

/** A case for `rule` whose expectation the oracle derives from its input (after what it precreates). */
export function caseOf(rule: CaseLabel, ctx: GeneratorContext, input: CopySnapshotInput, precreate?: CopySnapshotInput): Case {
  const state = stateOf(ctx);
  if (precreate?.TargetSnapshotName) state.snapshots.set(precreate.TargetSnapshotName.toLowerCase(), 'available');
  const c: Case = { rule, input, expect: expectedOutcome(contract, state, input).outcomes };
  if (precreate) c.precreate = precreate;
  return c;
}

/** Whether the fixtures provide what `need` names (specs/types.ts FixtureNeed). */
export function fixtureGiven(need: FixtureNeed, f: Fixtures): boolean {
  if (need === 'source-snapshot') return !!f.sourceSnapshot;
  if (need === 'pending-snapshot') return !!f.pendingSnapshot;
  if (need === 'export-bucket') return !!f.exportBucket;
  if (need === 'snapshot-quota') return f.snapshotQuota !== undefined;
  if (need === 'list-tags') return true;
  const condition = need.slice('bucket:'.length) as BucketCondition;
  return !!f.buckets?.[condition] && (condition !== 'object-exists' || !!f.existingExportTarget);
}

// ── names ──────────────────────────────────────────────────────────────────────────────────────

/** A fresh target name under the run prefix (ASCII, Unicode, astral, upper case, boundary lengths). */
export const freshTarget = (ctx: GeneratorContext): fc.Arbitrary<string> =>
  fc.oneof({ weight: 9, arbitrary: nameSuffix().map((s) => `${ctx.prefix}${s}`) }, { weight: 1, arbitrary: nameAtBoundary(ctx.prefix) });

/** A short lowercase fresh name: for cases whose point is elsewhere (and exports: ≤ 1,000). */
const plainFresh = (ctx: GeneratorContext) => word(alphabets.lower, alphabets.lower + alphabets.digits, 2, 12).map((s) => `${ctx.prefix}${s}`);

/** A DNS-compliant bucket name no fixture declares: it does not exist. */
const undeclaredBucket = (ctx: GeneratorContext) => {
  const declared = new Set([ctx.fixtures.exportBucket, ...Object.values(ctx.fixtures.buckets ?? {})]);
  return dnsBucketName()
    .map((b) => `csc-missing-${b}`.slice(0, 63).replace(/[-.]+$/, '0'))
    .filter((b) => isDnsCompliantBucket(b) && !declared.has(b));
};

const plainCopy = (ctx: GeneratorContext, target: string): CopySnapshotInput => ({ SourceSnapshotName: ctx.fixtures.sourceSnapshot ?? '', TargetSnapshotName: target });

/**
 * Give each input's target a name never given before: `<prefix><n>-<rest>`. Samples (and shrinking,
 * which replays values) would otherwise send one name twice and collide for a reason the case is not about.
 */
export function uniqueTargetNamer(prefix: string): (input: CopySnapshotInput) => CopySnapshotInput {
  let n = 0;
  return (input) => {
    const name = input.TargetSnapshotName;
    if (name === undefined) return input;
    const tag = String(n++);
    return { ...input, TargetSnapshotName: name.startsWith(prefix) ? taggedName(name, prefix, tag) : name };
  };
}

/** The same for cases: a case and the copy it makes first share one number, so a case variant still collides. */
export function uniqueCaseNamer(prefix: string): (c: Case) => Case {
  let n = 0;
  return (c) => tagTargets(c, prefix, String(n++));
}

// ── valid requests ─────────────────────────────────────────────────────────────────────────────

/** Optional members a valid plain copy may carry: tags (0, 1, 49, 50 weighted), a KMS key, `TargetBucket=`. */
const plainExtras = (): fc.Arbitrary<Partial<CopySnapshotInput>> =>
  fc.record({ Tags: validTagList(), KmsKeyId: kmsKeyId(), TargetBucket: fc.constant('') }, { requiredKeys: [] });

/** Whether any copy is valid here: a source fixture, and room under the quota or a bucket to export to. */
export function canMakeValidCopy(fixtures: GeneratorInput, state?: EndpointState): boolean {
  const ctx = contextOf(fixtures, state);
  const q = stateOf(ctx).quota;
  return !!ctx.fixtures.sourceSnapshot && (!q || q.used < q.limit || !!ctx.fixtures.exportBucket);
}

/**
 * A copy the oracle judges valid in the context's state: the source fixture onto a fresh name
 * (plain copy with optional members, or an export to the usable bucket). Targets start with the
 * prefix; make them unique across samples with `uniqueTargetNamer` or the harness's renaming.
 * Where no copy can be valid (`canMakeValidCopy` false: no source, or a full quota and no bucket) it
 * still yields the nearest plain copies, so a mix of requests can be built regardless; judge those by
 * the oracle (`caseOf`), never assume success.
 */
export function validCopyRequest(fixtures: GeneratorInput, state?: EndpointState): fc.Arbitrary<CopySnapshotInput> {
  const ctx = contextOf(fixtures, state);
  const judged = stateOf(ctx);
  const atQuota = judged.quota !== undefined && judged.quota.used >= judged.quota.limit;
  const plain = fc.tuple(freshTarget(ctx), plainExtras()).map(([target, extras]) => ({ ...plainCopy(ctx, target), ...extras }));
  const exportTo = ctx.fixtures.exportBucket;
  const exported = exportTo
    ? fc.tuple(plainFresh(ctx), fc.option(validTagList(), { nil: undefined })).map(([t, tags]) => ({ ...plainCopy(ctx, t), TargetBucket: exportTo, ...(tags ? { Tags: tags } : {}) }))
    : undefined;
  const arb = exported ? (atQuota ? exported : fc.oneof({ weight: 9, arbitrary: plain }, { weight: 1, arbitrary: exported })) : plain;
  // a state may already hold a name of this shape (cases of an earlier run)
  return arb.filter((i) => !judged.snapshots.has(i.TargetSnapshotName!.toLowerCase()));
}

// ── one arbitrary per request rule ──────────────────────────────────────────────────────────────

type CaseArb = fc.Arbitrary<Case>;
type RuleBuilder = (ctx: GeneratorContext) => CaseArb | undefined;

/** Insert `extra` among `tags` at a position that shrinks toward the front. */
const withTagAt = (tags: Tag[], extra: Tag, at: number): Tag[] => [...tags.slice(0, Math.min(at, tags.length)), extra, ...tags.slice(Math.min(at, tags.length))];

/** Cases of `rule`: a plain copy of the source onto a fresh name, changed by `change`. */
function plainCase<T>(rule: RuleId, ctx: GeneratorContext, arb: fc.Arbitrary<T>, change: (input: CopySnapshotInput, value: T) => CopySnapshotInput, target = freshTarget(ctx)): CaseArb {
  return fc.tuple(target, arb).map(([t, v]) => caseOf(rule, ctx, change(plainCopy(ctx, t), v)));
}

/** Cases of an S3 export failure rule: the bucket its fixture declares for that condition (`export.no-write` → `no-write`). */
function exportConditionCase(rule: `export.${BucketCondition}`): RuleBuilder {
  const condition = rule.slice('export.'.length) as BucketCondition;
  return (ctx) => {
    const f = ctx.fixtures;
    if (condition === 'does-not-exist') {
      const bucket = f.buckets?.['does-not-exist'];
      return plainCase(rule, ctx, bucket ? fc.constant(bucket) : undeclaredBucket(ctx), (i, b) => ({ ...i, TargetBucket: b }), plainFresh(ctx));
    }
    const bucket = f.buckets?.[condition];
    if (!bucket) return undefined;
    if (condition === 'object-exists') return fc.constant(caseOf(rule, ctx, { ...plainCopy(ctx, f.existingExportTarget!), TargetBucket: bucket }));
    return plainCase(rule, ctx, fc.constant(bucket), (i, b) => ({ ...i, TargetBucket: b }), plainFresh(ctx));
  };
}

/** The request rules whose cases are SDK inputs (the raw-wire ones are generators/wire.ts's). */
export type SdkRequestRuleId = Exclude<RuleIdOfKind<'request'>, WireRuleId>;

/**
 * Each SDK request rule's cases, keyed by every such rule: a rule without a builder is a compile error.
 * A builder returns undefined where the fixtures cannot make the case.
 */
const ruleBuilders: Record<SdkRequestRuleId, RuleBuilder> = {
  // names
  'names.source-required': (ctx) => freshTarget(ctx).map((t) => caseOf('names.source-required', ctx, { TargetSnapshotName: t })),
  'names.target-required': (ctx) => fc.constant(caseOf('names.target-required', ctx, { SourceSnapshotName: ctx.fixtures.sourceSnapshot! })),
  'names.source-blank': (ctx) => freshTarget(ctx).map((t) => caseOf('names.source-blank', ctx, { SourceSnapshotName: '', TargetSnapshotName: t })),
  'names.target-blank': (ctx) => fc.constant(caseOf('names.target-blank', ctx, plainCopy(ctx, ''))),
  // trailing spaces only: a name of only spaces would not carry the run's prefix, and may be created
  'names.whitespace': (ctx) => whitespaceName(ctx.prefix).map((t) => caseOf('names.whitespace', ctx, plainCopy(ctx, t))),
  'names.source-not-found': (ctx) =>
    fc.tuple(freshTarget(ctx), asciiName()).map(([t, s]) => caseOf('names.source-not-found', ctx, { SourceSnapshotName: `${ctx.prefix}missing-${s}`, TargetSnapshotName: t })),
  'names.any-target-name': (ctx) => freshTarget(ctx).map((t) => caseOf('names.any-target-name', ctx, plainCopy(ctx, t))),
  // uniqueness: the case names a valid copy to make first
  'uniqueness.target-exists': (ctx) => plainFresh(ctx).map((t) => caseOf('uniqueness.target-exists', ctx, plainCopy(ctx, t), plainCopy(ctx, t))),
  'uniqueness.case-insensitive': (ctx) =>
    plainFresh(ctx).chain((t) => caseVariant(t, [...ctx.prefix].length).map((variant) => caseOf('uniqueness.case-insensitive', ctx, plainCopy(ctx, variant), plainCopy(ctx, t)))),
  'uniqueness.target-equals-source': (ctx) => {
    const source = ctx.fixtures.sourceSnapshot!;
    return fc.oneof(fc.constant(source), caseVariant(source)).map((t) => caseOf('uniqueness.target-equals-source', ctx, plainCopy(ctx, t)));
  },
  // state
  'state.source-not-available': (ctx) =>
    freshTarget(ctx).map((t) => caseOf('state.source-not-available', ctx, { SourceSnapshotName: ctx.fixtures.pendingSnapshot!, TargetSnapshotName: t })),
  // tags
  'tags.max-50': (ctx) => plainCase('tags.max-50', ctx, tooManyTags(), (i, Tags) => ({ ...i, Tags })),
  'tags.up-to-50-accepted': (ctx) =>
    plainCase('tags.up-to-50-accepted', ctx, fc.oneof(fc.constant<Tag[]>([]), validTags(1), validTags(limits.maxTagsPerResource - 1), validTags(limits.maxTagsPerResource)), (i, Tags) => ({ ...i, Tags })),
  'tags.value-optional': (ctx) =>
    plainCase('tags.value-optional', ctx, fc.tuple(validTags(3), fc.constantFrom<'missing' | 'empty'>('missing', 'empty'), fc.nat(2)), (i, [tags, how, at]) => ({
      ...i,
      Tags: tags.map((t, j) => (j === at ? tag(t.Key, how === 'missing' ? undefined : '') : t)),
    })),
  // not `{}`: a tag with neither Key nor Value is not sent at all (the SDK skips both members)
  'tags.key-required': (ctx) =>
    plainCase('tags.key-required', ctx, fc.tuple(validTags(2), fc.constantFrom<Tag>({ Value: 'v' }, { Key: '', Value: 'v' }, { Key: '' }), fc.nat(2)), (i, [tags, bad, at]) => ({
      ...i,
      Tags: withTagAt(tags, bad, at),
    })),
  'tags.key-max-128': (ctx) =>
    plainCase('tags.key-max-128', ctx, fc.tuple(validTags(1), tooLongTagKey(), validTagValue(), fc.nat(1)), (i, [tags, key, value, at]) => ({ ...i, Tags: withTagAt(tags, tag(key, value), at) })),
  'tags.value-max-256': (ctx) => plainCase('tags.value-max-256', ctx, fc.tuple(validTagKey(), tooLongTagValue()), (i, [key, value]) => ({ ...i, Tags: [tag(key, value)] })),
  'tags.key-reserved-prefix': (ctx) =>
    plainCase('tags.key-reserved-prefix', ctx, fc.oneof(reservedTagKey().map((k) => [tag(k, 'v')]), tagsWithReservedKeys()), (i, Tags) => ({ ...i, Tags })),
  'tags.value-reserved-prefix': (ctx) =>
    plainCase('tags.value-reserved-prefix', ctx, fc.tuple(validTagKey(), reservedPrefix(), charsFrom(alphabets.lower, 0, 10)), (i, [key, p, rest]) => ({ ...i, Tags: [tag(key, p + rest)] })),
  'tags.duplicate-keys': (ctx) => plainCase('tags.duplicate-keys', ctx, tagsWithDuplicateKey(), (i, Tags) => ({ ...i, Tags })),
  // export
  'export.empty-bucket-is-plain-copy': (ctx) => plainCase('export.empty-bucket-is-plain-copy', ctx, fc.constant(''), (i, TargetBucket) => ({ ...i, TargetBucket })),
  'export.kms-with-bucket': (ctx) => {
    const bucket = ctx.fixtures.exportBucket;
    if (!bucket) return undefined; // another bucket would add its own fault
    return plainCase('export.kms-with-bucket', ctx, kmsKeyId(), (i, KmsKeyId) => ({ ...i, TargetBucket: bucket, KmsKeyId }), plainFresh(ctx));
  },
  'export.target-name-max-1000': (ctx) => {
    const bucket = ctx.fixtures.exportBucket;
    if (!bucket) return undefined;
    const over = limits.maxExportTargetNameLength + 1 - [...ctx.prefix].length;
    const name = fc.oneof({ weight: 3, arbitrary: stringOfLength(over) }, { weight: 1, arbitrary: fc.integer({ min: over + 1, max: over + 40 }).chain(stringOfLength) });
    return plainCase('export.target-name-max-1000', ctx, name, (i, s) => ({ ...i, TargetSnapshotName: `${ctx.prefix}${s}`, TargetBucket: bucket }));
  },
  'export.bucket-name-not-dns': (ctx) => plainCase('export.bucket-name-not-dns', ctx, nonDnsBucketName(), (i, TargetBucket) => ({ ...i, TargetBucket }), plainFresh(ctx)),
  'export.outside-region': exportConditionCase('export.outside-region'),
  'export.does-not-exist': exportConditionCase('export.does-not-exist'),
  'export.not-owned': exportConditionCase('export.not-owned'),
  'export.caller-denied': exportConditionCase('export.caller-denied'),
  'export.object-exists': exportConditionCase('export.object-exists'),
  'export.no-read': exportConditionCase('export.no-read'),
  'export.no-write': exportConditionCase('export.no-write'),
  'export.no-read-acp': exportConditionCase('export.no-read-acp'),
  'export.accepted': (ctx) => {
    const bucket = ctx.fixtures.exportBucket;
    return bucket ? plainCase('export.accepted', ctx, fc.constant(bucket), (i, TargetBucket) => ({ ...i, TargetBucket }), plainFresh(ctx)) : undefined;
  },
  // quota: only where the state says the quota is reached (the harness fills it as a procedure)
  'quota.snapshot-quota': (ctx) => {
    const quota = stateOf(ctx).quota;
    return quota && quota.used >= quota.limit ? freshTarget(ctx).map((t) => caseOf('quota.snapshot-quota', ctx, plainCopy(ctx, t))) : undefined;
  },
};

/** Every fixture a rule's cases need: its contract entry's `needs` (the planner skips on these). */
export const needsOf = (id: RuleId): readonly FixtureNeed[] => ruleById(id).needs;

/** Request rules the generators cannot cover at all, with the reason (none today). */
export const uncoverableRequestRules: Readonly<Partial<Record<RuleId, string>>> = {};

/** Why `id` has no arbitrary for these fixtures/state, or undefined when it has one. */
export function notGeneratedBecause(id: RuleId, input: GeneratorInput, state?: EndpointState): string | undefined {
  if (uncoverableRequestRules[id]) return uncoverableRequestRules[id];
  const ctx = contextOf(input, state);
  const missing = needsOf(id).filter((need) => !fixtureGiven(need, ctx.fixtures));
  if (missing.length > 0) return `needs fixture ${missing.join(', ')}`;
  if (id === 'quota.snapshot-quota') {
    const q = stateOf(ctx).quota;
    if (!q || q.used < q.limit) return 'needs a state at its quota: stateFromFixtures(f, { quotaUsed: f.snapshotQuota }); runs otherwise; the harness fills the quota as a procedure';
  }
  if (!(id in ruleBuilders) && !isWireRuleId(id)) return 'no arbitrary';
  return undefined;
}

/**
 * For each request rule the fixtures (and state) allow, the arbitrary of its cases — rule ID → cases.
 * Every `kind: 'request'` rule of specs/rules.ts is here when its fixtures are given.
 */
export function ruleArbitraries(input: GeneratorInput, state?: EndpointState): Partial<Record<RuleIdOfKind<'request'>, CaseArb>> {
  const ctx = contextOf(input, state);
  const arbs: Partial<Record<RuleIdOfKind<'request'>, CaseArb>> = {};
  for (const [id, build] of Object.entries(ruleBuilders) as [SdkRequestRuleId, RuleBuilder][]) {
    if (!needsOf(id).every((need) => fixtureGiven(need, ctx.fixtures))) continue;
    const arb = build(ctx);
    if (arb) arbs[id] = arb;
  }
  Object.assign(arbs, wireCases(ctx));
  return arbs;
}

/** The request rules of the contract, and which of them these fixtures (and state) cover. */
export function requestRuleCoverage(input: GeneratorInput, state?: EndpointState): { covered: RuleId[]; notCovered: Partial<Record<RuleId, string>> } {
  const arbs = ruleArbitraries(input, state);
  const covered: RuleId[] = [];
  const notCovered: Partial<Record<RuleId, string>> = {};
  for (const r of ruleList.filter((x) => x.kind === 'request')) {
    if (arbs[r.id]) covered.push(r.id);
    else notCovered[r.id] = notGeneratedBecause(r.id, input, state) ?? 'no arbitrary';
  }
  return { covered, notCovered };
}

/** Rules a conforming endpoint must refuse (success is not in their set), sendable through the SDK. */
export const refusingRequestRules: readonly SdkRequestRuleId[] = ruleList
  .flatMap((r) => (r.kind === 'request' && !isWireRuleId(r.id) ? [r.id] : []))
  .filter((id) => !openRules.has(id) && !ruleById(id).expect.some((o) => o.status === 200));

export interface InvalidOptions {
  /** include the uniqueness cases that need a valid copy made first (`precreate`); default false */
  withPrecreate?: boolean;
}

/**
 * One SDK-sendable request that breaks exactly one refusing rule: `{ rule, input, expect }` with
 * `expect` re-derived by the oracle. Only rules whose fixtures are given appear.
 */
export function invalidCopyRequest(fixtures: GeneratorInput, options: InvalidOptions = {}): CaseArb {
  const arbs = ruleArbitraries(fixtures);
  const usable = refusingRequestRules.filter((id) => arbs[id] && (options.withPrecreate || (id !== 'uniqueness.target-exists' && id !== 'uniqueness.case-insensitive')));
  if (usable.length === 0) throw new Error('invalidCopyRequest: these fixtures allow no invalid case');
  return fc.oneof(...usable.map((id) => arbs[id]!));
}

// ── several faults at once ──────────────────────────────────────────────────────────────────────

type Fault = fc.Arbitrary<(input: CopySnapshotInput) => CopySnapshotInput>;

/** Faults grouped by the member they change: two faults from different groups never cancel out. */
function faultGroups(ctx: GeneratorContext): Fault[][] {
  const set = (change: Partial<CopySnapshotInput>) => (i: CopySnapshotInput) => ({ ...i, ...change });
  const withoutSource = (i: CopySnapshotInput) => {
    const { SourceSnapshotName: _dropped, ...rest } = i;
    return rest;
  };
  const addTag = (t: Tag) => (i: CopySnapshotInput) => ({ ...i, Tags: [...(i.Tags ?? []), t] });
  const bucket = ctx.fixtures.exportBucket;
  return [
    [fc.constant(withoutSource), fc.constant(set({ SourceSnapshotName: '' })), asciiName().map((s) => set({ SourceSnapshotName: `${ctx.prefix}missing-${s}` }))],
    [fc.constant(set({ TargetSnapshotName: '' }))],
    [
      tooManyTags().map((Tags) => set({ Tags })),
      tooLongTagKey().map((k) => addTag(tag(k, 'v'))),
      tooLongTagValue().map((v) => addTag(tag('k', v))),
      reservedTagKey().map((k) => addTag(tag(k, 'v'))),
      fc.constant(addTag({ Value: 'v' })),
    ],
    [nonDnsBucketName().map((b) => set({ TargetBucket: b })), ...(bucket ? [kmsKeyId().map((k) => set({ TargetBucket: bucket, KmsKeyId: k }))] : [])],
  ];
}

/** Requests that break 2–4 refusing rules at once: a conforming endpoint answers with one of their outcomes. */
export function multiFaultCopyRequest(fixtures: GeneratorInput): CaseArb {
  const ctx = contextOf(fixtures);
  const groups = faultGroups(ctx).map((g) => fc.oneof(...g));
  return fc
    .tuple(plainFresh(ctx), fc.subarray(groups.map((_, i) => i), { minLength: 2 }))
    .chain(([t, picked]) => fc.tuple(fc.constant(t), ...picked.map((i) => groups[i]!)))
    .map(([t, ...faults]) => caseOf('multi-fault', ctx, faults.reduce((input, fault) => fault(input), plainCopy(ctx, t))));
}

// ── raw wire ───────────────────────────────────────────────────────────────────────────────────

/** Raw requests the SDK cannot send, one arbitrary per wire.* rule (and an unknown Action), flat. */
export function wireRequest(fixtures: GeneratorInput): fc.Arbitrary<WireRequest> {
  const ctx = contextOf(fixtures);
  return fc.oneof(...Object.values(wireCases(ctx))).map(flatWireRequest);
}
