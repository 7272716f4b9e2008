// The SDK client of an embedded target against the reference mock: a real CopySnapshot, in-process.
import { CopySnapshotCommand } from '@aws-sdk/client-elasticache';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEmbeddedTarget, resolveTarget } from '../../harness/transport/index.js';
import { createReferenceMock, referenceFixtures } from '../../mock/index.js';

describe('embedded target over the reference mock', () => {
  it('performs a CopySnapshot through the SDK client and a fault through send()', async () => {
    const target = createEmbeddedTarget(createReferenceMock({ settleMs: 0 }).handlers, { timeoutMs: 2000 });
    const out = await target.sdkClient().send(new CopySnapshotCommand({ SourceSnapshotName: referenceFixtures.sourceSnapshot!, TargetSnapshotName: 'transport-copy-1' }));
    expect(out.Snapshot).toMatchObject({ SnapshotName: 'transport-copy-1', SnapshotStatus: 'creating' });

    const again = await target.send({
      method: 'POST',
      path: '/',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `Action=CopySnapshot&Version=2015-02-02&SourceSnapshotName=${referenceFixtures.sourceSnapshot!}&TargetSnapshotName=transport-copy-1`,
    });
    expect(again.status).toBe(400);
    expect(again.body).toContain('<Code>SnapshotAlreadyExistsFault</Code>');
    await target.close();
  });

  afterEach(() => void vi.unstubAllEnvs());

  it('resolveTarget with no endpoint uses the default handlers', async () => {
    vi.stubEnv('AWS_ENDPOINT_URL', '');
    vi.stubEnv('AWS_ENDPOINT_URL_ELASTICACHE', '');
    const target = await resolveTarget({ timeoutMs: 2000, defaultHandlers: () => createReferenceMock({ settleMs: 0 }).handlers });
    expect(target.kind).toBe('embedded');
    const out = await target.sdkClient().send(new CopySnapshotCommand({ SourceSnapshotName: referenceFixtures.sourceSnapshot!, TargetSnapshotName: 'transport-copy-2' }));
    expect(out.Snapshot?.SnapshotName).toBe('transport-copy-2');
  });
});
