// CopySnapshot against the reference mock, through both transports, with the real SDK.
import { CopySnapshotCommand, DescribeSnapshotsCommand, ListTagsForResourceCommand, type Tag } from '@aws-sdk/client-elasticache';
import { describe, expect, it } from 'vitest';
import { referenceFixtures } from '../../mock/index.js';
import { bucketConditions, exportObjectKey, renderExportMessage } from '../../specs/messages.js';
import { failure, useTransports } from './transports.js';

const { transports } = useTransports();
const source = referenceFixtures.sourceSnapshot!;
const tags = (n: number, prefix = 'k'): Tag[] => Array.from({ length: n }, (_, i) => ({ Key: `${prefix}${i}`, Value: `v${i}` }));
const copy = (input: Partial<ConstructorParameters<typeof CopySnapshotCommand>[0]>) => new CopySnapshotCommand({ SourceSnapshotName: source, TargetSnapshotName: 'copy', ...input } as ConstructorParameters<typeof CopySnapshotCommand>[0]);

describe.each(transports)('CopySnapshot over $name', (t) => {
  const names = async () => ((await t.client().send(new DescribeSnapshotsCommand({}))).Snapshots ?? []).map((s) => s.SnapshotName);

  it('refuses 51 tags with 400 TagQuotaPerResourceExceeded and accepts exactly 50', async () => {
    const c = t.client();
    expect(await failure(c.send(copy({ TargetSnapshotName: 't51', Tags: tags(51) })))).toMatchObject({ code: 'TagQuotaPerResourceExceeded', status: 400, type: 'Sender' });
    const ok = await c.send(copy({ TargetSnapshotName: 't50', Tags: tags(50) }));
    expect(ok.Snapshot).toMatchObject({ SnapshotName: 't50', SnapshotSource: 'manual', SnapshotStatus: 'creating', CacheClusterId: 'conformance-cluster', Engine: 'redis', EngineVersion: '7.1', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1, Port: 6379 });
    expect(ok.Snapshot?.ARN).toBe('arn:aws:elasticache:us-east-1:000000000000:snapshot:t50');
  });

  it('refuses aws: keys in any case, and does not count them toward the 50', async () => {
    const c = t.client();
    for (const key of ['aws:x', 'AWS:x', 'Aws:x'])
      expect(await failure(c.send(copy({ Tags: [{ Key: key, Value: 'y' }] })))).toMatchObject({ code: 'InvalidParameterValue', status: 400 });
    // 50 user tags plus one reserved key: refused for the key, not for the count
    expect(await failure(c.send(copy({ Tags: [...tags(50), { Key: 'aws:z' }] })))).toMatchObject({ code: 'InvalidParameterValue' });
  });

  it('counts tag lengths in code points: 128/256 astral characters pass, 129/257 do not', async () => {
    const c = t.client();
    await c.send(copy({ TargetSnapshotName: 'astral', Tags: [{ Key: '😀'.repeat(128), Value: '𝄞'.repeat(256) }] }));
    expect(await failure(c.send(copy({ Tags: [{ Key: '😀'.repeat(129) }] })))).toMatchObject({ code: 'InvalidParameterValue', status: 400 });
    expect(await failure(c.send(copy({ Tags: [{ Key: 'k', Value: 'v'.repeat(257) }] })))).toMatchObject({ code: 'InvalidParameterValue', status: 400 });
  });

  it('accepts tags without a Value, an empty Value, and Tags= (empty list)', async () => {
    const c = t.client();
    await c.send(copy({ TargetSnapshotName: 'nv', Tags: [{ Key: 'a' }, { Key: 'b', Value: '' }] }));
    await c.send(copy({ TargetSnapshotName: 'empty-list', Tags: [] }));
    expect(await names()).toEqual(expect.arrayContaining(['nv', 'empty-list']));
  });

  it('refuses a tag without a key, an empty key, and duplicate keys with 400 InvalidParameterValue', async () => {
    const c = t.client();
    for (const Tags of [[{ Value: 'v' }], [{ Key: '' }], [{ Key: 'a', Value: '1' }, { Key: 'a', Value: '2' }]])
      expect(await failure(c.send(copy({ Tags })))).toMatchObject({ code: 'InvalidParameterValue', status: 400 });
  });

  it('refuses missing and blank names with 400 InvalidParameterValue naming the parameter', async () => {
    const c = t.client();
    expect(await failure(c.send(copy({ SourceSnapshotName: undefined })))).toMatchObject({ code: 'InvalidParameterValue', status: 400, message: 'The parameter SourceSnapshotName must be provided and must not be blank.' });
    expect(await failure(c.send(copy({ TargetSnapshotName: '' })))).toMatchObject({ code: 'InvalidParameterValue', message: 'The parameter TargetSnapshotName must be provided and must not be blank.' });
  });

  it('refuses a missing source with 404 SnapshotNotFoundFault', async () => {
    expect(await failure(t.client().send(copy({ SourceSnapshotName: 'no-such-snapshot' })))).toMatchObject({ code: 'SnapshotNotFoundFault', status: 404, name: 'SnapshotNotFoundFault' });
  });

  it('stores names lowercase: BAR-X after bar-x is 400 SnapshotAlreadyExistsFault', async () => {
    const c = t.client();
    expect((await c.send(copy({ TargetSnapshotName: 'bar-x' }))).Snapshot?.SnapshotName).toBe('bar-x');
    expect(await failure(c.send(copy({ TargetSnapshotName: 'BAR-X' })))).toMatchObject({ code: 'SnapshotAlreadyExistsFault', status: 400 });
    expect((await c.send(copy({ TargetSnapshotName: 'Mixed-Case' }))).Snapshot?.SnapshotName).toBe('mixed-case');
    expect((await c.send(new DescribeSnapshotsCommand({ SnapshotName: 'MIXED-case' }))).Snapshots?.map((s) => s.SnapshotName)).toEqual(['mixed-case']);
  });

  it('refuses a copy onto its own name and a copy of a snapshot that is not available', async () => {
    const c = t.client();
    expect(await failure(c.send(copy({ TargetSnapshotName: source.toUpperCase() })))).toMatchObject({ code: 'SnapshotAlreadyExistsFault', status: 400 });
    expect(await failure(c.send(copy({ SourceSnapshotName: referenceFixtures.pendingSnapshot! })))).toMatchObject({ code: 'InvalidSnapshotState', status: 400 });
  });

  it('copies an automated snapshot into a manual one', async () => {
    const out = await t.client().send(copy({ SourceSnapshotName: 'automatic.conformance-cluster-2026-01-01-00-00', TargetSnapshotName: 'from-auto' }));
    expect(out.Snapshot).toMatchObject({ SnapshotName: 'from-auto', SnapshotSource: 'manual' });
  });

  it('refuses KmsKeyId with a TargetBucket (400 InvalidParameterCombination) but not with TargetBucket=', async () => {
    const c = t.client();
    expect(await failure(c.send(copy({ TargetBucket: referenceFixtures.exportBucket!, KmsKeyId: 'key' })))).toMatchObject({ code: 'InvalidParameterCombination', status: 400 });
    expect((await c.send(copy({ TargetSnapshotName: 'kms-plain', TargetBucket: '', KmsKeyId: 'key' }))).Snapshot).toMatchObject({ SnapshotName: 'kms-plain', KmsKeyId: 'key' });
    expect(await names()).toContain('kms-plain');
  });

  it.each(bucketConditions)('answers the seed message for an export to the %s bucket', async (condition) => {
    const bucket = referenceFixtures.buckets![condition]!;
    const target = condition === 'object-exists' ? referenceFixtures.existingExportTarget! : 'export-target';
    const f = await failure(t.client().send(copy({ TargetSnapshotName: target, TargetBucket: bucket })));
    expect(f).toMatchObject({ code: 'InvalidParameterValue', status: 400, type: 'Sender' });
    expect(f.message).toBe(renderExportMessage(condition, { bucket, key: exportObjectKey(target) }));
  });

  it('refuses an undeclared bucket, a non-DNS bucket name and a 1,001-character export name', async () => {
    const c = t.client();
    expect((await failure(c.send(copy({ TargetBucket: 'some-other-bucket' })))).message).toBe('The S3 bucket some-other-bucket does not exist.');
    for (const bucket of ['UPPER', 'ab', 'a'.repeat(64), '-lead', 'trail-', 'a..b', '192.168.0.1', 'under_score'])
      expect(await failure(c.send(copy({ TargetBucket: bucket })))).toMatchObject({ code: 'InvalidParameterValue', status: 400 });
    expect(await failure(c.send(copy({ TargetSnapshotName: 'n'.repeat(1001), TargetBucket: referenceFixtures.exportBucket! })))).toMatchObject({ code: 'InvalidParameterValue' });
  });

  it('exports to a usable bucket, records <target>-0001.rdb, and refuses the same export again', async () => {
    const c = t.client();
    const out = await c.send(copy({ TargetSnapshotName: 'exported', TargetBucket: referenceFixtures.exportBucket! }));
    expect(out.Snapshot?.SnapshotName).toBe('exported');
    expect(t.mock().store.objects.has(`${referenceFixtures.exportBucket}/exported-0001.rdb`)).toBe(true);
    expect((await failure(c.send(copy({ TargetSnapshotName: 'exported', TargetBucket: referenceFixtures.exportBucket! })))).message).toBe(
      renderExportMessage('object-exists', { bucket: referenceFixtures.exportBucket!, key: 'exported-0001.rdb' }),
    );
    // an export is not an ElastiCache snapshot
    expect(await names()).not.toContain('exported');
  });

  it("gives the copy the request's tags if any, else the source's", async () => {
    const c = t.client();
    const inherited = await c.send(copy({ TargetSnapshotName: 'inherits' }));
    expect((await c.send(new ListTagsForResourceCommand({ ResourceName: inherited.Snapshot!.ARN! }))).TagList).toEqual([{ Key: 'origin', Value: 'conformance' }]);
    const own = await c.send(copy({ TargetSnapshotName: 'own-tags', Tags: [{ Key: 'team', Value: 'ü & <x>' }, { Key: 'bare' }] }));
    expect((await c.send(new ListTagsForResourceCommand({ ResourceName: own.Snapshot!.ARN! }))).TagList).toEqual([{ Key: 'team', Value: 'ü & <x>' }, { Key: 'bare' }]);
  });

  it('changes nothing when it refuses', async () => {
    const before = await names();
    const c = t.client();
    await failure(c.send(copy({ TargetSnapshotName: 'refused', Tags: tags(51) })));
    await failure(c.send(copy({ TargetSnapshotName: source })));
    await failure(c.send(copy({ TargetSnapshotName: 'refused', TargetBucket: 'conformance-no-write' })));
    expect(await names()).toEqual(before);
    expect(t.mock().store.objects.size).toBe(1);
  });
});
