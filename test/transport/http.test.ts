// The HTTP target against a local server: SigV4 headers (verified), Content-Length, keep-alive, the SDK client.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CopySnapshotCommand } from '@aws-sdk/client-elasticache';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpTarget, TransportError } from '../../harness/transport/index.js';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  socket: number;
}

const credentials = { accessKeyId: 'AKIDTRANSPORTTEST', secretAccessKey: 'transport-test-secret-0123456789abcdefghij', sessionToken: 'transport-test-session-token-XYZ' };
const copyXml = '<CopySnapshotResponse xmlns="http://elasticache.amazonaws.com/doc/2015-02-02/"><CopySnapshotResult><Snapshot><SnapshotName>t</SnapshotName></Snapshot></CopySnapshotResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></CopySnapshotResponse>';

let server: http.Server;
let url: string;
const seen: Seen[] = [];
const sockets = new WeakMap<object, number>();
let socketCount = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (!sockets.has(req.socket)) sockets.set(req.socket, ++socketCount);
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), socket: sockets.get(req.socket)! });
      res.writeHead(200, { 'Content-Type': 'text/xml', 'X-Amzn-RequestId': 'rid' }).end(copyXml);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

/** Recompute the signature the server would check, from what it received. */
async function expectedAuthorization(s: Seen, region: string): Promise<string> {
  const signer = new SignatureV4({ service: 'elasticache', region, credentials, sha256: Hash.bind(null, 'sha256'), uriEscapePath: true });
  const [path, query = ''] = s.url.split('?') as [string, string?];
  const q: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(query)) q[k] = v;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(s.headers)) if (k !== 'authorization' && k !== 'connection' && typeof v === 'string') headers[k] = v;
  const date = s.headers['x-amz-date'] as string;
  const signingDate = new Date(`${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 11)}:${date.slice(11, 13)}:${date.slice(13, 15)}Z`);
  const signed = await signer.sign(new HttpRequest({ method: s.method, hostname: '127.0.0.1', path, query: q, headers, body: s.body }), { signingDate });
  return signed.headers.authorization as string;
}

describe('HTTP target', () => {
  it('signs with SigV4 (elasticache, region), sets Content-Length and returns the answer', async () => {
    seen.length = 0;
    const target = createHttpTarget(url, { region: 'eu-west-1', timeoutMs: 2000, credentials });
    expect(target).toMatchObject({ kind: 'http', isAws: false, region: 'eu-west-1', label: url });
    const body = 'Action=CopySnapshot&Version=2015-02-02&SourceSnapshotName=s&TargetSnapshotName=t%C3%A9';
    const answer = await target.send({ method: 'POST', path: '/', headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': '9999' }, body });
    expect(answer).toMatchObject({ status: 200, body: copyXml, truncated: false, rawBytes: copyXml.length });
    expect(answer.headers['x-amzn-requestid']).toBe('rid');
    const s = seen[0]!;
    expect(s.body).toBe(body);
    expect(s.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    expect(s.headers['x-amz-security-token']).toBe(credentials.sessionToken);
    expect(s.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDTRANSPORTTEST\/\d{8}\/eu-west-1\/elasticache\/aws4_request, SignedHeaders=[^,]*content-length[^,]*, Signature=[0-9a-f]{64}$/);
    expect(s.headers.authorization).toBe(await expectedAuthorization(s, 'eu-west-1'));
    await target.close();
  });

  it('sends a GET query as given, Content-Length 0, under the endpoint base path', async () => {
    seen.length = 0;
    const target = createHttpTarget(`${url}/base/`, { timeoutMs: 2000, credentials });
    await target.send({ method: 'GET', path: '/', query: 'Action=CopySnapshot&Version=2015-02-02&X=a%20b', body: '' });
    expect(seen[0]).toMatchObject({ method: 'GET', url: '/base/?Action=CopySnapshot&Version=2015-02-02&X=a%20b' });
    expect(seen[0]!.headers['content-length']).toBe('0');
    expect(seen[0]!.headers.authorization).toBe(await expectedAuthorization(seen[0]!, 'us-east-1'));
    await target.close();
  });

  it('reuses kept-alive sockets across many requests', async () => {
    seen.length = 0;
    const target = createHttpTarget(url, { timeoutMs: 2000, credentials });
    for (let i = 0; i < 20; i++) await target.send({ method: 'POST', path: '/', body: `n=${i}` });
    expect(new Set(seen.map((s) => s.socket)).size).toBe(1);
    const started = performance.now();
    await Promise.all(Array.from({ length: 200 }, (_, i) => target.send({ method: 'POST', path: '/', body: `p=${i}` })));
    expect(performance.now() - started).toBeLessThan(3000);
    await target.close();
    await expect(target.send({ method: 'POST', path: '/', body: '' })).rejects.toMatchObject({ kind: 'aborted' });
  });

  it('retries once on a fresh socket when a kept-alive socket turns out closed (and only then)', async () => {
    const served = new WeakMap<object, number>();
    let connections = 0;
    let requests = 0;
    const flaky = http.createServer((req, res) => {
      requests++;
      const n = (served.get(req.socket) ?? 0) + 1;
      served.set(req.socket, n);
      if (n === 1) connections++;
      // the second request on any socket: reset, as a server closing an idle keep-alive socket does
      if (n > 1) return void req.socket.resetAndDestroy();
      req.resume().on('end', () => res.writeHead(200, { 'content-type': 'text/xml' }).end(copyXml));
    });
    await new Promise<void>((r) => flaky.listen(0, '127.0.0.1', r));
    const target = createHttpTarget(`http://127.0.0.1:${(flaky.address() as AddressInfo).port}`, { timeoutMs: 2000, credentials });
    try {
      expect((await target.send({ method: 'POST', path: '/', body: 'a=1' })).status).toBe(200);
      expect((await target.send({ method: 'POST', path: '/', body: 'a=2' })).status).toBe(200);
      expect({ connections, requests }).toEqual({ connections: 2, requests: 3 });
    } finally {
      await target.close();
      flaky.closeAllConnections();
      await new Promise((r) => flaky.close(r));
    }
  });

  it('signs with dummy credentials on loopback when the chain has none', async () => {
    seen.length = 0;
    const target = createHttpTarget(url.replace('127.0.0.1', 'localhost'), { timeoutMs: 5000 });
    await target.send({ method: 'POST', path: '/', body: 'x=1' });
    expect(seen[0]!.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=\w+\//);
    await target.close();
  });

  it('the SDK client goes through the target (re-signed with the target credentials)', async () => {
    seen.length = 0;
    const target = createHttpTarget(url, { region: 'us-west-2', timeoutMs: 2000, credentials });
    const out = await (await target.sdkClient()).send(new CopySnapshotCommand({ SourceSnapshotName: 's', TargetSnapshotName: 't' }));
    expect(out.Snapshot?.SnapshotName).toBe('t');
    expect(seen).toHaveLength(1);
    expect(seen[0]!.body).toContain('Action=CopySnapshot');
    expect(seen[0]!.headers.authorization).toContain('Credential=AKIDTRANSPORTTEST/');
    expect(seen[0]!.headers['user-agent']).toContain('aws-sdk-js');
    await target.close();
  });

  it('a request Node refuses (invalid header) is a TransportError whose message carries no secret', async () => {
    const target = createHttpTarget(url, { timeoutMs: 2000, credentials });
    const error = await target.send({ method: 'POST', path: '/', headers: { 'x-bad': 'a\nb' }, body: '' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).message).not.toMatch(/AWS4-HMAC|Signature=|transport-test-secret|session-token/);
    expect((error as TransportError).message).not.toContain('\n');
    await target.close();
  });

  it('labels strip credentials and queries; AWS hosts are kind aws', async () => {
    const t = createHttpTarget('https://user:pass@example.test:8443/p', { timeoutMs: 1000, credentials });
    expect(t.label).toBe('https://example.test:8443/p');
    const aws = createHttpTarget('https://elasticache.ap-south-1.amazonaws.com', { timeoutMs: 1000, credentials });
    expect(aws).toMatchObject({ kind: 'aws', isAws: true, region: 'ap-south-1' });
    await Promise.all([t.close(), aws.close()]);
  });
});
