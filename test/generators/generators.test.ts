// Tests of the generators themselves: valid means valid, each invalid case breaks exactly its rule,
// boundaries come up by design, shrinking stays inside the broken rule, the corpus replays.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../../generators/corpus.js';
import { encodeCopySnapshotBody } from '../../generators/form.js';
import { expectedOutcome, stateFromFixtures } from '../../generators/oracle.js';
import { caseOf, invalidCopyRequest, ruleArbitraries, validCopyRequest, type GeneratorContext } from '../../generators/requests.js';
import { modelSequenceProperty, type EndpointDriver } from '../../generators/stateful.js';
import { readAnswer } from '../../harness/codec.js';
import { createReferenceMock } from '../../mock/handlers.js';
import { referenceFixtures } from '../../mock/fixtures.js';
import { mutants } from '../../mock/mutants.js';
import { contract } from '../../specs/contract.js';
import { codePointLength } from '../../specs/limits.js';
import { ruleList } from '../../specs/rules.js';
import type { CopySnapshotInput } from '../../specs/types.js';

const ctx: GeneratorContext = { fixtures: referenceFixtures, prefix: 'csc-test-' };
const state = stateFromFixtures(referenceFixtures);
const oracle = (input: CopySnapshotInput) => expectedOutcome(contract, state, input);

async function send(mock: ReturnType<typeof createReferenceMock>, body: string, method = 'POST', query?: string) {
  const req = method === 'GET' ? new Request(`http://mock.test/?${query ?? ''}`) : new Request('http://mock.test/', { method, body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  const res = await mock.answer(req);
  return readAnswer(res.status, {}, await res.text());
}

describe('valid requests', () => {
  it('are never judged invalid by the oracle, and the reference mock accepts them', async () => {
    const mock = createReferenceMock();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(validCopyRequest(ctx), async (input) => {
        expect(oracle(input).broken).toEqual([]);
        const target = `csc-test-${n++}-${input.TargetSnapshotName!.slice(ctx.prefix.length)}`;
        const answer = await send(mock, encodeCopySnapshotBody({ ...input, TargetSnapshotName: target }));
        expect(answer.kind, JSON.stringify(answer)).toBe('success');
      }),
      { numRuns: 200, seed: 1 },
    );
  });
});

/** Undo exactly the fault a rule's case plants. */
const repairs: Record<string, (i: CopySnapshotInput) => CopySnapshotInput> = {
  'names.source-required': (i) => ({ ...i, SourceSnapshotName: 'conformance-source' }),
  'names.source-blank': (i) => ({ ...i, SourceSnapshotName: 'conformance-source' }),
  'names.target-required': (i) => ({ ...i, TargetSnapshotName: 'csc-test-fresh' }),
  'names.target-blank': (i) => ({ ...i, TargetSnapshotName: 'csc-test-fresh' }),
  'names.source-not-found': (i) => ({ ...i, SourceSnapshotName: 'conformance-source' }),
  'uniqueness.target-equals-source': (i) => ({ ...i, TargetSnapshotName: 'csc-test-fresh' }),
  'state.source-not-available': (i) => ({ ...i, SourceSnapshotName: 'conformance-source' }),
  'tags.max-50': (i) => ({ ...i, Tags: i.Tags!.slice(0, 50) }),
  'tags.key-required': (i) => ({ ...i, Tags: i.Tags!.filter((t) => t.Key) }),
  'tags.key-max-128': (i) => ({ ...i, Tags: i.Tags!.filter((t) => codePointLength(t.Key ?? '') <= 128) }),
  'tags.value-max-256': (i) => ({ ...i, Tags: i.Tags!.map((t) => ({ ...t, Value: 'v' })) }),
  'tags.key-reserved-prefix': (i) => ({ ...i, Tags: i.Tags!.map((t) => ({ ...t, Key: `x${t.Key}` })) }),
  'export.kms-with-bucket': (i) => ({ ...i, KmsKeyId: undefined as unknown as string }),
  'export.bucket-name-not-dns': (i) => ({ ...i, TargetBucket: 'conformance-export-ok' }),
  'export.does-not-exist': (i) => ({ ...i, TargetBucket: 'conformance-export-ok' }),
};

describe('invalid requests', () => {
  it('each breaks exactly the rule it names; repairing that one fault makes it valid', () => {
    fc.assert(
      fc.property(invalidCopyRequest(ctx), (c) => {
        const input = c.input!;
        expect(oracle(input).broken).toEqual([c.rule]);
        expect(c.expect).toEqual(contract.rules.get(c.rule)!.expect);
        const repaired = JSON.parse(JSON.stringify(repairs[c.rule]!(input))) as CopySnapshotInput;
        expect(oracle(repaired).broken).toEqual([]);
      }),
      { numRuns: 500, seed: 2 },
    );
  });

  it('every request rule of the contract has an arbitrary (quota runs as a procedure)', () => {
    const arbs = ruleArbitraries(ctx);
    const requestRules = ruleList.filter((r) => r.kind === 'request' && r.id !== 'quota.snapshot-quota').map((r) => r.id);
    expect(requestRules.filter((id) => !arbs[id])).toEqual([]);
  });

  it('each rule arbitrary yields cases whose expectation the oracle gives, for the rule it names', () => {
    for (const [id, arb] of Object.entries(ruleArbitraries(ctx))) {
      for (const c of fc.sample(arb, { numRuns: 30, seed: 3 })) {
        expect(c.rule).toBe(id);
        if (!c.input) continue;
        const s = stateFromFixtures(referenceFixtures);
        if (c.precreate) s.snapshots.set(c.precreate.TargetSnapshotName!.toLowerCase(), 'available');
        const e = expectedOutcome(contract, s, c.input);
        expect(c.expect).toEqual(e.outcomes);
        if (!['names.any-target-name', 'tags.up-to-50-accepted', 'tags.value-optional', 'export.empty-bucket-is-plain-copy', 'export.accepted'].includes(id)) expect(e.broken, id).toContain(id);
        else expect(e.broken, id).toEqual([]);
      }
    }
  });
});

describe('coverage with the default number of runs', () => {
  it('generates every boundary by design', () => {
    const arbs = ruleArbitraries(ctx);
    const counts = new Map<string, number>();
    const bump = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
    for (const [id, arb] of Object.entries(arbs))
      for (const c of fc.sample(arb, { numRuns: 25, seed: 4 })) {
        bump(`rule:${id}`);
        const tags = c.input?.Tags;
        if (tags) bump(`tags:${tags.length}`);
        for (const t of tags ?? []) {
          bump(`key:${codePointLength(t.Key ?? '')}`);
          bump(`value:${codePointLength(t.Value ?? '')}`);
        }
        if (c.input && c.input.SourceSnapshotName === undefined) bump('missing-source');
        if (c.input && c.input.TargetSnapshotName === undefined) bump('missing-target');
        if (c.input?.SourceSnapshotName === '') bump('blank-source');
        if (c.input?.TargetSnapshotName === '') bump('blank-target');
        if (id === 'uniqueness.case-insensitive') bump('case-variant');
      }
    for (const k of ['tags:0', 'tags:1', 'tags:49', 'tags:50', 'tags:51', 'key:128', 'key:129', 'value:256', 'value:257', 'missing-source', 'missing-target', 'blank-source', 'blank-target', 'case-variant'])
      expect(counts.get(k) ?? 0, k).toBeGreaterThan(0);
    for (const r of ruleList.filter((r) => r.kind === 'request' && r.id !== 'quota.snapshot-quota')) expect(counts.get(`rule:${r.id}`) ?? 0, r.id).toBe(25);
  });
});

describe('shrinking', () => {
  it('a mock that accepts 51 tags is shown by exactly 51 tags with minimal keys', async () => {
    const mock = mutants.find((m) => m.id === 'accepts-51-tags')!.create();
    let n = 0;
    const result = await fc.check(
      fc.asyncProperty(ruleArbitraries(ctx)['tags.max-50']!, async (c) => {
        const body = encodeCopySnapshotBody({ ...c.input!, TargetSnapshotName: `csc-test-${n++}` });
        const a = await send(mock, body);
        return a.kind === 'error' && a.code === 'TagQuotaPerResourceExceeded';
      }),
      { seed: 5, numRuns: 100 },
    );
    expect(result.failed).toBe(true);
    const [c] = result.counterexample as [{ input: CopySnapshotInput }];
    expect(c.input.Tags).toHaveLength(51);
    expect(Math.max(...c.input.Tags!.map((t) => codePointLength(t.Key!)))).toBeLessThanOrEqual(4);
  });

  it('a uniqueness bug in a stateful run shrinks to at most 2 commands', async () => {
    const mock = mutants.find((m) => m.id === 'uniqueness-only-initial')!.create({ settleMs: 0 });
    const driver: EndpointDriver = {
      async copy(input) {
        const a = await send(mock, encodeCopySnapshotBody(input));
        return a.kind === 'error' ? { status: a.status, code: a.code ?? '' } : { status: a.status };
      },
      async describe(name) {
        const a = await send(mock, `Action=DescribeSnapshots&Version=2015-02-02&SnapshotName=${encodeURIComponent(name)}`);
        return { exists: a.kind === 'success' };
      },
      async remove(name) {
        const a = await send(mock, `Action=DeleteSnapshot&Version=2015-02-02&SnapshotName=${encodeURIComponent(name)}`);
        return a.kind === 'error' ? { status: a.status, code: a.code ?? '' } : { status: a.status };
      },
      waitAvailable: async () => true,
    };
    const result = await fc.check(modelSequenceProperty(driver, { fixtures: referenceFixtures, prefix: 'csc-test-' }), { seed: 6, numRuns: 200 });
    expect(result.failed).toBe(true);
    // the commands' own toString lists the ones that ran (a command whose check fails is skipped)
    const commands = String(result.counterexample![0]).split(', ').filter(Boolean);
    expect(commands.length, commands.join(', ')).toBeLessThanOrEqual(2);
    expect(String(result.errorInstance)).toContain('post-state.model-sequence');
  });
});

describe('corpus', () => {
  const fixtures = { sourceSnapshot: 'conformance-source', pendingSnapshot: 'conformance-pending' };
  it('is the same for the same seed, byte for byte, with unique valid target names', () => {
    const a = generateCorpus({ kind: 'all', count: 200, seed: 9, fixtures });
    const b = generateCorpus({ kind: 'all', count: 200, seed: 9, fixtures });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const valid = generateCorpus({ kind: 'valid', count: 100, seed: 9, fixtures });
    const names = valid.map((l) => new URLSearchParams(l.body).get('TargetSnapshotName')!.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
    expect(valid.every((l) => l.body.startsWith('Action=CopySnapshot&Version=2015-02-02'))).toBe(true);
  });

  it('100 valid + 300 invalid lines agree line by line with the reference mock, replayed in order', async () => {
    const lines = [...generateCorpus({ kind: 'valid', count: 100, seed: 10, fixtures }), ...generateCorpus({ kind: 'invalid', count: 300, seed: 11, fixtures })];
    const mock = createReferenceMock({ settleMs: 0 });
    const rules = new Set<string>();
    const tagCounts = new Set<number>();
    for (const l of lines) {
      const a = await send(mock, l.body, l.method ?? 'POST', l.query);
      const ok = l.expect.some((e) => (e.status === 200 ? a.kind === 'success' : a.kind === 'error' && (e.status === '4xx' ? a.status >= 400 && a.status < 500 : a.status === e.status) && (!e.code || e.code === a.code)));
      expect(ok, `${l.rule}: ${l.body.slice(0, 200)} → ${JSON.stringify(a).slice(0, 200)}`).toBe(true);
      rules.add(l.rule);
      tagCounts.add(new Set([...new URLSearchParams(l.body).keys()].filter((k) => /^Tags\.Tag\.\d+\.Key$/.test(k))).size);
    }
    expect(rules.size).toBeGreaterThanOrEqual(10);
    for (const n of [0, 50, 51]) expect(tagCounts).toContain(n);
  });
});
