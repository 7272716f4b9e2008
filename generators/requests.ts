// Request arbitraries: valid requests, and for each request rule a case that breaks exactly that rule.
// Every case's `expect` is computed by the oracle from the final (possibly shrunk) input.
import fc from 'fast-check';
import { contract } from '../specs/contract.js';
import { limits } from '../specs/limits.js';
import type { BucketCondition, CopySnapshotInput, Fixtures, Tag } from '../specs/types.js';
import { expectedOutcome, stateFromFixtures, type EndpointState } from './oracle.js';
import type { Case } from './types.js';
import {
  caseVariant,
  codePointString,
  dnsBucketName,
  kmsKeyId,
  nameSuffix,
  nonDnsBucketName,
  reservedPrefix,
  tag,
  tooLongTagKey,
  tooLongTagValue,
  tooManyTags,
  validTagKey,
  validTagList,
  validTags,
  word,
  charsFrom,
  alphabets,
} from './values.js';
import { wireCases } from './wire.js';

export interface GeneratorContext {
  fixtures: Fixtures;
  /** every target a case may create starts with this (the run's ownership prefix) */
  prefix: string;
}

/** A case for `rule` whose expectation the oracle derives from its input (and what it precreates). */
export function caseOf(rule: string, ctx: GeneratorContext, input: CopySnapshotInput, precreate?: CopySnapshotInput): Case {
  const state = stateFromFixtures(ctx.fixtures);
  if (precreate?.TargetSnapshotName) state.snapshots.set(precreate.TargetSnapshotName.toLowerCase(), 'available');
  const c: Case = { rule, input, expect: expectedOutcome(contract, state, input).outcomes };
  if (precreate) c.precreate = precreate;
  return c;
}

/** The oracle's state for a context (fixtures only). */
export function stateOf(ctx: GeneratorContext): EndpointState {
  return stateFromFixtures(ctx.fixtures);
}

/** A fresh target name under the run prefix. */
export const freshTarget = (ctx: GeneratorContext): fc.Arbitrary<string> => nameSuffix().map((s) => `${ctx.prefix}${s}`);
const plainFresh = (ctx: GeneratorContext) => word(alphabets.lower, alphabets.lower + alphabets.digits, 2, 12).map((s) => `${ctx.prefix}${s}`);

/** Optional members a valid plain copy may carry. */
const plainExtras = (): fc.Arbitrary<Partial<CopySnapshotInput>> =>
  fc.record({ Tags: validTagList(), KmsKeyId: kmsKeyId(), TargetBucket: fc.constant('') }, { requiredKeys: [] });

/** A plain copy the oracle judges valid: the source fixture onto a fresh name. */
export function validCopyRequest(ctx: GeneratorContext): fc.Arbitrary<CopySnapshotInput> {
  const source = ctx.fixtures.sourceSnapshot ?? '';
  return fc.tuple(freshTarget(ctx), plainExtras()).map(([target, extras]) => ({ SourceSnapshotName: source, TargetSnapshotName: target, ...extras }));
}

type CaseArb = fc.Arbitrary<Case>;
const base = (ctx: GeneratorContext, target: string): CopySnapshotInput => ({ SourceSnapshotName: ctx.fixtures.sourceSnapshot ?? '', TargetSnapshotName: target });

/** Insert `extra` among `tags` at a position that shrinks toward the front. */
const withTagAt = (tags: Tag[], extra: Tag, at: number): Tag[] => [...tags.slice(0, at), extra, ...tags.slice(at)];

function exportCase(ctx: GeneratorContext, condition: BucketCondition): CaseArb {
  const rule = `export.${condition}`;
  if (condition === 'does-not-exist') {
    const bucket = ctx.fixtures.buckets?.['does-not-exist'];
    const buckets = bucket ? fc.constant(bucket) : dnsBucketName().map((b) => `${ctx.prefix}nb-${b}`.slice(0, 63).replace(/-+$/, 'x'));
    return fc.tuple(plainFresh(ctx), buckets).map(([t, b]) => caseOf(rule, ctx, { ...base(ctx, t), TargetBucket: b }));
  }
  const bucket = ctx.fixtures.buckets?.[condition] ?? '';
  if (condition === 'object-exists')
    return fc.constant(caseOf(rule, ctx, { ...base(ctx, ctx.fixtures.existingExportTarget ?? ''), TargetBucket: bucket }));
  return plainFresh(ctx).map((t) => caseOf(rule, ctx, { ...base(ctx, t), TargetBucket: bucket }));
}

/** For each request rule, the arbitrary of cases that exercise it. */
export function ruleArbitraries(ctx: GeneratorContext): Record<string, CaseArb> {
  const f = ctx.fixtures;
  const fresh = freshTarget(ctx);
  const valid = (rule: string, arb: fc.Arbitrary<CopySnapshotInput>) => arb.map((input) => caseOf(rule, ctx, input));
  const arbs: Record<string, CaseArb> = {
    'names.source-required': fresh.map((t) => caseOf('names.source-required', ctx, { TargetSnapshotName: t })),
    'names.target-required': fc.constant(caseOf('names.target-required', ctx, { SourceSnapshotName: f.sourceSnapshot ?? '' })),
    'names.source-blank': fresh.map((t) => caseOf('names.source-blank', ctx, { SourceSnapshotName: '', TargetSnapshotName: t })),
    'names.target-blank': fc.constant(caseOf('names.target-blank', ctx, { SourceSnapshotName: f.sourceSnapshot ?? '', TargetSnapshotName: '' })),
    // only trailing and inner spaces: a leading space would take the name outside the run's prefix
    'names.whitespace': fc.tuple(plainFresh(ctx), fc.integer({ min: 1, max: 3 })).map(([t, n]) => caseOf('names.whitespace', ctx, base(ctx, `${t}${' '.repeat(n)}`))),
    'names.source-not-found': fc.tuple(fresh, word(alphabets.lower, alphabets.lower + alphabets.digits + '-', 0, 20)).map(([t, s]) =>
      caseOf('names.source-not-found', ctx, { SourceSnapshotName: `${ctx.prefix}missing-${s}`, TargetSnapshotName: t }),
    ),
    'names.any-target-name': valid('names.any-target-name', fresh.map((t) => base(ctx, t))),
    'uniqueness.target-exists': plainFresh(ctx).map((t) => caseOf('uniqueness.target-exists', ctx, base(ctx, t), base(ctx, t))),
    'uniqueness.case-insensitive': plainFresh(ctx).chain((t) =>
      caseVariant(t, ctx.prefix.length).map((variant) => caseOf('uniqueness.case-insensitive', ctx, base(ctx, variant), base(ctx, t))),
    ),
    'uniqueness.target-equals-source': fc
      .oneof(fc.constant(f.sourceSnapshot ?? ''), caseVariant(f.sourceSnapshot ?? ''))
      .map((t) => caseOf('uniqueness.target-equals-source', ctx, base(ctx, t))),
    'state.source-not-available': fresh.map((t) => caseOf('state.source-not-available', ctx, { SourceSnapshotName: f.pendingSnapshot ?? '', TargetSnapshotName: t })),
    'tags.max-50': fc.tuple(fresh, tooManyTags()).map(([t, tags]) => caseOf('tags.max-50', ctx, { ...base(ctx, t), Tags: tags })),
    'tags.up-to-50-accepted': fc
      .tuple(fresh, fc.oneof(fc.constant<Tag[]>([]), validTags(1), validTags(limits.maxTagsPerResource - 1), validTags(limits.maxTagsPerResource)))
      .map(([t, tags]) => caseOf('tags.up-to-50-accepted', ctx, { ...base(ctx, t), Tags: tags })),
    'tags.value-optional': fc
      .tuple(fresh, validTags(3), fc.constantFrom<'missing' | 'empty'>('missing', 'empty'), fc.nat(2))
      .map(([t, tags, how, i]) => caseOf('tags.value-optional', ctx, { ...base(ctx, t), Tags: tags.map((x, j) => (j === i ? (how === 'missing' ? { Key: x.Key! } : { Key: x.Key!, Value: '' }) : x)) })),
    'tags.key-required': fc
      .tuple(fresh, validTags(2), fc.constantFrom<Tag>({ Value: 'v' }, { Key: '', Value: 'v' }, { Key: '' }), fc.nat(2))
      .map(([t, tags, bad, at]) => caseOf('tags.key-required', ctx, { ...base(ctx, t), Tags: withTagAt(tags, bad, at) })),
    'tags.key-max-128': fc.tuple(fresh, validTags(1), tooLongTagKey()).map(([t, tags, key]) => caseOf('tags.key-max-128', ctx, { ...base(ctx, t), Tags: [...tags, tag(key, 'v')] })),
    'tags.value-max-256': fc.tuple(fresh, validTagKey(), tooLongTagValue()).map(([t, key, value]) => caseOf('tags.value-max-256', ctx, { ...base(ctx, t), Tags: [tag(key, value)] })),
    'tags.key-reserved-prefix': fc
      .tuple(fresh, reservedPrefix(), charsFrom(alphabets.lower, 0, 10))
      .map(([t, p, rest]) => caseOf('tags.key-reserved-prefix', ctx, { ...base(ctx, t), Tags: [tag(`${p}${rest}`, 'v')] })),
    'tags.value-reserved-prefix': fc
      .tuple(fresh, validTagKey(), reservedPrefix(), charsFrom(alphabets.lower, 0, 10))
      .map(([t, key, p, rest]) => caseOf('tags.value-reserved-prefix', ctx, { ...base(ctx, t), Tags: [tag(key, `${p}${rest}`)] })),
    'tags.duplicate-keys': fc
      .tuple(fresh, validTagKey(), codePointString(0, 5), codePointString(0, 5))
      .map(([t, key, a, b]) => caseOf('tags.duplicate-keys', ctx, { ...base(ctx, t), Tags: [tag(key, a), tag(key, b)] })),
    'export.empty-bucket-is-plain-copy': valid('export.empty-bucket-is-plain-copy', fresh.map((t) => ({ ...base(ctx, t), TargetBucket: '' }))),
    'export.kms-with-bucket': fc
      .tuple(plainFresh(ctx), kmsKeyId())
      .map(([t, k]) => caseOf('export.kms-with-bucket', ctx, { ...base(ctx, t), TargetBucket: f.exportBucket ?? f.buckets?.['does-not-exist'] ?? 'conformance-any-bucket', KmsKeyId: k })),
    'export.bucket-name-not-dns': fc.tuple(plainFresh(ctx), nonDnsBucketName()).map(([t, b]) => caseOf('export.bucket-name-not-dns', ctx, { ...base(ctx, t), TargetBucket: b })),
    'envelope.unknown-action': word(alphabets.upper, alphabets.lower + alphabets.upper, 2, 20).filter((a) => !['CopySnapshot', 'CreateSnapshot', 'DeleteSnapshot', 'DescribeSnapshots', 'ListTagsForResource'].includes(a)).map((action) => ({
      rule: 'envelope.unknown-action',
      wire: { method: 'POST', path: '/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `Action=${action}&Version=2015-02-02` },
      expect: contract.rules.get('envelope.unknown-action')!.expect,
    })),
  };
  if (f.exportBucket) {
    arbs['export.target-name-max-1000'] = codePointString(limits.maxExportTargetNameLength + 1 - ctx.prefix.length, limits.maxExportTargetNameLength + 40).map((s) =>
      caseOf('export.target-name-max-1000', ctx, { ...base(ctx, `${ctx.prefix}${s}`), TargetBucket: f.exportBucket! }),
    );
    arbs['export.accepted'] = valid('export.accepted', plainFresh(ctx).map((t) => ({ ...base(ctx, t), TargetBucket: f.exportBucket! })));
  }
  for (const condition of ['outside-region', 'does-not-exist', 'not-owned', 'caller-denied', 'object-exists', 'no-read', 'no-write', 'no-read-acp'] as const)
    arbs[`export.${condition}`] = exportCase(ctx, condition);
  Object.assign(arbs, wireCases(ctx));
  return arbs;
}

/** Rules whose cases a conforming endpoint refuses (SDK-sendable). */
export const refusedRules = [
  'names.source-required',
  'names.target-required',
  'names.source-blank',
  'names.target-blank',
  'names.source-not-found',
  'uniqueness.target-equals-source',
  'state.source-not-available',
  'tags.max-50',
  'tags.key-required',
  'tags.key-max-128',
  'tags.value-max-256',
  'tags.key-reserved-prefix',
  'export.kms-with-bucket',
  'export.bucket-name-not-dns',
  'export.does-not-exist',
];

/** One SDK-sendable request that breaks exactly one rule, with that rule's ID. */
export function invalidCopyRequest(ctx: GeneratorContext): CaseArb {
  const arbs = ruleArbitraries(ctx);
  const usable = refusedRules.filter((id) => arbs[id] && (id !== 'state.source-not-available' || ctx.fixtures.pendingSnapshot));
  return fc.oneof(...usable.map((id) => arbs[id]!));
}

/** Requests that break two rules at once: a conforming endpoint answers with one of their outcomes. */
export function multiFaultCopyRequest(ctx: GeneratorContext): CaseArb {
  const mutators: fc.Arbitrary<(i: CopySnapshotInput) => CopySnapshotInput>[] = [
    fc.constant((i: CopySnapshotInput) => ({ ...i, SourceSnapshotName: undefined as unknown as string })),
    fc.constant((i: CopySnapshotInput) => ({ ...i, TargetSnapshotName: '' })),
    tooManyTags().map((tags) => (i: CopySnapshotInput) => ({ ...i, Tags: tags })),
    fc.constant((i: CopySnapshotInput) => ({ ...i, SourceSnapshotName: `${ctx.prefix}missing` })),
    tooLongTagValue().map((v) => (i: CopySnapshotInput) => ({ ...i, Tags: [...(i.Tags ?? []), tag('k', v)] })),
  ];
  return fc
    .tuple(freshTarget(ctx), fc.uniqueArray(fc.nat(mutators.length - 1), { minLength: 2, maxLength: 2 }))
    .chain(([t, picks]) => fc.tuple(...picks.map((p) => mutators[p]!)).map((fns) => fns.reduce((input, fn) => fn(input), base(ctx, t))))
    .map((input) => {
      const clean = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as CopySnapshotInput;
      return caseOf('multi-fault', ctx, clean);
    });
}
