// The declared snapshot quota, through both transports.
import { CopySnapshotCommand, CreateSnapshotCommand } from '@aws-sdk/client-elasticache';
import { describe, expect, it } from 'vitest';
import { referenceFixtures } from '../../mock/index.js';
import { failure, useTransports } from './transports.js';

const source = referenceFixtures.sourceSnapshot!;
const copy = (TargetSnapshotName: string, TargetBucket?: string) => new CopySnapshotCommand({ SourceSnapshotName: source, TargetSnapshotName, ...(TargetBucket ? { TargetBucket } : {}) });

describe.each(useTransports({ quota: 3 }).transports)('snapshot quota over $name', (t) => {
  it('refuses a copy with 400 SnapshotQuotaExceededFault once the quota of manual snapshots is reached', async () => {
    const c = t.client();
    // seeded: two manual snapshots (conformance-source, conformance-pending) and one automated
    await c.send(copy('third'));
    expect(await failure(c.send(copy('fourth')))).toMatchObject({ code: 'SnapshotQuotaExceededFault', status: 400 });
    // an export creates no snapshot and is not held to the quota
    await c.send(copy('to-s3', referenceFixtures.exportBucket!));
    expect(await failure(c.send(new CreateSnapshotCommand({ CacheClusterId: 'conformance-cluster', SnapshotName: 'made' })))).toMatchObject({ code: 'SnapshotQuotaExceededFault', status: 400 });
  });
});
