// waitAvailable (the stateful model's wait, and --cluster's) judges by what the endpoint shows once its time is
// up, not by when its own timer fired. Against the in-process mock, rules in flight are answered in microtasks
// only, so a busy rule starves every timer: the wait's 50 ms sleep fired seconds late, found its deadline passed
// and gave up, the verdict resting on its first look, taken before the copy could settle
// ("post-state.model-sequence: … never became available" at --num-runs 1000).
import { describe, expect, it } from 'vitest';
import type { RunContext } from '../../harness/run/context.js';
import { waitAvailable } from '../../harness/run/fixtures.js';
import { createDirectTarget, type Target } from '../../harness/transport/index.js';
import { createMockCore } from '../../mock/reference.js';

const form = { 'content-type': 'application/x-www-form-urlencoded' };
const body = (pairs: Record<string, string>) => new URLSearchParams({ Version: '2015-02-02', ...pairs }).toString();

/** The run's default target (the reference mock's plain answerer) on a clock the test moves; its DescribeSnapshots looks are recorded. */
function setup() {
  const clock = { now: 0 };
  const core = createMockCore({ settleMs: 20, now: () => clock.now });
  const looks: { name: string; at: number; status: string }[] = [];
  let onLook: (() => void) | undefined;
  const inner = createDirectTarget(core.answerWire, { timeoutMs: 5_000 });
  const target: Target = {
    ...inner,
    async send(req, opts) {
      const answer = await inner.send(req, opts);
      if (String(req.body).includes('Action=DescribeSnapshots')) {
        looks.push({ name: new URLSearchParams(String(req.body)).get('SnapshotName') ?? '', at: Date.now(), status: /<SnapshotStatus>([^<]*)</.exec(answer.body)?.[1] ?? `HTTP ${answer.status}` });
        onLook?.();
      }
      return answer;
    },
  };
  const ctx = { target, signal: new AbortController().signal } as unknown as RunContext;
  return { clock, core, looks, target, ctx, afterFirstLook: (fn: () => void) => (onLook = () => ((onLook = undefined), fn())) };
}

/** Keep the event loop busy with in-process requests only (microtasks: no timer can fire) for `ms`. */
async function starveTimers(target: Target, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) await target.send({ method: 'POST', path: '/', headers: form, body: body({ Action: 'DescribeSnapshots', SnapshotName: 'conformance-source' }) });
}

describe('waitAvailable', () => {
  it('a copy that settled while the event loop was starved past the deadline is available (its timer fired late)', async () => {
    const { clock, core, looks, target, ctx, afterFirstLook } = setup();
    const name = 'csc-wait0001-copy';
    const made = await target.send({ method: 'POST', path: '/', headers: form, body: body({ Action: 'CopySnapshot', SourceSnapshotName: 'conformance-source', TargetSnapshotName: name }) });
    expect(made.status).toBe(200);
    let starved: Promise<void> | undefined;
    // the condition of the bug: right after the first look (creating), other work holds the loop past the
    // deadline, and the copy settles meanwhile (the mock's clock moves on)
    afterFirstLook(() => {
      starved = starveTimers(target, 150).then(() => void (clock.now = 1_000));
    });
    const available = await waitAvailable(ctx, name, 50);
    await starved;
    expect(core.store.get(name)?.snapshot.SnapshotStatus).toBe('available');
    // the wait's own looks: the first (creating), and one after its starved timer fired (available)
    expect(looks.filter((l) => l.name === name).map((l) => l.status)).toEqual(['creating', 'available']);
    expect(available).toBe(true);
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
});
