// Coverage by design: with fast-check's default number of runs (100) per property — as the harness
// runs one property per rule — every request rule and every boundary comes up. The counts are printed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stateFromFixtures } from '../../generators/oracle.js';
import { invalidCopyRequest, ruleArbitraries, validCopyRequest, type GeneratorContext } from '../../generators/requests.js';
import type { Case } from '../../generators/types.js';
import { referenceFixtures } from '../../mock/index.js';
import { codePointLength, hasReservedPrefix } from '../../specs/limits.js';
import { ruleList } from '../../specs/rules.js';
import type { CopySnapshotInput } from '../../specs/types.js';

const defaultRuns = fc.readConfigureGlobal().numRuns ?? 100;
const withQuota = { ...referenceFixtures, snapshotQuota: 2 };
const ctx: GeneratorContext = { fixtures: withQuota, prefix: 'csc-cov-' };
const full = stateFromFixtures(withQuota, { quotaUsed: 2 });

type Counts = Map<string, number>;
const bump = (counts: Counts, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);

/** The boundary features of one input. */
function features(input: CopySnapshotInput): string[] {
  const out: string[] = [];
  if (input.SourceSnapshotName === undefined) out.push('source:missing');
  if (input.SourceSnapshotName === '') out.push('source:blank');
  const t = input.TargetSnapshotName;
  if (t === undefined) out.push('target:missing');
  else if (t === '') out.push('target:blank');
  else {
    if (t !== t.toLowerCase() && t.toLowerCase() !== t.toUpperCase()) out.push('target:has-upper-case');
    if (t.length !== codePointLength(t)) out.push('target:astral');
    if (t.trim() !== t) out.push('target:whitespace');
    const n = codePointLength(t);
    for (const b of [40, 41, 255, 256, 1000, 1001]) if (n === b) out.push(`target:length-${b}`);
  }
  if (input.Tags === undefined) out.push('tags:none');
  else {
    out.push(`tags:${input.Tags.length > 51 ? '52+' : input.Tags.length}`);
    const keys = input.Tags.map((x) => x.Key).filter((k) => k);
    if (new Set(keys).size !== keys.length) out.push('tags:duplicate-key');
  }
  for (const tag of input.Tags ?? []) {
    const k = tag.Key;
    if (k === undefined) out.push('key:missing');
    else if (k === '') out.push('key:empty');
    else {
      const n = codePointLength(k);
      if (n === 128 || n === 129) out.push(`key:${n}${k.length !== n ? '-astral' : ''}`);
      if (hasReservedPrefix(k)) out.push(`key:${k.slice(0, 4)}`);
    }
    const v = tag.Value;
    if (v === undefined) out.push('value:missing');
    else if (v === '') out.push('value:empty');
    else {
      const n = codePointLength(v);
      if (n === 256 || n === 257) out.push(`value:${n}${v.length !== n ? '-astral' : ''}`);
      if (hasReservedPrefix(v)) out.push('value:aws-prefix');
    }
  }
  if (input.TargetBucket === '') out.push('bucket:empty');
  if (input.KmsKeyId !== undefined) out.push('kms');
  return [...new Set(out)];
}

/** Run `arb` as a property with the default number of runs and count what it generated. */
function countRun<T>(arb: fc.Arbitrary<T>, seed: number, count: (value: T) => void): void {
  fc.assert(
    fc.property(arb, (v) => {
      count(v);
    }),
    { seed },
  );
}

describe('coverage with the default number of runs', () => {
  it('every request rule, and every boundary, comes up; the counts are recorded', () => {
    expect(defaultRuns).toBe(100);
    const perRule: Counts = new Map();
    const boundaries: Counts = new Map();
    const countCase = (c: Case) => {
      bump(perRule, c.rule);
      if (c.input) for (const f of features(c.input)) bump(boundaries, f);
      if (c.rule === 'uniqueness.case-insensitive' || (c.rule === 'uniqueness.target-equals-source' && c.input!.TargetSnapshotName !== referenceFixtures.sourceSnapshot)) bump(boundaries, 'target:case-variant');
    };
    // as the harness runs them: one property per rule
    Object.entries(ruleArbitraries(ctx, full)).forEach(([, arb], i) => countRun(arb, 100 + i, countCase));
    // and the composed arbitraries on their own
    const validCounts: Counts = new Map();
    const invalidCounts: Counts = new Map();
    countRun(validCopyRequest(ctx), 1, (input) => features(input).forEach((f) => bump(validCounts, f)));
    countRun(invalidCopyRequest(ctx, { withPrecreate: true }), 2, (c) => {
      bump(invalidCounts, c.rule);
      features(c.input!).forEach((f) => bump(invalidCounts, f));
    });

    const table = (m: Counts) => Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : 1)));
    console.log('cases per rule (one property each, default runs):', JSON.stringify(table(perRule)));
    console.log('boundaries over all rule properties:', JSON.stringify(table(boundaries)));
    console.log('validCopyRequest, 100 runs:', JSON.stringify(table(validCounts)));
    console.log('invalidCopyRequest, 100 runs:', JSON.stringify(table(invalidCounts)));

    for (const r of ruleList.filter((x) => x.kind === 'request')) expect(perRule.get(r.id), r.id).toBe(defaultRuns);
    const required = [
      'tags:0', 'tags:1', 'tags:49', 'tags:50', 'tags:51', 'tags:52+', 'tags:none', 'tags:duplicate-key',
      'key:128-astral', 'key:129-astral', 'key:128', 'key:129', 'value:256-astral', 'value:257-astral', 'value:missing', 'value:empty',
      'key:missing', 'key:empty', 'key:aws:', 'key:AWS:', 'value:aws-prefix',
      'source:missing', 'source:blank', 'target:missing', 'target:blank', 'target:case-variant', 'target:has-upper-case',
      'target:astral', 'target:whitespace', 'target:length-1001', 'bucket:empty', 'kms',
    ];
    expect(required.filter((k) => !boundaries.get(k))).toEqual([]);
    // by design, not luck: the valid arbitrary alone brings the tag-count boundaries several times
    for (const k of ['tags:0', 'tags:1', 'tags:49', 'tags:50', 'key:128-astral', 'value:256-astral']) expect(validCounts.get(k) ?? 0, k).toBeGreaterThanOrEqual(3);
    expect(invalidCounts.get('tags:51') ?? 0).toBeGreaterThanOrEqual(1);
  });
});
