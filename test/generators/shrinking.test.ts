// Shrinking stays inside the broken rule and gets small, against planted bugs of the reference mock
// (mock/mutants.ts). Times are measured and printed: time to the first failure, then to the end of shrinking.
import type { RuleIdOfKind } from '../../specs/rules.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ruleArbitraries, uniqueCaseNamer, type GeneratorContext } from '../../generators/requests.js';
import { modelSequenceProperty } from '../../generators/stateful.js';
import type { Case } from '../../generators/types.js';
import { mutants, referenceFixtures } from '../../mock/index.js';
import { codePointLength } from '../../specs/limits.js';
import { agrees, mockDriver, sendInput } from './mock-driver.js';

const ctx: GeneratorContext = { fixtures: referenceFixtures, prefix: 'csc-shrink-' };
const mutant = (id: string) => {
  const found = mutants.find((m) => m.id === id);
  if (!found) throw new Error(`mock/mutants.ts has no ${id}`);
  return found.create({ settleMs: 0 });
};

/**
 * fc.check twice with one seed: once ending at the first failure (finding), once with shrinking.
 * Shrinking time ≈ the difference. Each run gets fresh names, so the two runs do not meet.
 */
async function timedCheck<Ts extends [unknown]>(property: () => fc.IAsyncProperty<Ts>, seed: number, numRuns = 100) {
  const t0 = performance.now();
  const found = await fc.check(property(), { seed, numRuns, endOnFailure: true });
  const t1 = performance.now();
  const result = await fc.check(property(), { seed, numRuns });
  const t2 = performance.now();
  expect(found.failed).toBe(true);
  return { result, timing: { findMs: Math.round(t1 - t0), shrinkMs: Math.round(t2 - t1 - (t1 - t0)), shrinks: result.numShrinks, runsToFind: found.numRuns } };
}

/** A property: the mock's answers to `rule`'s cases are in their sets. */
function ruleAgainst(mutantId: string, rule: RuleIdOfKind<'request'>) {
  return () => {
    const mock = mutant(mutantId);
    const unique = uniqueCaseNamer(ctx.prefix);
    return fc.asyncProperty(ruleArbitraries(ctx)[rule]!, async (c: Case) => agrees(await sendInput(mock, unique(c).input!), c.expect));
  };
}

describe('shrinking', () => {
  it('a mock that accepts 51 tags is shown by exactly 51 tags with short keys and no values', async () => {
    const { result, timing } = await timedCheck(ruleAgainst('accepts-51-tags', 'tags.max-50'), 21);
    console.log('accepts-51-tags:', JSON.stringify(timing));
    const [c] = result.counterexample as [Case];
    const tags = c.input!.Tags!;
    console.log('51-tag counterexample keys:', tags.map((t) => t.Key).join(' '));
    expect(c.rule).toBe('tags.max-50');
    expect(tags).toHaveLength(51);
    // 51 distinct keys need some of two letters; a unique array's shrinker stops where a shorter key
    // would collide with another, so a few keep three
    expect(Math.max(...tags.map((t) => codePointLength(t.Key!)))).toBeLessThanOrEqual(3);
    expect(tags.filter((t) => codePointLength(t.Key!) <= 2).length).toBeGreaterThanOrEqual(35);
    expect(tags.filter((t) => t.Value !== undefined)).toEqual([]);
  });

  it('a tag-key length check off by one is shown by a key of exactly 129 code points', async () => {
    const { result, timing } = await timedCheck(ruleAgainst('key-129-accepted', 'tags.key-max-128'), 22);
    console.log('key-129-accepted:', JSON.stringify(timing));
    const [c] = result.counterexample as [Case];
    expect(Math.max(...c.input!.Tags!.map((t) => codePointLength(t.Key!)))).toBe(129);
  });

  it('a uniqueness bug in a stateful run (mutant uniqueness-only-initial) shrinks to at most 2 commands', async () => {
    const property = () => modelSequenceProperty(mockDriver(mutant('uniqueness-only-initial')), { fixtures: referenceFixtures, prefix: ctx.prefix });
    const { result, timing } = await timedCheck(property, 23, 200);
    // the commands' toString lists the ones that ran (a command whose check fails is skipped)
    const commands = String(result.counterexample![0]).replace(/\/\*.*\*\//, '').trim().split(',').filter(Boolean);
    console.log('uniqueness-only-initial:', JSON.stringify({ ...timing, commands }));
    expect(commands.length, commands.join(', ')).toBeLessThanOrEqual(2);
    expect(String((result.errorInstance as Error).message)).toMatch(/^uniqueness\.(target-exists|case-insensitive): /);
  });
});
