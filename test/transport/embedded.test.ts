// The embedded target: msw handlers answer in-process; every failure is a TransportError, never an escape.
import { CopySnapshotCommand } from '@aws-sdk/client-elasticache';
import { delay, http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createEmbeddedTarget, TransportError, type WireRequest } from '../../harness/transport/index.js';

const copyXml = (name: string) =>
  `<CopySnapshotResponse xmlns="http://elasticache.amazonaws.com/doc/2015-02-02/"><CopySnapshotResult><Snapshot><SnapshotName>${name}</SnapshotName><SnapshotStatus>creating</SnapshotStatus></Snapshot></CopySnapshotResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></CopySnapshotResponse>`;

const form = (body: string): WireRequest => ({ method: 'POST', path: '/', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body });

async function transportError(p: Promise<unknown>): Promise<TransportError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TransportError);
  return error as TransportError;
}

describe('embedded target', () => {
  it('answers through the handlers: status, lower-case headers, body, byte count', async () => {
    const seen: { method: string; contentType: string | null; body: string }[] = [];
    const target = createEmbeddedTarget(
      [
        http.post('*', async ({ request }) => {
          seen.push({ method: request.method, contentType: request.headers.get('content-type'), body: await request.text() });
          return new HttpResponse('<x>é</x>', { status: 201, headers: { 'Content-Type': 'text/xml', 'X-Amzn-RequestId': 'abc' } });
        }),
      ],
      { timeoutMs: 1000 },
    );
    const answer = await target.send(form('Action=CopySnapshot&Version=2015-02-02'));
    expect(answer).toMatchObject({ status: 201, body: '<x>é</x>', rawBytes: 9, truncated: false });
    expect(answer.headers).toMatchObject({ 'content-type': 'text/xml', 'x-amzn-requestid': 'abc' });
    expect(seen).toEqual([{ method: 'POST', contentType: 'application/x-www-form-urlencoded', body: 'Action=CopySnapshot&Version=2015-02-02' }]);
    expect(target).toMatchObject({ kind: 'embedded', isAws: false, region: 'us-east-1' });
    await target.close();
  });

  it('passes the query of a GET request and sends no body', async () => {
    const target = createEmbeddedTarget([http.get('*', ({ request }) => HttpResponse.text(new URL(request.url).search))], { timeoutMs: 1000 });
    const answer = await target.send({ method: 'GET', path: '/', query: 'Action=CopySnapshot&A=%20b', body: '' });
    expect(answer.body).toBe('?Action=CopySnapshot&A=%20b');
  });

  it('a handler that throws → TransportError protocol naming the problem in one line', async () => {
    const target = createEmbeddedTarget(
      [
        http.post('*', () => {
          throw new Error('boom\nsecond line');
        }),
      ],
      { timeoutMs: 1000 },
    );
    const error = await transportError(target.send(form('')));
    expect(error.kind).toBe('protocol');
    expect(error.message).toBe('a handler threw: boom');
  });

  it('a handler error that quotes a signature is redacted in the TransportError', async () => {
    const target = createEmbeddedTarget(
      [
        http.post('*', () => {
          throw new Error('bad request Authorization: AWS4-HMAC-SHA256 Credential=AKIDX/20260101/us-east-1/elasticache/aws4_request, Signature=0123456789abcdef0123');
        }),
      ],
      { timeoutMs: 1000 },
    );
    const error = await transportError(target.send(form('')));
    expect(error.message).toContain('[REDACTED]');
    expect(error.message).not.toContain('0123456789abcdef0123');
  });

  it('no handler answering → TransportError protocol', async () => {
    const target = createEmbeddedTarget([http.get('*', () => HttpResponse.text('only GET'))], { timeoutMs: 1000 });
    expect((await transportError(target.send(form('')))).kind).toBe('protocol');
    const passThrough = createEmbeddedTarget([http.post('*', () => undefined)], { timeoutMs: 1000 });
    expect((await transportError(passThrough.send(form('')))).kind).toBe('protocol');
  });

  it('HttpResponse.error() (a simulated network failure) → TransportError reset', async () => {
    const target = createEmbeddedTarget([http.post('*', () => HttpResponse.error())], { timeoutMs: 1000 });
    expect((await transportError(target.send(form('')))).kind).toBe('reset');
  });

  it('a handler slower than the timeout → TransportError timeout, on time', async () => {
    const target = createEmbeddedTarget([http.post('*', async () => (await delay(5000), HttpResponse.text('late')))], { timeoutMs: 5000 });
    const started = Date.now();
    const error = await transportError(target.send(form(''), { timeoutMs: 200 }));
    expect(error.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('a body that streams forever → timeout; a body over the cap → truncated at the cap', async () => {
    const endless = createEmbeddedTarget(
      [
        http.post('*', () => {
          let n = 0;
          const stream = new ReadableStream<Uint8Array>({
            async pull(c) {
              await new Promise((r) => setTimeout(r, 50));
              if (++n > 200) c.close();
              else c.enqueue(new Uint8Array([0x61]));
            },
          });
          return new HttpResponse(stream, { status: 200 });
        }),
      ],
      { timeoutMs: 300 },
    );
    expect((await transportError(endless.send(form('')))).kind).toBe('timeout');

    const big = createEmbeddedTarget([http.post('*', () => HttpResponse.text('x'.repeat(5000)))], { timeoutMs: 1000, maxBodyBytes: 1024 });
    const answer = await big.send(form(''));
    expect(answer).toMatchObject({ status: 200, truncated: true });
    expect(answer.body.length).toBe(1024);
    expect(answer.rawBytes).toBeGreaterThan(1024);
  });

  it('an aborted signal → TransportError aborted', async () => {
    const target = createEmbeddedTarget([http.post('*', async () => (await delay(2000), HttpResponse.text('late')))], { timeoutMs: 5000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    expect((await transportError(target.send(form(''), { signal: controller.signal }))).kind).toBe('aborted');
    expect((await transportError(target.send(form(''), { signal: AbortSignal.abort() }))).kind).toBe('aborted');
  });

  it('invalid UTF-8 from a handler becomes U+FFFD', async () => {
    const target = createEmbeddedTarget([http.post('*', () => new HttpResponse(new Uint8Array([0x3c, 0xff, 0x3e]), { status: 400 }))], { timeoutMs: 1000 });
    const answer = await target.send(form(''));
    expect(answer.body).toBe('<\uFFFD>');
    expect(answer.rawBytes).toBe(3);
  });

  it('the SDK client goes through the same handlers (maxAttempts 1)', async () => {
    const bodies: string[] = [];
    let calls = 0;
    const target = createEmbeddedTarget(
      [
        http.post('*', async ({ request }) => {
          calls++;
          bodies.push(await request.text());
          return HttpResponse.xml(copyXml('copied'));
        }),
      ],
      { timeoutMs: 1000 },
    );
    const client = target.sdkClient();
    expect(target.sdkClient()).toBe(client);
    const out = await (await client).send(new CopySnapshotCommand({ SourceSnapshotName: 'src', TargetSnapshotName: 'copied' }));
    expect(out.Snapshot?.SnapshotName).toBe('copied');
    expect(bodies[0]).toContain('Action=CopySnapshot');
    expect(bodies[0]).toContain('TargetSnapshotName=copied');

    const failing = createEmbeddedTarget(
      [
        http.post('*', () => {
          calls++;
          return HttpResponse.xml('<ErrorResponse><Error><Type>Receiver</Type><Code>ServiceUnavailable</Code><Message>x</Message></Error></ErrorResponse>', { status: 503 });
        }),
      ],
      { timeoutMs: 1000 },
    );
    calls = 0;
    await expect((await failing.sdkClient()).send(new CopySnapshotCommand({ SourceSnapshotName: 's', TargetSnapshotName: 't' }))).rejects.toMatchObject({ name: 'ServiceUnavailable' });
    expect(calls).toBe(1); // no SDK retries
  });
});
