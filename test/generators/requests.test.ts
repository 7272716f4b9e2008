// Request arbitraries: valid means valid (oracle and reference mock through the SDK), each invalid case
// breaks exactly the rule it names (repairing that fault makes it valid), multi-fault and raw-wire
// cases get answers in their sets from the reference mock, and fixtures gate the rules that need them.
import type { RuleId } from '../../specs/rules.js';
import { CopySnapshotCommand, ElastiCacheClient, type CopySnapshotCommandInput } from '@aws-sdk/client-elasticache';
import fc from 'fast-check';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedOutcome, openRules, stateFromFixtures, type EndpointState } from '../../generators/oracle.js';
import {
  canMakeValidCopy,
  invalidCopyRequest,
  multiFaultCopyRequest,
  refusingRequestRules,
  requestRuleCoverage,
  ruleArbitraries,
  uniqueCaseNamer,
  uniqueTargetNamer,
  validCopyRequest,
  wireRequest,
  type GeneratorContext,
} from '../../generators/requests.js';
import type { Case } from '../../generators/types.js';
import { createReferenceMock, referenceFixtures } from '../../mock/index.js';
import { contract } from '../../specs/contract.js';
import { codePointLength, hasReservedPrefix } from '../../specs/limits.js';
import { ruleList } from '../../specs/rules.js';
import type { CopySnapshotInput } from '../../specs/types.js';
import { agrees, sendInput, sendRaw } from './mock-driver.js';

const ctx: GeneratorContext = { fixtures: referenceFixtures, prefix: 'csc-test-' };

/** The oracle's state for a case: the fixtures, plus the copy the case makes first. */
function stateFor(c: Case): EndpointState {
  const s = stateFromFixtures(referenceFixtures);
  if (c.precreate?.TargetSnapshotName) s.snapshots.set(c.precreate.TargetSnapshotName.toLowerCase(), 'available');
  return s;
}
const judge = (c: Case, input = c.input!) => expectedOutcome(contract, stateFor(c), input);

const fresh = 'csc-test-repaired';
const source = (i: CopySnapshotInput) => ({ ...i, SourceSnapshotName: referenceFixtures.sourceSnapshot! });
const target = (i: CopySnapshotInput) => ({ ...i, TargetSnapshotName: fresh });
const usableBucket = (i: CopySnapshotInput) => ({ ...i, TargetBucket: referenceFixtures.exportBucket! });
const without = <K extends keyof CopySnapshotInput>(i: CopySnapshotInput, key: K) => {
  const out = { ...i };
  delete out[key];
  return out;
};

/** Undo exactly the fault a rule's case plants, and nothing else. */
const repairs: Record<string, (i: CopySnapshotInput) => CopySnapshotInput> = {
  'names.source-required': source,
  'names.source-blank': source,
  'names.source-not-found': source,
  'state.source-not-available': source,
  'names.target-required': target,
  'names.target-blank': target,
  'names.whitespace': (i) => ({ ...i, TargetSnapshotName: i.TargetSnapshotName!.trimEnd() }),
  'uniqueness.target-exists': target,
  'uniqueness.case-insensitive': target,
  'uniqueness.target-equals-source': target,
  'tags.max-50': (i) => ({ ...i, Tags: i.Tags!.slice(0, 50) }),
  'tags.key-required': (i) => ({ ...i, Tags: i.Tags!.filter((t) => t.Key) }),
  'tags.key-max-128': (i) => ({ ...i, Tags: i.Tags!.filter((t) => codePointLength(t.Key!) <= 128) }),
  'tags.value-max-256': (i) => ({ ...i, Tags: i.Tags!.map((t) => (codePointLength(t.Value ?? '') > 256 ? { ...t, Value: 'v' } : t)) }),
  'tags.key-reserved-prefix': (i) => ({ ...i, Tags: i.Tags!.filter((t) => !hasReservedPrefix(t.Key)) }),
  'tags.value-reserved-prefix': (i) => ({ ...i, Tags: i.Tags!.map((t) => ({ ...t, Value: 'v' })) }),
  'tags.duplicate-keys': (i) => ({ ...i, Tags: i.Tags!.filter((t, n, all) => all.findIndex((u) => u.Key === t.Key) === n) }),
  'export.kms-with-bucket': (i) => without(i, 'KmsKeyId'),
  'export.target-name-max-1000': (i) => ({ ...i, TargetSnapshotName: [...i.TargetSnapshotName!].slice(0, 1000).join('') }),
  'export.bucket-name-not-dns': usableBucket,
  'export.object-exists': target,
  ...Object.fromEntries(['does-not-exist', 'outside-region', 'not-owned', 'caller-denied', 'no-read', 'no-write', 'no-read-acp'].map((c) => [`export.${c}`, usableBucket])),
};
/** Rules whose cases are valid to begin with. */
const validClasses = new Set(ruleList.filter((r) => r.kind === 'request' && r.expect.length === 1 && r.expect[0]!.status === 200).map((r) => r.id));

describe('valid requests', () => {
  const mock = createReferenceMock({ settleMs: 0, baseUrl: 'https://elasticache.valid.test' });
  const server = setupServer(...mock.handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());
  const client = new ElastiCacheClient({ region: 'us-east-1', endpoint: 'https://elasticache.valid.test', credentials: { accessKeyId: 'AKIDGEN', secretAccessKey: 'gen-secret' }, maxAttempts: 1 });

  it('are never judged invalid by the oracle, and the reference mock accepts them sent by the SDK', async () => {
    const unique = uniqueTargetNamer(ctx.prefix);
    await fc.assert(
      fc.asyncProperty(validCopyRequest(ctx), async (generated) => {
        expect(expectedOutcome(contract, stateFromFixtures(referenceFixtures), generated)).toEqual({ broken: [], outcomes: [{ status: 200 }] });
        const input = unique(generated);
        const out = await client.send(new CopySnapshotCommand(input as CopySnapshotCommandInput));
        if (!input.TargetBucket) expect(out.Snapshot?.SnapshotName).toBe(input.TargetSnapshotName!.toLowerCase());
      }),
      { seed: 1 },
    );
  });

  it('respect a given state: fresh against it, exports only once the quota is used up; canMakeValidCopy says when none can be valid', () => {
    const full = stateFromFixtures({ ...referenceFixtures, snapshotQuota: 3 }, { quotaUsed: 3 });
    for (const input of fc.sample(validCopyRequest(referenceFixtures, full), { numRuns: 50, seed: 2 })) {
      expect(input.TargetBucket).toBe(referenceFixtures.exportBucket);
      expect(expectedOutcome(contract, full, input).broken).toEqual([]);
    }
    // where nothing can be valid, canMakeValidCopy says so and the oracle judges what comes out
    const noRoom = { sourceSnapshot: 's', snapshotQuota: 1 };
    const noRoomState = stateFromFixtures(noRoom, { quotaUsed: 1 });
    expect(canMakeValidCopy(noRoom, noRoomState)).toBe(false);
    expect(canMakeValidCopy({})).toBe(false);
    expect(canMakeValidCopy(referenceFixtures, full)).toBe(true);
    for (const input of fc.sample(validCopyRequest(noRoom, noRoomState), { numRuns: 10, seed: 2 })) expect(expectedOutcome(contract, noRoomState, input).broken).toEqual(['quota.snapshot-quota']);
    for (const input of fc.sample(validCopyRequest({}), { numRuns: 10, seed: 2 })) expect(expectedOutcome(contract, stateFromFixtures({}), input).broken).toContain('names.source-blank');
  });
});

describe('invalid requests', () => {
  it('each breaks exactly the rule it names, expects that rule\'s set, and is valid once that one fault is repaired', () => {
    fc.assert(
      fc.property(invalidCopyRequest(ctx, { withPrecreate: true }), (c) => {
        expect(judge(c).broken).toEqual([c.rule]);
        expect(c.expect).toEqual(contract.rules.get(c.rule as RuleId)!.expect);
        expect(judge(c, repairs[c.rule]!(c.input!)).broken, c.rule).toEqual([]);
      }),
      { seed: 3, numRuns: 1000 },
    );
  });

  it('the same holds for every rule arbitrary on its own: cases break their rule alone (valid classes: none)', () => {
    // not vacuous: the reference fixtures give most request rules an arbitrary
    expect(Object.keys(ruleArbitraries(ctx)).length).toBeGreaterThan(20);
    for (const [id, arb] of Object.entries(ruleArbitraries(ctx))) {
      for (const c of fc.sample(arb, { numRuns: 40, seed: 4 })) {
        expect(c.rule).toBe(id);
        if (!c.input) continue; // raw wire: the rule's own set
        const e = judge(c);
        expect(c.expect, id).toEqual(e.outcomes);
        if (validClasses.has(id as RuleId)) expect(e.broken, id).toEqual([]);
        else {
          expect(e.broken, id).toEqual([id]);
          expect(judge(c, repairs[id]!(c.input)).broken, id).toEqual([]);
        }
      }
    }
  });

  it('the reference mock answers every rule\'s cases within the expected set', async () => {
    expect(Object.keys(ruleArbitraries(ctx)).length).toBeGreaterThan(20);
    for (const [id, arb] of Object.entries(ruleArbitraries(ctx))) {
      const mock = createReferenceMock({ settleMs: 0 });
      const unique = uniqueCaseNamer(ctx.prefix);
      for (const generated of fc.sample(arb, { numRuns: id === 'wire.large-body' ? 3 : 20, seed: 5 })) {
        const c = unique(generated);
        const a = c.wire ? await sendRaw(mock, c.wire) : await (async () => {
          if (c.precreate) expect(agrees(await sendInput(mock, c.precreate), [{ status: 200 }]), `${id}: the copy made first`).toBe(true);
          return sendInput(mock, c.input!);
        })();
        expect(agrees(a, c.expect), `${id}: ${JSON.stringify(c.input ?? c.wire?.body).slice(0, 200)} → ${a.body.slice(0, 300)}`).toBe(true);
      }
    }
  });

  it('in multi-fault cases break two or more refusing rules, and the mock answers with one of their outcomes', async () => {
    const mock = createReferenceMock({ settleMs: 0 });
    await fc.assert(
      fc.asyncProperty(multiFaultCopyRequest(ctx), async (c) => {
        const e = judge(c);
        expect(e.broken.filter((id) => !openRules.has(id)).length).toBeGreaterThanOrEqual(2);
        expect(c.expect).toEqual(e.outcomes);
        const a = await sendInput(mock, c.input!);
        expect(agrees(a, c.expect), a.body).toBe(true);
      }),
      { seed: 6 },
    );
  });
});

describe('raw-wire requests', () => {
  it('cover every wire.* rule, flat, with the rule\'s set, and the mock answers within it', async () => {
    const mock = createReferenceMock({ settleMs: 0 });
    const seen = new Set<string>();
    for (const w of fc.sample(wireRequest(ctx), { numRuns: 200, seed: 7 })) {
      seen.add(w.rule);
      expect(w.expect).toEqual(contract.rules.get(w.rule as RuleId)!.expect);
      expect(['POST', 'GET']).toContain(w.method);
      expect(w.headers).toBeTypeOf('object');
      const a = await sendRaw(mock, w);
      expect(agrees(a, w.expect), `${w.rule}: ${a.body.slice(0, 200)}`).toBe(true);
    }
    const wireRules = ruleList.filter((r) => r.id.startsWith('wire.')).map((r) => r.id);
    expect(wireRules.filter((id) => !seen.has(id))).toEqual([]);
  });
});

describe('fixtures gate the rules that need them', () => {
  it('with the reference fixtures and a full quota, every request rule of the contract has an arbitrary', () => {
    const withQuota = { ...referenceFixtures, snapshotQuota: 4 };
    const { covered, notCovered } = requestRuleCoverage(withQuota, stateFromFixtures(withQuota, { quotaUsed: 4 }));
    expect(notCovered).toEqual({});
    expect(covered.length).toBe(ruleList.filter((r) => r.kind === 'request').length);
  });

  it('with only a source snapshot, rules needing a pending snapshot, buckets or a quota are left out, with the reason', () => {
    const arbs = ruleArbitraries({ sourceSnapshot: 'only-source' });
    const { notCovered } = requestRuleCoverage({ sourceSnapshot: 'only-source' });
    for (const id of ['state.source-not-available', 'export.not-owned', 'export.object-exists', 'export.accepted', 'export.kms-with-bucket', 'quota.snapshot-quota'] as const) {
      expect(arbs[id], id).toBeUndefined();
      expect(notCovered[id], id).toMatch(/needs/);
    }
    // an undeclared bucket does not exist: that rule needs no bucket fixture
    const missing = fc.sample(arbs['export.does-not-exist']!, { numRuns: 20, seed: 8 });
    for (const c of missing) expect(expectedOutcome(contract, stateFromFixtures({ sourceSnapshot: 'only-source' }), c.input!).broken).toEqual(['export.does-not-exist']);
    expect(refusingRequestRules.every((id) => !id.startsWith('wire.'))).toBe(true);
  });
});
