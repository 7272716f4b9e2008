// Per-rule durations are the rule's own: busy loop time is shared among the rules in flight, idle time (waiting on
// the network or a timer) is each waiting rule's own.
import { describe, expect, it } from 'vitest';
import { ShareClock } from '../../harness/run/share-clock.js';
import { resolveConfig } from '../../harness/config.js';
import { runSuite } from '../../cli/entry.js';
import { referenceFixtures } from '../../mock/fixtures.js';

function fakeClock() {
  const t = { now: 0, idle: 0 };
  return { t, clock: new ShareClock(() => t.now, () => t.idle) };
}

describe('ShareClock', () => {
  it('one rule at a time: its duration is its wall time, busy or idle', () => {
    const { t, clock } = fakeClock();
    const a = clock.enter();
    t.now += 30;
    t.idle += 10;
    expect(clock.leave(a)).toBe(30);
  });

  it('busy time shared by four rules in flight is a quarter each, not the batch time each', () => {
    const { t, clock } = fakeClock();
    const marks = [clock.enter(), clock.enter(), clock.enter(), clock.enter()];
    t.now += 400; // all busy
    // the clock stops moving once they leave together: each was charged its quarter of the 400 ms
    expect(marks.map((m) => clock.leave(m))).toEqual([100, 100, 100, 100]);
  });

  it('idle time while several wait is each one’s own; a rule that starts later is not charged what came before', () => {
    const { t, clock } = fakeClock();
    const a = clock.enter();
    t.now += 100; // a alone, busy: 100
    const b = clock.enter();
    t.now += 50;
    t.idle += 50; // both waiting on the network: 50 each
    t.now += 20; // both busy: 10 each
    expect(clock.leave(b)).toBe(60);
    expect(clock.leave(a)).toBe(160);
  });
});

describe('durations with --concurrency', () => {
  it('add up to about the rules phase, not concurrency times it', async () => {
    const config = await resolveConfig({}, { numRuns: 5, seed: 7, fixtures: referenceFixtures, concurrency: 8, rules: ['names', 'tags'] });
    const run = await runSuite(config);
    const sum = run.rules.reduce((t, r) => t + r.durationMs, 0);
    expect(run.rules.every((r) => r.durationMs >= 0)).toBe(true);
    // each rule's wall time summed to ~6× the run (every rule of a batch showed the batch's time); shares of the busy
    // loop add up to the rules phase, and only idle waits (the mock's settle timers) are counted once per waiting rule
    expect(sum).toBeLessThan(2 * run.durationMs);
  }, 60_000);
});
