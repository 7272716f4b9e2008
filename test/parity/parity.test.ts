// Parity in process: the reference mock diffed against itself is silent (normalization is complete), and every
// shipped planted bug shows up as a difference in a rule family it breaks.
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../harness/config.js';
import type { Cassette } from '../../harness/parity/cassette.js';
import { diffAgainst, recordCassetteRun } from '../../harness/parity/run.js';
import { referenceTarget } from '../../cli/reference-target.js';
import { referenceFixtures } from '../../mock/fixtures.js';
import { mutants } from '../../mock/mutants.js';
import { asRuleId, ruleById } from '../../specs/rules.js';

const configFor = (seed: number, quota?: number) =>
  resolveConfig({}, { seed, reports: 'conformance-reports', timeoutMs: 2_000, ...(quota !== undefined ? { fixtures: { snapshotQuota: quota } } : {}) });

async function record(seed: number, casesPerRule: number, quota?: number): Promise<Cassette> {
  const recorded = await recordCassetteRun(await configFor(seed, quota), casesPerRule, { defaultTarget: referenceTarget });
  expect(recorded.problem).toBeUndefined();
  return recorded.value!;
}

describe('the reference mock against itself', () => {
  it.each([1, 2, 3, 4, 5])('seed %i: every step answers alike after normalization', async (seed) => {
    const cassette = await record(seed, 1);
    expect(cassette.exchanges.length).toBeGreaterThan(100);
    const diff = (await diffAgainst(cassette, 'A', await configFor(seed), {}, { defaultTarget: referenceTarget })).value!;
    expect(diff.differences.map((d) => `${d.case} ${d.fields.join(',')}`)).toEqual([]);
    expect(diff.steps.b).toBe(diff.steps.a);
  });
});

describe('planted bugs against the pristine mock', () => {
  const quota = 8;
  const cassettes = new Map<string, Promise<Cassette>>();
  const cassetteFor = (withQuota: boolean) => {
    const key = String(withQuota);
    if (!cassettes.has(key)) cassettes.set(key, record(7, 2, withQuota ? quota : undefined));
    return cassettes.get(key)!;
  };
  it.each(mutants.map((m) => [m.id, m] as const))('%s differs in a family it breaks', async (_id, mutant) => {
    const withQuota = mutant.breaks.includes('quota.snapshot-quota');
    const full = await cassetteFor(withQuota);
    const families = new Set(mutant.breaks.map((id) => ruleById(id).family));
    // the steps of the cases of those families' rules (and the post-state reads within them): fast, and enough
    const steps = full.exchanges.filter((ex) => families.has(ruleById(asRuleId(ex.case.split('/')[0]!)).family) || families.has(ruleById(asRuleId(ex.rule)).family));
    expect(steps.length).toBeGreaterThan(0);
    const mock = mutant.create({ settleMs: 20, ...(withQuota ? { quota } : {}) });
    const config = await configFor(7, withQuota ? quota : undefined);
    const diff = (await diffAgainst({ header: full.header, exchanges: steps }, 'pristine', config, {}, { handlers: mock.handlers, handlerFixtures: referenceFixtures })).value!;
    const differing = diff.byFamily.map((f) => f.family);
    expect(differing.filter((f) => families.has(f)), `differences in ${differing.join(', ') || 'no family'}`).not.toEqual([]);
  });
});
