// The reference mock through both transports (msw in-process, real HTTP) with the real SDK.
import { CopySnapshotCommand, DeleteSnapshotCommand, DescribeSnapshotsCommand, ElastiCacheClient, ListTagsForResourceCommand, type Tag } from '@aws-sdk/client-elasticache';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createReferenceMock, startMockServer, type MockServer } from '../../mock/index.js';
import { exportMessages, renderExportMessage, exportObjectKey } from '../../specs/messages.js';
import { referenceFixtures } from '../../mock/fixtures.js';
import type { BucketCondition } from '../../specs/types.js';

const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' };
const client = (endpoint: string) => new ElastiCacheClient({ region: 'us-east-1', endpoint, credentials, maxAttempts: 1 });
const tags = (n: number, prefix = 'k'): Tag[] => Array.from({ length: n }, (_, i) => ({ Key: `${prefix}${i}`, Value: `v${i}` }));

async function failure(promise: Promise<unknown>): Promise<{ code?: string; status?: number; message?: string; type?: string }> {
  try {
    await promise;
  } catch (e) {
    const err = e as { Code?: string; Type?: string; message?: string; $metadata?: { httpStatusCode?: number } };
    return { code: err.Code, status: err.$metadata?.httpStatusCode, message: err.message, type: err.Type };
  }
  throw new Error('expected the request to fail');
}

const mockInProcess = createReferenceMock({ settleMs: 0, baseUrl: 'https://elasticache.mock.test' });
const msw = setupServer(...mockInProcess.handlers);
let server: MockServer;
const mockOverHttp = createReferenceMock({ settleMs: 0 });

beforeAll(async () => {
  msw.listen({ onUnhandledRequest: 'bypass' });
  server = await startMockServer({ handlers: mockOverHttp.handlers });
});
afterAll(async () => {
  msw.close();
  await server.close();
});
beforeEach(() => {
  mockInProcess.reset();
  mockOverHttp.reset();
});

const transports = [
  ['msw in-process', () => client('https://elasticache.mock.test')],
  ['HTTP server', () => client(server.url)],
] as const;

describe.each(transports)('reference mock over %s', (_name, make) => {
  const source = referenceFixtures.sourceSnapshot!;

  it('refuses 51 tags with 400 TagQuotaPerResourceExceeded and accepts 50', async () => {
    const c = make();
    expect(await failure(c.send(new CopySnapshotCommand({ SourceSnapshotName: source, TargetSnapshotName: 't51', Tags: tags(51) })))).toMatchObject({ code: 'TagQuotaPerResourceExceeded', status: 400, type: 'Sender' });
    const ok = await c.send(new CopySnapshotCommand({ SourceSnapshotName: source, TargetSnapshotName: 't50', Tags: tags(50) }));
    expect(ok.Snapshot).toMatchObject({ SnapshotName: 't50', SnapshotSource: 'manual', SnapshotStatus: 'creating', CacheClusterId: 'conformance-cluster' });
  });

  it('does not count aws: keys toward the limit but refuses them as keys', async () => {
    const c = make();
    expect(await failure(c.send(new CopySnapshotCommand({ SourceSnapshotName: source, TargetSnapshotName: 'aws1', Tags: [...tags(50), { Key: 'AWS:x', Value: 'y' }] })))).toMatchObject({ code: 'InvalidParameterValue' });
  });

  it('refuses a missing source with 404 SnapshotNotFoundFault', async () => {
    expect(await failure(make().send(new CopySnapshotCommand({ SourceSnapshotName: 'nope', TargetSnapshotName: 'x' })))).toMatchObject({ code: 'SnapshotNotFoundFault', status: 404 });
  });

  it('stores names lowercase: BAR-X after bar-x collides', async () => {
    const c = make();
    await c.send(new CopySnapshotCommand({ SourceSnapshotName: source, TargetSnapshotName: 'bar-x' }));
    expect(await failure(c.send(new CopySnapshotCommand({ SourceSnapshotName: source, TargetSnapshotName: 'BAR-X' })))).toMatchObject({ code: 'SnapshotAlreadyExistsFault', status: 400 });
    const out = await c.send(new DescribeSnapshotsCommand({ SnapshotName: 'Bar-X' }));
    expect(out.Snapshots?.map((s) => s.SnapshotName)).toEqual(['bar-x']);
  });

  it('refuses copying a snapshot onto itself and copying a pending one', async () => {
    const c = make();
    expect(await failure(c.send(new CopySnapshotCommand({ SourceSnapshotName: source, TargetSnapshotName: source.toUpperCase() })))).toMatchObject({ code: 'SnapshotAlreadyExistsFault' });
    expect(await failure(c.send(new CopySnapshotCommand({ SourceSnapshotName: referenceFixtures.pendingSnapshot!, TargetSnapshotName: 'p' })))).toMatchObject({ code: 'InvalidSnapshotState', status: 400 });
  });

  it.each(Object.keys(exportMessages) as BucketCondition[])('produces the seed message for an export to a %s bucket', async (condition) => {
    const bucket = referenceFixtures.buckets![condition]!;
    const target = condition === 'object-exists' ? referenceFixtures.existingExportTarget! : 'export-target';
    const f = await failure(make().send(new CopySnapshotCommand({ SourceSnapshotName: source, TargetSnapshotName: target, TargetBucket: bucket })));
    expect(f).toMatchObject({ code: 'InvalidParameterValue', status: 400 });
    expect(f.message).toBe(renderExportMessage(condition, { bucket, key: exportObjectKey(target) }));
  });

  it('copies tags from the source when the request has none, and lists, deletes', async () => {
    const c = make();
    const out = await c.send(new CopySnapshotCommand({ SourceSnapshotName: source, TargetSnapshotName: 'tagged', TargetBucket: '' }));
    const listed = await c.send(new ListTagsForResourceCommand({ ResourceName: out.Snapshot!.ARN! }));
    expect(listed.TagList).toEqual([{ Key: 'origin', Value: 'conformance' }]);
    await c.send(new DeleteSnapshotCommand({ SnapshotName: 'tagged' }));
    expect(await failure(c.send(new DescribeSnapshotsCommand({ SnapshotName: 'tagged' })))).toMatchObject({ code: 'SnapshotNotFoundFault', status: 404 });
  });

  it('pages DescribeSnapshots with MaxRecords and Marker', async () => {
    const c = make();
    for (let i = 0; i < 25; i++) await c.send(new CopySnapshotCommand({ SourceSnapshotName: source, TargetSnapshotName: `page-${i}` }));
    const first = await c.send(new DescribeSnapshotsCommand({ MaxRecords: 20 }));
    expect(first.Snapshots).toHaveLength(20);
    const second = await c.send(new DescribeSnapshotsCommand({ MaxRecords: 20, Marker: first.Marker! }));
    expect(first.Snapshots!.length + second.Snapshots!.length).toBe(28);
    expect(second.Marker).toBeUndefined();
  });
});

describe('bad wire input', () => {
  const mock = createReferenceMock();
  const post = (body: BodyInit, init: RequestInit = {}) => mock.answer(new Request('http://m.test/', { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' }, ...init }));
  it.each([
    ['bad percent-encoding', 'Action=CopySnapshot&Version=2015-02-02&SourceSnapshotName=%zz'],
    ['invalid UTF-8', 'Action=CopySnapshot&Version=2015-02-02&SourceSnapshotName=%C3%28'],
    ['missing Action', 'Version=2015-02-02'],
    ['missing Version', 'Action=CopySnapshot'],
    ['other Version', 'Action=CopySnapshot&Version=2014-09-30'],
    ['duplicate keys', 'Action=CopySnapshot&Version=2015-02-02&SourceSnapshotName=a&SourceSnapshotName=b'],
    ['unknown action', 'Action=Nope&Version=2015-02-02'],
    ['over 1 MB', `Action=CopySnapshot&Version=2015-02-02&KmsKeyId=${'x'.repeat(1024 * 1024)}`],
  ])('%s gets a 4xx ErrorResponse', async (_name, body) => {
    const res = await post(body);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const text = await res.text();
    expect(text).toContain('<ErrorResponse');
    expect(text).toContain('<Type>Sender</Type>');
  });
  it('answers another method with a 4xx', async () => {
    const res = await mock.answer(new Request('http://m.test/', { method: 'PUT', body: 'x' }));
    expect(res.status).toBe(405);
  });
});
