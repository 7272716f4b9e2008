// The oracle's decisions, one per row of docs/contract.md#defaults-for-open-questions, and its outcome sets taken from specs/rules.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerMatches, decidedRules, expectedOutcome, openRules, stateFromFixtures, unionOfOutcomes, type EndpointState } from '../../generators/oracle.js';
import { anyTagList, astralStringOfLength, kmsKeyId, nonDnsBucketName } from '../../generators/values/index.js';
import { referenceFixtures } from '../../mock/index.js';
import { contract } from '../../specs/contract.js';
import { ruleById, ruleList } from '../../specs/rules.js';
import type { CopySnapshotInput, Tag } from '../../specs/types.js';

const state = stateFromFixtures(referenceFixtures);
const judge = (input: CopySnapshotInput, s: EndpointState = state) => expectedOutcome(contract, s, input);
const copy = (extra: Partial<CopySnapshotInput> = {}): CopySnapshotInput => ({ SourceSnapshotName: 'conformance-source', TargetSnapshotName: 'csc-o-target', ...extra });
const tags = (n: number, key = (i: number) => `k${i}`): Tag[] => Array.from({ length: n }, (_, i) => ({ Key: key(i), Value: 'v' }));

describe('the oracle', () => {
  it('judges a plain copy valid: success only, nothing broken', () => {
    expect(judge(copy())).toEqual({ broken: [], outcomes: [{ status: 200 }] });
  });

  it.each([
    ['missing source', { SourceSnapshotName: undefined }, 'names.source-required'],
    ['blank source', { SourceSnapshotName: '' }, 'names.source-blank'],
    ['missing target', { TargetSnapshotName: undefined }, 'names.target-required'],
    ['blank target', { TargetSnapshotName: '' }, 'names.target-blank'],
    ['unknown source', { SourceSnapshotName: 'csc-o-nothing' }, 'names.source-not-found'],
    ['pending source', { SourceSnapshotName: 'conformance-pending' }, 'state.source-not-available'],
    ['target = source', { TargetSnapshotName: 'conformance-source' }, 'uniqueness.target-equals-source'],
    ['target = source in other case', { TargetSnapshotName: 'Conformance-SOURCE' }, 'uniqueness.target-equals-source'],
    ['existing target', { TargetSnapshotName: 'conformance-pending' }, 'uniqueness.target-exists'],
    ['existing target in other case', { TargetSnapshotName: 'CONFORMANCE-pending' }, 'uniqueness.case-insensitive'],
    ['51 tags', { Tags: tags(51) }, 'tags.max-50'],
    ['a tag without key', { Tags: [{ Value: 'v' }] }, 'tags.key-required'],
    ['a tag with an empty key', { Tags: [{ Key: '' }] }, 'tags.key-required'],
    ['key of 129 code points', { Tags: [{ Key: 'k'.repeat(129) }] }, 'tags.key-max-128'],
    ['value of 257 code points', { Tags: [{ Key: 'k', Value: 'v'.repeat(257) }] }, 'tags.value-max-256'],
    ['key AwS:x', { Tags: [{ Key: 'AwS:x' }] }, 'tags.key-reserved-prefix'],
    ['KMS key with a bucket', { TargetBucket: 'conformance-export-ok', KmsKeyId: 'alias/k' }, 'export.kms-with-bucket'],
    ['export name of 1001', { TargetSnapshotName: 'n'.repeat(1001), TargetBucket: 'conformance-export-ok' }, 'export.target-name-max-1000'],
    ['bucket name with _', { TargetBucket: 'bad_bucket' }, 'export.bucket-name-not-dns'],
    ['undeclared bucket', { TargetBucket: 'csc-o-missing' }, 'export.does-not-exist'],
    ['bucket in another region', { TargetBucket: 'conformance-other-region' }, 'export.outside-region'],
    ['export key exists', { TargetSnapshotName: 'conformance-existing', TargetBucket: 'conformance-has-object' }, 'export.object-exists'],
  ] as const)('%s breaks exactly %s, with its outcomes from specs/rules.ts', (_what, change, rule) => {
    const input = { ...copy(), ...change } as CopySnapshotInput;
    for (const k of Object.keys(input) as (keyof CopySnapshotInput)[]) if (input[k] === undefined) delete input[k];
    expect(judge(input)).toEqual({ broken: [rule], outcomes: ruleById(rule).expect });
  });

  it('counts lengths in code points: 128 astral-laden code points pass although their UTF-16 length is larger', () => {
    fc.assert(
      fc.property(astralStringOfLength(128), astralStringOfLength(256), (key, value) => {
        expect(key.length).toBeGreaterThan(128);
        expect(judge(copy({ Tags: [{ Key: key, Value: value }] })).broken).toEqual([]);
      }),
    );
  });

  it('does not count aws: keys against the 50 (they are refused for their prefix alone)', () => {
    const fifty = tags(50);
    expect(judge(copy({ Tags: [...fifty, { Key: 'aws:a' }, { Key: 'AWS:b' }] })).broken).toEqual(['tags.key-reserved-prefix']);
    expect(judge(copy({ Tags: fifty })).broken).toEqual([]);
  });

  it('treats TargetBucket= as a plain copy (a KMS key with it is fine)', () => {
    expect(judge(copy({ TargetBucket: '', KmsKeyId: 'alias/k' })).broken).toEqual([]);
    expect(judge(copy({ TargetBucket: 'conformance-export-ok', KmsKeyId: '' })).broken).toEqual([]);
  });

  it('gives the open rules their sets, success included', () => {
    for (const [input, rule] of [
      [copy({ TargetSnapshotName: 'csc-o-target  ' }), 'names.whitespace'],
      [copy({ Tags: [{ Key: 'a', Value: '1' }, { Key: 'a', Value: '2' }] }), 'tags.duplicate-keys'],
      [copy({ Tags: [{ Key: 'a', Value: 'AWS:x' }] }), 'tags.value-reserved-prefix'],
    ] as const) {
      expect(openRules.has(rule)).toBe(true);
      expect(judge(input)).toEqual({ broken: [rule], outcomes: ruleById(rule).expect });
    }
  });

  it('unions the sets of several broken rules; an open rule then adds only its refusals', () => {
    const e = judge(copy({ SourceSnapshotName: undefined, Tags: tags(51) }));
    expect(e.broken).toEqual(['names.source-required', 'tags.max-50']);
    expect(e.outcomes).toEqual(unionOfOutcomes([ruleById('names.source-required').expect, ruleById('tags.max-50').expect]));
    const withOpen = judge(copy({ TargetSnapshotName: 'csc-o-x ', Tags: tags(51) }));
    expect(withOpen.broken).toEqual(['tags.max-50', 'names.whitespace']);
    expect(withOpen.outcomes.some((o) => o.status === 200)).toBe(false);
  });

  it('refuses copies once the declared quota is used up, but not exports', () => {
    const full = stateFromFixtures({ ...referenceFixtures, snapshotQuota: 2 }, { quotaUsed: 2 });
    expect(judge(copy(), full).broken).toEqual(['quota.snapshot-quota']);
    expect(judge(copy({ TargetBucket: 'conformance-export-ok' }), full).broken).toEqual([]);
    expect(judge(copy(), stateFromFixtures({ ...referenceFixtures, snapshotQuota: 2 }, { quotaUsed: 1 })).broken).toEqual([]);
  });

  it('decides every SDK-sendable request rule of the contract', () => {
    // rules whose set is success alone are "valid" classes: nothing to decide
    const successOnly = (r: (typeof ruleList)[number]) => r.expect.length === 1 && r.expect[0]!.status === 200;
    const sdkRules = ruleList.filter((r) => r.kind === 'request' && !r.id.startsWith('wire.') && r.family !== 'envelope' && !successOnly(r));
    expect(sdkRules.map((r) => r.id).filter((id) => !decidedRules.includes(id))).toEqual([]);
  });

  it('only ever answers with outcomes of the rules it names', () => {
    const input = fc.record(
      {
        SourceSnapshotName: fc.constantFrom('', 'conformance-source', 'conformance-pending', 'nope'),
        TargetSnapshotName: fc.constantFrom('', 'x', 'Conformance-Source', 'y '),
        TargetBucket: fc.oneof(fc.constantFrom('', 'conformance-export-ok', 'conformance-no-read'), nonDnsBucketName()),
        KmsKeyId: kmsKeyId(),
        Tags: anyTagList().map((t) => t ?? []),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(input, (i) => {
        const e = judge(i);
        const allowed = e.broken.length === 0 ? [{ status: 200 as const }] : e.broken.flatMap((id) => ruleById(id).expect);
        for (const o of e.outcomes) expect(allowed).toContainEqual(o);
        expect(e.outcomes.length).toBeGreaterThan(0);
      }),
    );
  });

  it('matches answers against outcome sets, 4xx included', () => {
    expect(answerMatches({ status: 404, code: 'SnapshotNotFoundFault' }, ruleById('names.source-not-found').expect)).toBe(true);
    expect(answerMatches({ status: 400, code: 'SnapshotNotFoundFault' }, ruleById('names.source-not-found').expect)).toBe(false);
    expect(answerMatches({ status: 418, code: 'Teapot' }, ruleById('wire.missing-action').expect)).toBe(true);
    expect(answerMatches({ status: 500 }, ruleById('wire.other-version').expect)).toBe(false);
    expect(answerMatches({}, [{ status: 200 }])).toBe(false);
  });
});
