// The mock over real HTTP: Node's http server bridged to the msw handlers (msw has no server of its own),
// so the handlers stay the one source of behaviour.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { getResponse, type RequestHandler } from 'msw';
import { createReferenceMock, maxBodyBytes, type MockOptions } from './handlers.js';

export interface MockServerOptions extends MockOptions {
  port?: number;
  host?: string;
  handlers?: RequestHandler[];
}

export interface MockServer {
  url: string;
  close(): Promise<void>;
}

function readBody(req: http.IncomingMessage, cap: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.byteLength;
      if (size <= cap) chunks.push(c);
    });
    req.on('end', () => resolve(size > cap ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const handlers = options.handlers ?? createReferenceMock(options).handlers;
  const host = options.host ?? '127.0.0.1';
  const server = http.createServer(async (req, res) => {
    try {
      const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await readBody(req, maxBodyBytes + 1);
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
      if (body === 'too-large') headers.set('content-length', String(maxBodyBytes + 1));
      const request = new Request(`http://${req.headers.host ?? host}${req.url ?? '/'}`, {
        method: req.method ?? 'GET',
        headers,
        ...(body !== undefined ? { body: (body === 'too-large' ? new Uint8Array(maxBodyBytes + 1) : body) as BodyInit } : {}),
      });
      const response = await getResponse(handlers, request);
      if (!response) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('no handler');
        return;
      }
      const out = Buffer.from(await response.arrayBuffer());
      const head: Record<string, string> = { 'content-length': String(out.byteLength) };
      response.headers.forEach((v, k) => (head[k] = v));
      res.writeHead(response.status, head).end(out);
    } catch {
      if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain' });
      res.end();
    }
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
