// The HTTP mock answers the reference mock and its planted bugs directly (no Fetch Request/Response per
// request); any other msw handlers through msw's bridge. Both paths must put the same bytes on the wire.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReferenceMock, maxBodyBytes, mutants, startMockServer, type MockServer } from '../../mock/index.js';
import { service } from '../../specs/members.js';

interface Raw {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** One request on its own connection; the answer as status, headers and body text. */
function send(url: string, r: Raw): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, method: r.method, path: r.path, headers: r.headers ?? {}, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined && k !== 'date' && k !== 'connection' && k !== 'keep-alive') headers[k] = String(v);
        resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.on('error', reject);
    req.end(r.body);
  });
}

/** Request IDs are random per answer: the same answer with another ID is the same answer. */
const sameIds = (a: { headers: Record<string, string>; body: string }) => {
  const id = a.headers['x-amzn-requestid'] ?? '';
  return { ...a, headers: { ...a.headers, 'x-amzn-requestid': id ? 'ID' : '' }, body: id ? a.body.split(id).join('ID') : a.body };
};

const form = { 'content-type': 'application/x-www-form-urlencoded' };
const v = `Version=${service.version}`;
const requests: Raw[] = [
  { method: 'POST', path: '/', headers: form, body: `Action=CopySnapshot&${v}&SourceSnapshotName=conformance-source&TargetSnapshotName=Copy-1&Tags.Tag.1.Key=k&Tags.Tag.1.Value=v` },
  { method: 'POST', path: '/', headers: form, body: `Action=CopySnapshot&${v}&SourceSnapshotName=conformance-source&TargetSnapshotName=copy-1` },
  { method: 'POST', path: '/', headers: form, body: `Action=CopySnapshot&${v}&SourceSnapshotName=missing&TargetSnapshotName=copy-2` },
  { method: 'POST', path: '/', headers: form, body: `Action=DescribeSnapshots&${v}&SnapshotName=copy-1` },
  { method: 'POST', path: '/', headers: form, body: `Action=DescribeSnapshots&${v}&MaxRecords=20` },
  { method: 'POST', path: '/', headers: form, body: `Action=CopySnapshot&${v}&SourceSnapshotName=%ZZ` },
  { method: 'POST', path: '/', headers: form, body: Buffer.from([0x41, 0x63, 0x74, 0x69, 0x6f, 0x6e, 0x3d, 0xff, 0xfe]) },
  { method: 'POST', path: '/', headers: form, body: `${v}&SourceSnapshotName=a` },
  { method: 'POST', path: '/', headers: form, body: `Action=CopySnapshot&${v}&KmsKeyId=${'k'.repeat(maxBodyBytes)}` },
  { method: 'GET', path: `/?Action=CopySnapshot&${v}&SourceSnapshotName=conformance-source&TargetSnapshotName=get%20copy` },
  { method: 'GET', path: '/some/path?Action=DescribeSnapshots&Version=2015-02-02' },
  { method: 'PUT', path: '/', headers: form, body: `Action=CopySnapshot&${v}` },
  { method: 'DELETE', path: '/' },
  { method: 'HEAD', path: '/' },
  { method: 'POST', path: '/', headers: { 'content-type': 'text/plain' }, body: `Action=Nope&${v}` },
];

describe('startMockServer: the direct path and the msw bridge', () => {
  const fixed = () => Date.parse('2026-01-02T03:04:05Z');
  let direct: MockServer;
  let bridged: MockServer;
  beforeAll(async () => {
    direct = await startMockServer({ answerWire: createReferenceMock({ settleMs: 0, now: fixed }).answerWire });
    bridged = await startMockServer({ handlers: createReferenceMock({ settleMs: 0, now: fixed }).handlers });
  });
  afterAll(async () => Promise.all([direct.close(), bridged.close()]));

  it('put the same status, headers and body on the wire, request after request (state included)', async () => {
    for (const r of requests) {
      const [a, b] = [await send(direct.url, r), await send(bridged.url, r)];
      expect(sameIds(a), `${r.method} ${r.path} ${String(r.body ?? '').slice(0, 80)}`).toEqual(sameIds(b));
    }
  });

  it('serves a planted bug directly as it serves it through msw', async () => {
    const bug = mutants.find((m) => m.id === 'accepts-51-tags')!;
    const [a, b] = [await startMockServer({ answerWire: bug.create({ settleMs: 0, now: fixed }).answerWire }), await startMockServer({ handlers: bug.create({ settleMs: 0, now: fixed }).handlers })];
    try {
      const tags = Array.from({ length: 51 }, (_, i) => `Tags.Tag.${i + 1}.Key=k${i}`).join('&');
      const r: Raw = { method: 'POST', path: '/', headers: form, body: `Action=CopySnapshot&${v}&SourceSnapshotName=conformance-source&TargetSnapshotName=t51&${tags}` };
      const [x, y] = [await send(a.url, r), await send(b.url, r)];
      expect(x.status).toBe(200);
      expect(sameIds(x)).toEqual(sameIds(y));
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
