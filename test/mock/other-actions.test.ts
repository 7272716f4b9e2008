// CreateSnapshot, DescribeSnapshots, DeleteSnapshot, ListTagsForResource and the settle timer,
// through both transports, with the real SDK.
import { CopySnapshotCommand, CreateSnapshotCommand, DeleteSnapshotCommand, DescribeSnapshotsCommand, ListTagsForResourceCommand } from '@aws-sdk/client-elasticache';
import { describe, expect, it } from 'vitest';
import { readAnswer } from '../../protocol/index.js';
import { referenceFixtures, snapshotArn } from '../../mock/index.js';
import { service } from '../../specs/members.js';
import { failure, post, useTransports } from './transports.js';

const { transports, clock } = useTransports({ settleMs: 1000 });
const source = referenceFixtures.sourceSnapshot!;
const seeded = ['automatic.conformance-cluster-2026-01-01-00-00', 'conformance-pending', 'conformance-source'];

describe.each(transports)('other actions over $name', (t) => {
  const status = async (name: string) => (await t.client().send(new DescribeSnapshotsCommand({ SnapshotName: name }))).Snapshots?.[0]?.SnapshotStatus;

  it('settles a new snapshot from creating to available after settleMs; the pending fixture never settles', async () => {
    clock.now = 1_000_000;
    const c = t.client();
    await c.send(new CopySnapshotCommand({ SourceSnapshotName: source, TargetSnapshotName: 'settling' }));
    expect(await status('settling')).toBe('creating');
    clock.now += 999;
    expect(await status('settling')).toBe('creating');
    // a copy of a snapshot that is still creating is refused
    expect(await failure(c.send(new CopySnapshotCommand({ SourceSnapshotName: 'settling', TargetSnapshotName: 'x' })))).toMatchObject({ code: 'InvalidSnapshotState' });
    clock.now += 1;
    expect(await status('settling')).toBe('available');
    clock.now += 10 ** 9;
    expect(await status(referenceFixtures.pendingSnapshot!)).toBe('creating');
    await c.send(new CopySnapshotCommand({ SourceSnapshotName: 'settling', TargetSnapshotName: 'copy-of-settled' }));
  });

  it('creates a snapshot from the seeded cluster, by CacheClusterId or ReplicationGroupId, with tags', async () => {
    const c = t.client();
    const made = await c.send(new CreateSnapshotCommand({ CacheClusterId: referenceFixtures.cluster!, SnapshotName: 'Made-By-Create', Tags: [{ Key: 'k', Value: 'v' }] }));
    expect(made.Snapshot).toMatchObject({ SnapshotName: 'made-by-create', SnapshotStatus: 'creating', SnapshotSource: 'manual', CacheClusterId: 'conformance-cluster', ARN: snapshotArn('made-by-create') });
    expect((await c.send(new ListTagsForResourceCommand({ ResourceName: made.Snapshot!.ARN! }))).TagList).toEqual([{ Key: 'k', Value: 'v' }]);
    await c.send(new CreateSnapshotCommand({ ReplicationGroupId: referenceFixtures.cluster!, SnapshotName: 'by-group' }));
    expect(await failure(c.send(new CreateSnapshotCommand({ CacheClusterId: 'no-cluster', SnapshotName: 'x' })))).toMatchObject({ code: 'CacheClusterNotFound', status: 404, name: 'CacheClusterNotFoundFault' });
    expect(await failure(c.send(new CreateSnapshotCommand({ ReplicationGroupId: 'no-group', SnapshotName: 'x' })))).toMatchObject({ code: 'ReplicationGroupNotFoundFault', status: 404 });
    expect(await failure(c.send(new CreateSnapshotCommand({ CacheClusterId: referenceFixtures.cluster!, SnapshotName: 'MADE-by-create' })))).toMatchObject({ code: 'SnapshotAlreadyExistsFault', status: 400 });
    expect(await failure(c.send(new CreateSnapshotCommand({ CacheClusterId: referenceFixtures.cluster!, SnapshotName: 'x', Tags: Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}` })) })))).toMatchObject({ code: 'TagQuotaPerResourceExceeded' });
    expect(await failure(c.send(new CreateSnapshotCommand({ SnapshotName: 'x' })))).toMatchObject({ code: 'InvalidParameterValue', status: 400 });
  });

  it('describes by name (404 when absent), by cluster and by source', async () => {
    const c = t.client();
    const all = await c.send(new DescribeSnapshotsCommand({}));
    expect(all.Snapshots?.map((s) => s.SnapshotName)).toEqual(seeded);
    expect(all.Snapshots?.[2]?.NodeSnapshots?.[0]).toMatchObject({ CacheNodeId: '0001', CacheSize: '3 MB' });
    expect(await failure(c.send(new DescribeSnapshotsCommand({ SnapshotName: 'absent' })))).toMatchObject({ code: 'SnapshotNotFoundFault', status: 404 });
    expect((await c.send(new DescribeSnapshotsCommand({ SnapshotSource: 'system' }))).Snapshots?.map((s) => s.SnapshotName)).toEqual([seeded[0]]);
    expect((await c.send(new DescribeSnapshotsCommand({ SnapshotSource: 'user' }))).Snapshots?.map((s) => s.SnapshotName)).toEqual(seeded.slice(1));
    expect((await c.send(new DescribeSnapshotsCommand({ CacheClusterId: 'other' }))).Snapshots).toEqual([]);
    expect((await c.send(new DescribeSnapshotsCommand({ CacheClusterId: 'conformance-cluster' }))).Snapshots).toHaveLength(3);
    expect(await failure(c.send(new DescribeSnapshotsCommand({ SnapshotSource: 'manual' })))).toMatchObject({ code: 'InvalidParameterValue', status: 400 });
  });

  it('pages with MaxRecords and Marker, every snapshot exactly once', async () => {
    const c = t.client();
    for (let i = 0; i < 45; i++) await c.send(new CopySnapshotCommand({ SourceSnapshotName: source, TargetSnapshotName: `page-${String(i).padStart(2, '0')}` }));
    const seen: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const page = await c.send(new DescribeSnapshotsCommand({ MaxRecords: 20, ...(marker ? { Marker: marker } : {}) }));
      expect(page.Snapshots!.length).toBeLessThanOrEqual(20);
      seen.push(...page.Snapshots!.map((s) => s.SnapshotName!));
      marker = page.Marker;
      pages++;
    } while (marker);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(48);
    expect(new Set(seen).size).toBe(48);
    for (const bad of [19, 51]) expect(await failure(c.send(new DescribeSnapshotsCommand({ MaxRecords: bad })))).toMatchObject({ code: 'InvalidParameterValue', status: 400 });
  });

  it('deletes an available snapshot (answered as deleting), refuses creating and absent ones', async () => {
    clock.now = 5_000;
    const c = t.client();
    await c.send(new CopySnapshotCommand({ SourceSnapshotName: source, TargetSnapshotName: 'doomed' }));
    expect(await failure(c.send(new DeleteSnapshotCommand({ SnapshotName: 'doomed' })))).toMatchObject({ code: 'InvalidSnapshotState', status: 400 });
    clock.now += 1000;
    const deleted = await c.send(new DeleteSnapshotCommand({ SnapshotName: 'DOOMED' }));
    expect(deleted.Snapshot).toMatchObject({ SnapshotName: 'doomed', SnapshotStatus: 'deleting' });
    expect(await failure(c.send(new DescribeSnapshotsCommand({ SnapshotName: 'doomed' })))).toMatchObject({ code: 'SnapshotNotFoundFault', status: 404 });
    expect(await failure(c.send(new DeleteSnapshotCommand({ SnapshotName: 'doomed' })))).toMatchObject({ code: 'SnapshotNotFoundFault', status: 404 });
    // the name is free again
    await c.send(new CopySnapshotCommand({ SourceSnapshotName: source, TargetSnapshotName: 'doomed' }));
  });

  it('lists tags by snapshot ARN; refuses other ARNs and absent snapshots', async () => {
    const c = t.client();
    expect((await c.send(new ListTagsForResourceCommand({ ResourceName: snapshotArn(source) }))).TagList).toEqual([{ Key: 'origin', Value: 'conformance' }]);
    expect((await c.send(new ListTagsForResourceCommand({ ResourceName: snapshotArn(seeded[0]!) }))).TagList ?? []).toEqual([]);
    expect(await failure(c.send(new ListTagsForResourceCommand({ ResourceName: 'arn:aws:elasticache:us-east-1:000000000000:cluster:conformance-cluster' })))).toMatchObject({ code: 'InvalidARN', status: 400 });
    expect(await failure(c.send(new ListTagsForResourceCommand({ ResourceName: snapshotArn('absent') })))).toMatchObject({ code: 'SnapshotNotFoundFault', status: 404 });
  });

  // Object.prototype's own names must not be found in the action table (a plain-object lookup would
  // call Object() or toString() and answer 200 or 500)
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'])('answers Action=%s with 400 InvalidAction like any unknown action', async (action) => {
    const res = await post(t.url(), `Action=${action}&Version=${service.version}`);
    expect(res.status).toBe(400);
    const parsed = readAnswer(res.status, {}, await res.text());
    expect(parsed).toMatchObject({ kind: 'error', code: 'InvalidAction', type: 'Sender' });
    expect(parsed.kind === 'error' && parsed.message).toContain(action);
  });

  it.each(['toString', 'constructor', '__proto__'])('refuses DescribeSnapshots SnapshotSource=%s as an invalid value', async (source) => {
    const res = await post(t.url(), `Action=DescribeSnapshots&Version=${service.version}&SnapshotSource=${source}`);
    expect(res.status).toBe(400);
    expect(readAnswer(res.status, {}, await res.text())).toMatchObject({ kind: 'error', code: 'InvalidParameterValue' });
  });
});
