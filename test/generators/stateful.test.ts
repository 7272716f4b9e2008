// The stateful model and the race property: the reference mock passes them; planted bugs fail them
// with an error that starts with the rule they break; every name a command uses carries the prefix.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concurrentCopiesProperty, modelSequenceProperty, type EndpointDriver, type StatefulOptions } from '../../generators/stateful.js';
import { createReferenceMock, mutants, referenceFixtures } from '../../mock/index.js';
import { clockedMockOptions, mockDriver } from './mock-driver.js';

const options: StatefulOptions = { fixtures: referenceFixtures, prefix: 'csc-state-' };
const mutant = (id: string) => mutants.find((m) => m.id === id)!.create({ settleMs: 0 });

/** A driver that records every name it is asked about, and how often each call is made. */
function recording(driver: EndpointDriver, names: string[], calls: Map<string, number>): EndpointDriver {
  const note = (call: string, ...used: string[]) => {
    calls.set(call, (calls.get(call) ?? 0) + 1);
    names.push(...used);
  };
  return {
    copy: (input) => {
      note(input.SourceSnapshotName === referenceFixtures.sourceSnapshot ? 'copy from the source' : 'copy from an own snapshot', input.TargetSnapshotName ?? '', input.SourceSnapshotName ?? '');
      return driver.copy(input);
    },
    describe: (name) => (note('describe', name), driver.describe(name)),
    remove: (name) => (note('remove', name), driver.remove(name)),
    waitAvailable: (name) => (note('waitAvailable', name), driver.waitAvailable(name)),
  };
}

async function failureOf(property: fc.IAsyncProperty<never> | fc.IAsyncProperty<[unknown]>, seed: number): Promise<string> {
  const result = await fc.check(property as fc.IAsyncProperty<[unknown]>, { seed, numRuns: 200 });
  expect(result.failed).toBe(true);
  return String((result.errorInstance as Error).message);
}

describe('the stateful model', () => {
  it('agrees with the reference mock over 100 sequences, names snapshots only under the prefix', async () => {
    for (const settleMs of [0, 3_000]) {
      const names: string[] = [];
      const calls = new Map<string, number>();
      const { clock, options: clocked } = clockedMockOptions(settleMs);
      const driver = recording(mockDriver(createReferenceMock(clocked), clock), names, calls);
      await fc.assert(modelSequenceProperty(driver, options), { seed: 11 });
      console.log(`settle ${settleMs} ms: calls`, JSON.stringify(Object.fromEntries(calls)));
      for (const call of ['copy from the source', 'copy from an own snapshot', 'describe', 'remove', 'waitAvailable']) expect(calls.get(call) ?? 0, call).toBeGreaterThan(10);
      expect(names.filter((n) => n !== referenceFixtures.sourceSnapshot && !n.startsWith(options.prefix))).toEqual([]);
    }
  });

  it('fails a mock that checks uniqueness only against its initial snapshots, naming the rule', async () => {
    const message = await failureOf(modelSequenceProperty(mockDriver(mutant('uniqueness-only-initial')), options), 12);
    expect(message).toMatch(/^uniqueness\.(target-exists|case-insensitive): /);
  });

  it('fails a mock with case-sensitive names', async () => {
    expect(await failureOf(modelSequenceProperty(mockDriver(mutant('case-sensitive-names')), options), 13)).toMatch(/^uniqueness\.case-insensitive: /);
  });

  it('fails a mock that answers copies but never stores them', async () => {
    expect(await failureOf(modelSequenceProperty(mockDriver(mutant('accepted-copy-not-listed')), options), 14)).toMatch(/^post-state\.accepted-is-listed: /);
  });

  it('fails a mock that copies a source still creating', async () => {
    // copies stay `creating` until a wait moves the clock on
    const { clock, options: clocked } = clockedMockOptions(3_000);
    const slow = mutants.find((m) => m.id === 'pending-source-copied')!.create(clocked);
    expect(await failureOf(modelSequenceProperty(mockDriver(slow, clock), options), 15)).toMatch(/^state\.source-not-available: /);
  });

  it('needs a source snapshot', () => {
    expect(() => modelSequenceProperty(mockDriver(createReferenceMock()), { fixtures: {}, prefix: 'x-' })).toThrow(/source snapshot/);
  });
});

describe('the race of two copies onto one name', () => {
  it('passes against the reference mock: exactly one succeeds', async () => {
    await fc.assert(concurrentCopiesProperty(mockDriver(createReferenceMock({ settleMs: 0 })), options), { seed: 16, numRuns: 50 });
  });

  it('fails a mock that lets both succeed, naming uniqueness.concurrent-copies', async () => {
    expect(await failureOf(concurrentCopiesProperty(mockDriver(mutant('uniqueness-only-initial')), options), 17)).toMatch(/^uniqueness\.concurrent-copies: /);
  });
});
