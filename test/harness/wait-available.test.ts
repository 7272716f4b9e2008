// waitAvailable (the stateful model's wait, and --cluster's) judges by what the endpoint shows once its time is
// up, not by when its own timer fired. Against the in-process mock, rules in flight are answered in microtasks
// only, so a busy rule starves every timer: the wait's 50 ms sleep fired seconds late, found its deadline passed
// and gave up, the verdict resting on its first look, taken before the copy could settle
// ("post-state.model-sequence: … never became available" at --num-runs 1000).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig, runSuite } from '../../cli/entry.js';
import type { RunContext } from '../../harness/run/context.js';
import { waitAvailable } from '../../harness/run/fixtures.js';
import { createDirectTarget, type Target } from '../../harness/transport/index.js';
import { referenceFixtures } from '../../mock/index.js';
import { createMockCore } from '../../mock/reference.js';

const form = { 'content-type': 'application/x-www-form-urlencoded' };
const body = (pairs: Record<string, string>) => new URLSearchParams({ Version: '2015-02-02', ...pairs }).toString();

/** The run's default target (the reference mock's plain answerer) on a clock the test moves; its DescribeSnapshots looks are recorded. */
function setup() {
  const clock = { now: 0 };
  const core = createMockCore({ settleMs: 20, now: () => clock.now });
  const looks: { name: string; at: number; status: string }[] = [];
  let onLook: ((name: string) => Promise<void> | undefined) | undefined;
  const inner = createDirectTarget(core.answerWire, { timeoutMs: 5_000 });
  const target: Target = {
    ...inner,
    async send(req, opts) {
      const answer = await inner.send(req, opts);
      if (String(req.body).includes('Action=DescribeSnapshots')) {
        const name = new URLSearchParams(String(req.body)).get('SnapshotName') ?? '';
        looks.push({ name, at: Date.now(), status: /<SnapshotStatus>([^<]*)</.exec(answer.body)?.[1] ?? `HTTP ${answer.status}` });
        await onLook?.(name);
      }
      return answer;
    },
  };
  const ctx = { target, signal: new AbortController().signal } as unknown as RunContext;
  return { clock, core, looks, target, ctx, onLook: (fn: typeof onLook) => (onLook = fn) };
}

/**
 * Keep the event loop busy for `ms` in a microtask (no timer can fire), as a busy run does: the in-process
 * target now gives the loop a turn every few ms, but any long stretch of work (a 1 MiB body, a shrink) can
 * still hold a timer back, and the wait must not read a late timer as the end of its time.
 */
async function starveTimers(ms: number): Promise<void> {
  await Promise.resolve();
  const until = Date.now() + ms;
  while (Date.now() < until);
}

/**
 * The condition of the bug: a copy (creating), the wait's first look, then other in-process work holds the event
 * loop past the wait's deadline while the copy settles (the mock's clock moves on). With `holdAnswer` the first
 * look's answer itself reaches the wait only after that (the wait finds its deadline passed on its first answer);
 * without, the wait goes on to its sleep and that timer fires late.
 */
async function starvedWait(holdAnswer: boolean) {
  const { clock, core, looks, target, ctx, onLook } = setup();
  const name = `csc-wait0001-${holdAnswer ? 'held' : 'late'}`;
  const made = await target.send({ method: 'POST', path: '/', headers: form, body: body({ Action: 'CopySnapshot', SourceSnapshotName: 'conformance-source', TargetSnapshotName: name }) });
  expect(made.status).toBe(200);
  let starved: Promise<void> | undefined;
  onLook((looked) => {
    if (looked !== name || starved) return undefined;
    starved = starveTimers(150).then(() => void (clock.now = 1_000));
    return holdAnswer ? starved : undefined;
  });
  const available = await waitAvailable(ctx, name, 50);
  await starved;
  expect(core.store.get(name)?.snapshot.SnapshotStatus).toBe('available');
  return { available, statuses: looks.filter((l) => l.name === name).map((l) => l.status) };
}

describe('waitAvailable', () => {
  it('a copy that settled while the event loop was starved past the deadline is available: its timer fired late', async () => {
    // the wait's own looks: the first (creating), and one after its starved timer fired (available)
    expect(await starvedWait(false)).toEqual({ available: true, statuses: ['creating', 'available'] });
  });

  it('a copy that settled while the event loop was starved past the deadline is available: its first answer came late', async () => {
    expect(await starvedWait(true)).toEqual({ available: true, statuses: ['creating', 'available'] });
  });

  it('a snapshot that never becomes available is still not available: false, after a look taken once the time is up', async () => {
    const { looks, ctx } = setup();
    const started = Date.now();
    // the seeded conformance-pending never leaves `creating`
    expect(await waitAvailable(ctx, 'conformance-pending', 120)).toBe(false);
    expect(looks.length).toBeGreaterThanOrEqual(2);
    expect(looks.every((l) => l.status === 'creating')).toBe(true);
    expect(looks[looks.length - 1]!.at - started).toBeGreaterThanOrEqual(120);
  });

  it('a name the endpoint does not have is never available', async () => {
    const { looks, ctx } = setup();
    expect(await waitAvailable(ctx, 'csc-wait0001-missing', 60)).toBe(false);
    expect(looks.every((l) => l.status === 'HTTP 404')).toBe(true);
  });

  it('an endpoint whose copies never become available still fails post-state.model-sequence, saying they stay creating', async () => {
    const reports = await mkdtemp(path.join(tmpdir(), 'wait-never-'));
    try {
      // the run's own in-process mock, except that copies stay `creating` for good; --timeout-ms 20 caps each wait at 20 ms
      const stuck = { fixtures: referenceFixtures, create: () => createMockCore({ settleMs: 1e12 }).answerWire };
      const config = await resolveConfig({}, { numRuns: 30, seed: 1, timeoutMs: 20, reports });
      const run = await runSuite(config, { defaultTarget: stuck, onlyRules: ['post-state.model-sequence'] });
      const rule = run.rules.find((r) => r.id === 'post-state.model-sequence')!;
      expect(rule.verdict).toBe('fail');
      expect(rule.failure?.reason).toMatch(/never became available( to delete)? \(at the end of the wait DescribeSnapshots still shows it creating\)/);
    } finally {
      await rm(reports, { recursive: true, force: true });
    }
  });
});
