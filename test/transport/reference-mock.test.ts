// The SDK client of an embedded target against the reference mock: a real CopySnapshot, in-process.
import { CopySnapshotCommand } from '@aws-sdk/client-elasticache';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEmbeddedTarget, resolveTarget, type WireRequest } from '../../harness/transport/index.js';
import { createReferenceMock, referenceFixtures } from '../../mock/index.js';

describe('embedded target over the reference mock', () => {
  it('performs a CopySnapshot through the SDK client and a fault through send()', async () => {
    const target = createEmbeddedTarget(createReferenceMock({ settleMs: 0 }).handlers, { timeoutMs: 2000 });
    const out = await (await target.sdkClient()).send(new CopySnapshotCommand({ SourceSnapshotName: referenceFixtures.sourceSnapshot!, TargetSnapshotName: 'transport-copy-1' }));
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
    const out = await (await target.sdkClient()).send(new CopySnapshotCommand({ SourceSnapshotName: referenceFixtures.sourceSnapshot!, TargetSnapshotName: 'transport-copy-2' }));
    expect(out.Snapshot?.SnapshotName).toBe('transport-copy-2');
  });

  it('resolveTarget with no endpoint and a default mock answers it directly, as its handlers would', async () => {
    vi.stubEnv('AWS_ENDPOINT_URL', '');
    vi.stubEnv('AWS_ENDPOINT_URL_ELASTICACHE', '');
    const mock = createReferenceMock({ settleMs: 0 });
    const direct = await resolveTarget({ timeoutMs: 2000, defaultMock: () => mock.answerWire });
    const viaMsw = createEmbeddedTarget(createReferenceMock({ settleMs: 0 }).handlers, { timeoutMs: 2000 });
    expect(direct.kind).toBe('embedded');
    // the same requests get the same answers (request ids aside) through both paths, odd ones included
    const requests: WireRequest[] = [
      { method: 'POST', path: '/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `Action=CopySnapshot&Version=2015-02-02&SourceSnapshotName=${referenceFixtures.sourceSnapshot!}&TargetSnapshotName=x%ZZ` },
      { method: 'GET', path: '/', query: `Action=CopySnapshot&Version=2015-02-02&SourceSnapshotName=missing&TargetSnapshotName=a b`, body: '' },
      { method: 'post', path: '/', body: new Uint8Array([0x41, 0x63, 0x74, 0x69, 0x6f, 0x6e, 0x3d, 0xff]) },
      { method: 'PUT', path: '/', body: 'Action=DescribeSnapshots&Version=2015-02-02' },
      { method: 'POST', path: '/', headers: { 'Content-Length': String(2 * 1024 * 1024) }, body: 'Action=DescribeSnapshots&Version=2015-02-02' },
      { method: 'POST', path: '/', body: 'Action=DescribeSnapshots&Version=2015-02-02&MaxRecords=20' },
    ];
    const strip = (a: { status: number; headers: Record<string, string>; body: string; rawBytes: number; truncated: boolean }) => ({
      status: a.status,
      type: a.headers['content-type'],
      body: a.body.replace(/[0-9a-f-]{36}/g, 'ID'),
      rawBytes: a.rawBytes,
      truncated: a.truncated,
    });
    for (const req of requests) expect(strip(await direct.send(req))).toEqual(strip(await viaMsw.send(req)));
    const out = await (await direct.sdkClient()).send(new CopySnapshotCommand({ SourceSnapshotName: referenceFixtures.sourceSnapshot!, TargetSnapshotName: 'transport-copy-3' }));
    expect(out.Snapshot?.SnapshotName).toBe('transport-copy-3');
    expect(mock.store.get('transport-copy-3')).toBeDefined();
  });
});
