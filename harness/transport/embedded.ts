// In-process target: msw request handlers answer Fetch Requests directly. No port, no network. Used for the
// user's `--handlers` and describeConformance's handlers; the run-owned reference mock uses direct.ts.
// msw is loaded on the first request (dynamic import): it is a large module a run without handlers never needs.
import type { RequestHandler } from 'msw';
import { startDeadline, type Deadline } from './deadline.js';
import { firstLine } from './errors.js';
import type { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { lazySdkClient } from './lazy-sdk.js';
import { defaultMaxBodyBytes, TransportError, type Send, type SendOptions, type Target, type WireAnswer, type WireRequest } from './types.js';

/** The origin embedded requests are addressed to; handlers should match any origin (e.g. `http.all('*', …)`). */
export const embeddedOrigin = 'http://elasticache.embedded.test';

const decoder = new TextDecoder('utf-8');

let msw: Promise<typeof import('msw')> | undefined;
const loadMsw = () => (msw ??= import('msw'));

function headersOf(response: Response): Record<string, string> {
  const out: Record<string, string> = {};
  response.headers.forEach((v, k) => (out[k.toLowerCase()] = v));
  return out;
}

/** Read at most `max` bytes of a body; a handler streaming forever is stopped by the deadline. */
async function readCapped(response: Response, max: number, deadline: Deadline): Promise<{ bytes: Uint8Array; rawBytes: number; truncated: boolean }> {
  if (!response.body) return { bytes: new Uint8Array(0), rawBytes: 0, truncated: false };
  const reader = response.body.getReader();
  deadline.onFire(() => void reader.cancel().catch(() => undefined));
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await deadline.race(reader.read());
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      chunks.push(value.subarray(0, value.byteLength - (size - max)));
      await reader.cancel().catch(() => undefined);
      return { bytes: concat(chunks, max), rawBytes: size, truncated: true };
    }
    chunks.push(value);
  }
  return { bytes: concat(chunks, size), rawBytes: size, truncated: false };
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

function fetchRequestOf(req: WireRequest): Request {
  const url = `${embeddedOrigin}${req.path.startsWith('/') ? '' : '/'}${req.path}${req.query !== undefined ? `?${req.query}` : ''}`;
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  const body = typeof req.body === 'string' ? req.body : new Uint8Array(req.body);
  return new Request(url, { method: req.method, headers: req.headers ?? {}, ...(hasBody ? { body } : {}) });
}

/** Answer `req` through `handlers`; every failure becomes a TransportError, never another exception. */
export async function answerThroughHandlers(handlers: readonly RequestHandler[], req: WireRequest, timeoutMs: number, max: number, signal?: AbortSignal): Promise<WireAnswer> {
  const started = performance.now();
  // msw loads on the first request, before its deadline starts: loading is this process's time, not the handlers'
  const { getResponse } = await loadMsw();
  const deadline = startDeadline(timeoutMs, signal);
  try {
    let request: Request;
    try {
      request = fetchRequestOf(req);
    } catch (error) {
      throw new TransportError('other', `the request cannot be built: ${firstLine(error)}`);
    }
    const response = await deadline.race(
      getResponse(handlers as RequestHandler[], request).catch((error: unknown) => {
        throw error instanceof TransportError ? error : new TransportError('protocol', `a handler threw: ${firstLine(error)}`);
      }),
    );
    if (!response) throw new TransportError('protocol', `no handler answered ${req.method} ${req.path}`);
    // msw's HttpResponse.error(): the handler simulates a network failure
    if (response.type === 'error') throw new TransportError('reset', 'the handler answered with a network error');
    const read = await readCapped(response, max, deadline).catch((error: unknown) => {
      throw error instanceof TransportError ? error : new TransportError('reset', `the handler's body failed: ${firstLine(error)}`);
    });
    return { status: response.status, headers: headersOf(response), body: decoder.decode(read.bytes), rawBytes: read.rawBytes, truncated: read.truncated, ...(read.truncated ? { capBytes: max } : {}), ms: performance.now() - started };
  } finally {
    deadline.clear();
  }
}

export interface EmbeddedOptions {
  kind?: 'embedded' | 'handlers';
  label?: string;
  region?: string;
  timeoutMs: number;
  maxBodyBytes?: number;
}

export function createEmbeddedTarget(handlers: RequestHandler[], options: EmbeddedOptions): Target {
  const max = options.maxBodyBytes ?? defaultMaxBodyBytes;
  return inProcessTarget((req: WireRequest, opts: SendOptions = {}) => answerThroughHandlers(handlers, req, opts.timeoutMs ?? options.timeoutMs, max, opts.signal), options);
}

/** A target that answers in this process (through msw, or the mock's own function): no network, no credentials. */
export function inProcessTarget(send: Send, options: EmbeddedOptions): Target {
  const region = options.region ?? 'us-east-1';
  let client: Promise<ElastiCacheClient> | undefined;
  return {
    kind: options.kind ?? 'embedded',
    label: options.label ?? 'embedded reference mock',
    region,
    isAws: false,
    send,
    sdkClient: () => (client ??= lazySdkClient(send, region, options.timeoutMs)),
    close: async () => {
      (await client?.catch(() => undefined))?.destroy();
    },
  };
}

