// The mock over real HTTP. The reference mock and its planted-bug variants are answered by their plain
// `answerWire` (the same behaviour the msw handlers wrap); other msw handlers are bridged with msw's
// `getResponse` (msw has no server of its own). The direct path reads what the msw bridge would hand the mock
// (method, URL query, body bytes) without a Fetch Request, Response and web stream per request: those cost
// the mock more than its own work.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestHandler } from 'msw';
import { errorXml } from '../protocol/index.js';
import type { MockOptions } from './handlers.js';
import { createMockCore } from './reference.js';
import type { MockAnswer } from './responses.js';
import { maxBodyBytes, type MockRequest } from './wire.js';

export interface MockServerOptions extends MockOptions {
  /** 0 (default) picks a free port */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
  /** serve these msw handlers instead of a new reference mock */
  handlers?: RequestHandler[];
  /** serve this plain answerer instead of a new reference mock (a planted-bug variant's `answerWire`) */
  answerWire?: (request: MockRequest) => MockAnswer;
}

export interface MockServer {
  url: string;
  close(): Promise<void>;
}

/** Headers that describe the connection, not the request: the Fetch Request gets the body itself. */
const hopByHop = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'upgrade', 'proxy-connection', 'te', 'trailer', 'expect']);

/** The body, keeping at most `cap` bytes: one byte more than the limit is enough for the handler to refuse it. */
function readBody(req: http.IncomingMessage, cap: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    req.on('data', (chunk: Buffer) => {
      if (kept >= cap) return; // keep draining so the connection stays usable
      const part = chunk.subarray(0, cap - kept);
      chunks.push(part);
      kept += part.byteLength;
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function toFetchRequest(req: http.IncomingMessage, body: Buffer | undefined, host: string): Request {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined && !hopByHop.has(k)) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
  return new Request(`http://${req.headers.host ?? host}${req.url ?? '/'}`, {
    method: req.method ?? 'GET',
    headers,
    ...(body !== undefined ? { body: new Uint8Array(body) } : {}),
  });
}

/** An ErrorResponse written by the bridge itself (no handler matched, or the request was unreadable). */
function bridgeError(res: http.ServerResponse, status: number, code: string, message: string): void {
  const requestId = randomUUID();
  const body = Buffer.from(errorXml({ type: 'Sender', code, message, requestId }));
  res.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId, 'content-length': String(body.byteLength) }).end(body);
}

/** What the msw bridge hands the mock for this request: Fetch drops content-length, so no header is read. */
function mockRequestOf(req: http.IncomingMessage, body: Buffer | undefined, host: string): MockRequest {
  const method = req.method ?? 'GET';
  const query = method === 'GET' ? new URL(`http://${req.headers.host ?? host}${req.url ?? '/'}`).search.slice(1) : '';
  return { method, query, body: method === 'POST' && body ? new Uint8Array(body.buffer, body.byteOffset, body.byteLength) : new Uint8Array(0) };
}

/** Write a plain answer as the msw bridge writes the Response made of it (lower-case names; Fetch's default type). */
function writeAnswer(res: http.ServerResponse, a: MockAnswer): void {
  const head: Record<string, string> = {};
  for (const [k, v] of Object.entries(a.headers)) head[k.toLowerCase()] = v;
  head['content-type'] ??= 'text/plain;charset=UTF-8';
  const out = Buffer.from(a.body, 'utf8');
  head['content-length'] = String(out.byteLength);
  res.writeHead(a.status, head).end(out);
}

export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const answerWire = options.handlers ? undefined : (options.answerWire ?? createMockCore(options).answerWire);
  const handlers = options.handlers;
  const getResponse = handlers ? (await import('msw')).getResponse : undefined;
  const host = options.host ?? '127.0.0.1';
  const server = http.createServer(async (req, res) => {
    try {
      const method = req.method ?? 'GET';
      const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(req, maxBodyBytes + 1);
      if (answerWire) return writeAnswer(res, answerWire(mockRequestOf(req, body, host)));
      const response = await getResponse!(handlers!, toFetchRequest(req, body, host));
      if (!response) return bridgeError(res, 404, 'UnknownEndpoint', `No handler serves ${method} ${req.url ?? '/'}.`);
      const out = Buffer.from(await response.arrayBuffer());
      const head: Record<string, string> = {};
      response.headers.forEach((v, k) => (head[k] = v));
      head['content-length'] = String(out.byteLength);
      res.writeHead(response.status, head).end(out);
    } catch {
      if (res.headersSent) res.end();
      else bridgeError(res, 400, 'InvalidRequest', 'The request could not be read.');
    }
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
