// When the stateful model's wait gives up, post-state.model-sequence still fails, and says what DescribeSnapshots
// shows at the end of the wait: a copy still creating, or one the endpoint no longer lists.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { modelSequenceProperty, type EndpointDriver, type StatefulOptions } from '../../generators/stateful.js';
import { createReferenceMock, referenceFixtures } from '../../mock/index.js';
import { clockedMockOptions, mockDriver } from './mock-driver.js';

const options: StatefulOptions = { fixtures: referenceFixtures, prefix: 'csc-waitend-' };

async function failureOf(driver: EndpointDriver, seed: number): Promise<string> {
  const result = await fc.check(modelSequenceProperty(driver, options), { seed, numRuns: 200, endOnFailure: true });
  expect(result.failed).toBe(true);
  return String((result.errorInstance as Error).message);
}

describe('the stateful model when a wait gives up', () => {
  it('fails an endpoint whose copies never leave creating, saying so', async () => {
    // the mock's clock moves 1 s per look of the driver's wait: 50 s in all, far short of the settle time
    const { clock, options: clocked } = clockedMockOptions(1e9);
    const message = await failureOf(mockDriver(createReferenceMock(clocked), clock), 21);
    expect(message).toMatch(/^post-state\.model-sequence: csc-waitend-\S+ never became available( to delete)? \(at the end of the wait DescribeSnapshots still shows it creating\)$/);
  });

  it('fails an endpoint that loses a copy during the wait, saying it is no longer listed', async () => {
    const mock = createReferenceMock({ settleMs: 0 });
    const driver = mockDriver(mock);
    const losing: EndpointDriver = {
      ...driver,
      waitAvailable: async (name) => (mock.store.remove(name), driver.waitAvailable(name)),
    };
    const message = await failureOf(losing, 22);
    expect(message).toMatch(/^post-state\.model-sequence: csc-waitend-\S+ never became available( to delete)? \(at the end of the wait DescribeSnapshots no longer lists it\)$/);
  });

  it('passes a copy that is available when the wait has given up (it got there after the last look)', async () => {
    const driver = mockDriver(createReferenceMock({ settleMs: 0 }));
    await fc.assert(modelSequenceProperty({ ...driver, waitAvailable: async () => false }, options), { seed: 23, numRuns: 30 });
  });
});
