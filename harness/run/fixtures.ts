// Resolve the fixtures of a run: declared ones, the mock's defaults, or discovered ones.
import type { Fixtures } from '../../specs/types.js';
import { EndpointUnreachableError } from '../errors.js';
import { ownershipTagKey, type RunContext } from './context.js';
import { createSnapshot, describeSnapshot, listSnapshots, listTags } from './endpoint-ops.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Poll until `name` is available; false only when a look sent once `timeoutMs` had passed still does not
 * show it available. The verdict rests on what the endpoint shows when the time is up, never on when this
 * process got round to its timer or to the answer: either can come seconds late (other rules in flight
 * against the in-process mock are answered in microtasks and starve timers), and a wait that gave up on
 * finding its deadline passed judged the endpoint by a look taken long before, right after the copy.
 */
export async function waitAvailable(ctx: RunContext, name: string, timeoutMs: number): Promise<boolean> {
  const client = ctx.target;
  const deadline = Date.now() + timeoutMs;
  for (let delay = 50; ; delay = Math.min(delay * 2, 5_000)) {
    const sentAt = Date.now();
    const found = await describeSnapshot(client, name);
    if ('exists' in found && found.exists && found.snapshot.SnapshotStatus === 'available') return true;
    // the last look is one sent at or after the deadline
    if (ctx.signal.aborted || sentAt >= deadline) return false;
    await sleep(Math.max(0, Math.min(delay, deadline - Date.now())));
  }
}

/**
 * Fill in what the run can find by itself: on a non-AWS endpoint without --source-snapshot, an available
 * snapshot from DescribeSnapshots; with --cluster, a source made by CreateSnapshot (owned, cleaned up).
 */
export async function completeFixtures(ctx: RunContext, declared: Fixtures): Promise<Fixtures> {
  const fixtures = { ...declared };
  const client = ctx.target;
  if (!fixtures.sourceSnapshot && fixtures.cluster) {
    const name = `${ctx.namePrefix}source`;
    ctx.budget.take();
    ctx.ledger.intent(name);
    const made = await createSnapshot(client, fixtures.cluster, name, [{ Key: ownershipTagKey, Value: ctx.runId }]);
    if ('problem' in made) throw new EndpointUnreachableError(`--cluster ${fixtures.cluster}: ${made.problem}`);
    ctx.ledger.answer(name, 200, made.SnapshotName);
    if (await waitAvailable(ctx, name, ctx.target.isAws ? 30 * 60_000 : 60_000)) fixtures.sourceSnapshot = name;
  }
  if (!fixtures.sourceSnapshot && !ctx.target.isAws) {
    const all = await listSnapshots(client).catch(() => []);
    const pick = all.find((s) => s.SnapshotStatus === 'available' && s.SnapshotName && !s.SnapshotName.startsWith(ctx.namePrefix));
    if (pick?.SnapshotName) fixtures.sourceSnapshot = pick.SnapshotName;
    const pending = all.find((s) => s.SnapshotStatus !== 'available' && s.SnapshotName && !s.SnapshotName.startsWith('csc-'));
    if (!fixtures.pendingSnapshot && pending?.SnapshotName) fixtures.pendingSnapshot = pending.SnapshotName;
  }
  return fixtures;
}

/** The source snapshot and its tags, for the post-state checks; also whether ListTagsForResource works. */
export async function inspectSource(ctx: RunContext): Promise<void> {
  const name = ctx.fixtures.sourceSnapshot;
  if (!name) return;
  const client = ctx.target;
  const found = await describeSnapshot(client, name);
  if ('problem' in found) throw new EndpointUnreachableError(found.problem);
  if (!found.exists) {
    delete ctx.fixtures.sourceSnapshot;
    return;
  }
  ctx.source.snapshot = found.snapshot;
  if (found.snapshot.ARN) {
    const tags = await listTags(client, found.snapshot.ARN);
    if (!('problem' in tags)) {
      ctx.source.tags = tags;
      ctx.canListTags = true;
    }
  }
}
