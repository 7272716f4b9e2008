// Every broken server yields the right TransportError kind, or an answer flagged by status / truncated,
// within the timeout and with the read capped.
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpTarget, EndpointHealth, TransportError, transportErrorOf, type Target, type WireAnswer } from '../../harness/transport/index.js';
import { brokenServers, type BrokenServer, type BrokenServerSpec } from '../fixtures/broken-servers.js';

const timeoutMs = 400;
const credentials = { accessKeyId: 'AKIDBROKEN', secretAccessKey: 'broken-server-secret-value-0123456789' };
const open: { server: BrokenServer; target: Target }[] = [];

afterEach(async () => {
  for (const { server, target } of open.splice(0)) await Promise.all([target.close(), server.close()]);
});

async function exchange(spec: BrokenServerSpec, maxBodyBytes?: number): Promise<{ answer?: WireAnswer; error?: TransportError; ms: number }> {
  const server = await spec.start();
  const target = createHttpTarget(server.url, { timeoutMs, credentials, ...(maxBodyBytes ? { maxBodyBytes } : {}) });
  open.push({ server, target });
  const started = performance.now();
  try {
    const answer = await target.send({ method: 'POST', path: '/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=CopySnapshot&Version=2015-02-02' });
    return { answer, ms: performance.now() - started };
  } catch (error) {
    if (!(error instanceof TransportError)) throw error;
    expect(error.message).not.toContain('\n');
    expect(error.message).not.toMatch(/AWS4-HMAC|Signature=|broken-server-secret/);
    return { error, ms: performance.now() - started };
  }
}

describe('HTTP target against broken servers', () => {
  it.each([
    ['neverAnswers', 'timeout'],
    ['dripsOneByteASecond', 'timeout'],
    ['resetsConnection', 'reset'],
    ['closesMidBody', 'reset'],
    ['refusesConnections', 'refused'],
    ['speaksGarbage', 'protocol'],
    ['hugeHeaders', 'too-large'],
  ] as const)('%s → TransportError %s within the timeout', async (name, kind) => {
    const { error, ms } = await exchange(brokenServers[name]);
    expect(error?.kind).toBe(kind);
    expect(ms).toBeLessThan(timeoutMs + 300);
  });

  it('a 10 MB body is cut at the cap: truncated, the socket dropped, fast', async () => {
    const { answer, ms } = await exchange(brokenServers.tenMegabytes, 64 * 1024);
    expect(answer).toMatchObject({ status: 200, truncated: true });
    expect(answer!.body.length).toBe(64 * 1024);
    expect(answer!.rawBytes).toBeGreaterThan(64 * 1024);
    expect(answer!.rawBytes).toBeLessThan(10 * 1024 * 1024);
    expect(ms).toBeLessThan(timeoutMs);
  });

  it('the default cap (2 MiB) holds for the 10 MB body too', async () => {
    const { answer } = await exchange(brokenServers.tenMegabytes);
    expect(answer).toMatchObject({ truncated: true });
    expect(Buffer.byteLength(answer!.body)).toBe(2 * 1024 * 1024);
  });

  it('answers that are wrong but complete come back as they are, for the checks to judge', async () => {
    const nonXml = (await exchange(brokenServers.answersNonXml)).answer!;
    expect(nonXml).toMatchObject({ status: 200, truncated: false, headers: { 'content-type': 'text/plain' } });
    expect(nonXml.body).not.toMatch(/^</);

    const json = (await exchange(brokenServers.answersJson)).answer!;
    expect(json.status).toBe(400);
    expect(JSON.parse(json.body)).toHaveProperty('__type');

    const html = (await exchange(brokenServers.wrongContentType)).answer!;
    expect(html).toMatchObject({ status: 200, headers: { 'content-type': 'text/html' } });
    expect(html.body).toContain('<CopySnapshotResponse');

    const error200 = (await exchange(brokenServers.errorWith200)).answer!;
    expect(error200.status).toBe(200);
    expect(error200.body).toContain('<ErrorResponse');
  });

  it('invalid UTF-8 is decoded with U+FFFD and counted in raw bytes', async () => {
    const { answer } = await exchange(brokenServers.invalidUtf8);
    expect(answer!.status).toBe(400);
    expect(answer!.body).toContain('\uFFFD');
    expect(answer!.body).toContain('<Code>InvalidParameterValue</Code>');
    expect(answer!.rawBytes).toBeGreaterThan(Buffer.byteLength(answer!.body.replace(/\uFFFD/g, '')));
  });

  it('EndpointHealth: three refusals in a row mark the endpoint down; any answer resets the count', async () => {
    const server = await brokenServers.refusesConnections.start();
    const target = createHttpTarget(server.url, { timeoutMs, credentials });
    open.push({ server, target });
    const health = new EndpointHealth();
    for (let i = 0; i < 3; i++) {
      expect(health.isDown()).toBe(false);
      await target.send({ method: 'POST', path: '/', body: '' }).then(
        () => health.success(),
        (e: TransportError) => health.record(e),
      );
    }
    expect(health.isDown()).toBe(true);
    expect(health.reason()).toMatch(/3 times in a row \(last: refused: connection refused by 127\.0\.0\.1:\d+\)/);
  });
});

describe('socket error codes → kinds', () => {
  it.each([
    ['ECONNREFUSED', 'refused'],
    ['EHOSTUNREACH', 'refused'],
    ['ECONNRESET', 'reset'],
    ['EPIPE', 'reset'],
    ['ENOTFOUND', 'dns'],
    ['EAI_AGAIN', 'dns'],
    ['ETIMEDOUT', 'timeout'],
    ['HPE_HEADER_OVERFLOW', 'too-large'],
    ['HPE_INVALID_CONSTANT', 'protocol'],
    ['EPROTO', 'protocol'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'other'],
    ['EWHATEVER', 'other'],
  ] as const)('%s → %s, one line naming the host', (code, kind) => {
    const error = Object.assign(new Error(`${code} happened\nat some/stack.js:1`), { code });
    const mapped = transportErrorOf(error, 'example.test:443');
    expect(mapped.kind).toBe(kind);
    expect(mapped.message).toContain('example.test:443');
    expect(mapped.message).not.toContain('\n');
  });
});
