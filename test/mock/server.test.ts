// The HTTP server and the `mock` command on their own (no msw interception in this file).
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAnswer } from '../../protocol/index.js';
import { maxBodyBytes, startMockServer, type MockServer } from '../../mock/index.js';
import { mockCommand } from '../../cli/mock-command.js';
import { service } from '../../specs/members.js';

const head = `Action=CopySnapshot&Version=${service.version}`;

/** Send raw bytes on one TCP connection and collect everything until `responses` HTTP responses arrived. */
function exchange(url: string, chunks: (string | Buffer)[], responses: number): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    let text = '';
    const done = () => {
      socket.destroy();
      resolve(text);
    };
    socket.on('data', (d) => {
      text += d.toString('utf8');
      const complete = [...text.matchAll(/content-length: (\d+)\r\n[\s\S]*?\r\n\r\n/gi)];
      if (complete.length >= responses) {
        const last = complete[complete.length - 1]!;
        if (text.length >= last.index! + last[0].length + Number(last[1])) done();
      }
    });
    socket.on('error', reject);
    socket.on('end', done);
    (async () => {
      for (const c of chunks) if (!socket.write(c)) await new Promise((r) => socket.once('drain', r));
    })().catch(reject);
  });
}

function chunked(body: string): string {
  let out = '';
  for (let i = 0; i < body.length; i += 65536) {
    const part = body.slice(i, i + 65536);
    out += `${Buffer.byteLength(part).toString(16)}\r\n${part}\r\n`;
  }
  return `${out}0\r\n\r\n`;
}

describe('startMockServer', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({ port: 0, settleMs: 0 });
  });
  afterAll(async () => server.close());

  it('listens on 127.0.0.1 and a free port', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('refuses a chunked body over 1 MB with a 413 ErrorResponse and serves the next request on the same connection', async () => {
    const big = `${head}&KmsKeyId=${'x'.repeat(maxBodyBytes)}`;
    const describe = `Action=DescribeSnapshots&Version=${service.version}`;
    const text = await exchange(
      server.url,
      [
        `POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n${chunked(big)}`,
        `POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${describe.length}\r\n\r\n${describe}`,
      ],
      2,
    );
    const statuses = [...text.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => m[1]);
    expect(statuses).toEqual(['413', '200']);
    expect(text).toContain('<Code>RequestEntityTooLarge</Code>');
    expect(text).toContain('<DescribeSnapshotsResponse');
  });

  it('answers HEAD with a 405 status and no body', async () => {
    const res = await fetch(`${server.url}/`, { method: 'HEAD' });
    expect(res.status).toBe(405);
    expect(await res.text()).toBe('');
  });

  it('answers a request line it cannot route with an ErrorResponse, not a crash', async () => {
    const text = await exchange(server.url, ['OPTIONS * HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n'], 1);
    expect(text).toMatch(/^HTTP\/1\.1 4\d\d/);
    const body = text.slice(text.indexOf('\r\n\r\n') + 4);
    expect(readAnswer(405, {}, body)).toMatchObject({ kind: 'error', type: 'Sender' });
  });

  it('serves planted-bug handlers when given', async () => {
    const { mutants } = await import('../../mock/index.js');
    const variant = await startMockServer({ handlers: mutants.find((m) => m.id === 'not-found-400')!.create().handlers });
    try {
      const res = await fetch(`${variant.url}/`, { method: 'POST', body: `${head}&SourceSnapshotName=nope&TargetSnapshotName=x` });
      expect(res.status).toBe(400);
    } finally {
      await variant.close();
    }
  });

  it('reports a port in use as an error', async () => {
    const port = Number(new URL(server.url).port);
    await expect(startMockServer({ port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});

describe('mockCommand', () => {
  function io() {
    const out: string[] = [];
    const err: string[] = [];
    let stop!: () => void;
    const stopped = new Promise<void>((r) => (stop = r));
    return { out, err, stop, options: { out: (s: string) => out.push(s), err: (s: string) => err.push(s), stop: stopped } };
  }

  it('prints the URL and the seeded snapshots, serves, and stops cleanly with exit 0', async () => {
    const signalsBefore = process.listenerCount('SIGINT') + process.listenerCount('SIGTERM');
    const run = io();
    const exit = mockCommand(['--port', '0', '--settle-ms', '5', '--quota', '9'], run.options);
    await expect.poll(() => run.out.join('')).toContain('listening on http://127.0.0.1:');
    const printed = run.out.join('');
    for (const name of ['conformance-source', 'conformance-pending', 'automatic.conformance-cluster-2026-01-01-00-00', 'conformance-export-ok', 'snapshot quota: 9']) expect(printed).toContain(name);
    const url = /listening on (\S+)/.exec(printed)![1]!;
    const res = await fetch(`${url}/`, { method: 'POST', body: `Action=DescribeSnapshots&Version=${service.version}&SnapshotName=conformance-source` });
    expect(res.status).toBe(200);
    run.stop();
    expect(await exit).toBe(0);
    expect(run.out.join('')).toContain('reference mock stopped');
    expect(run.err).toEqual([]);
    expect(process.listenerCount('SIGINT') + process.listenerCount('SIGTERM')).toBe(signalsBefore);
    await expect(fetch(`${url}/`)).rejects.toThrow();
  });

  it.each([
    [['--port', 'abc']],
    [['--port', '70000']],
    [[]],
    [['--port', '0', '--settle-ms', '-1']],
    [['--port', '0', '--quota', '1.5']],
    [['--port', '0', '--bogus']],
    [['--port', '0', 'extra']],
    [['--port', '0', '--host', '']],
  ])('refuses %j with one line on stderr and exit 2', async (argv) => {
    const run = io();
    expect(await mockCommand(argv, run.options)).toBe(2);
    expect(run.err).toHaveLength(1);
    expect(run.err[0]!.trim().split('\n')).toHaveLength(1);
    expect(run.out).toEqual([]);
  });

  it('exits 2 when the port is taken', async () => {
    const server = await startMockServer();
    try {
      const run = io();
      expect(await mockCommand(['--port', new URL(server.url).port], run.options)).toBe(2);
      expect(run.err[0]).toContain('EADDRINUSE');
    } finally {
      await server.close();
    }
  });
});
