// In-process target over a plain answerer (the run-owned reference mock's `answerWire`): form body in,
// status/headers/XML out. No Fetch Request/Response, web stream or msw per request; what the answerer sees
// is what an msw handler would have read off the equivalent Fetch Request (method, query, body bytes).
import { embeddedOrigin, inProcessTarget, type EmbeddedOptions } from './embedded.js';
import { firstLine } from './errors.js';
import { defaultMaxBodyBytes, TransportError, type Send, type SendOptions, type Target, type WireAnswer, type WireRequest } from './types.js';

const decoder = new TextDecoder('utf-8');

/** A request as plain data for an in-process answerer: what an msw handler would read off the Fetch Request. */
export interface DirectRequest {
  /** upper-case for the standard methods, as Fetch normalizes them */
  method: string;
  /** the query string as a URL parser leaves it, without `?` */
  query: string;
  /** lower-case names */
  headers: Record<string, string>;
  body: Uint8Array;
}

export interface DirectAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Answers one request synchronously (the reference mock's `answerWire`). */
export type DirectAnswerer = (req: DirectRequest) => DirectAnswer;

const encoder = new TextEncoder();
/** Methods Fetch upper-cases (any other spelling is sent as written). */
const normalizedMethods = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);

/** What `fetchRequestOf` + an msw handler would see, built without Fetch: same method, query and body bytes. */
function directRequestOf(req: WireRequest): DirectRequest {
  const upper = req.method.toUpperCase();
  const method = normalizedMethods.has(upper) ? upper : req.method;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers ?? {})) headers[k.toLowerCase()] = v;
  // the query as the URL parser normalizes it (what `new URL(request.url).search` gives the mock)
  const query = req.query !== undefined ? new URL(`${embeddedOrigin}/?${req.query}`).search.slice(1) : '';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const body = !hasBody ? new Uint8Array(0) : typeof req.body === 'string' ? encoder.encode(req.body) : req.body;
  return { method, query, headers, body };
}

/** The answer as the transport reports it: body cut at `max` bytes like a streamed read would cut it. */
function wireAnswerOf(a: DirectAnswer, max: number, started: number): WireAnswer {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(a.headers)) headers[k.toLowerCase()] = v;
  // a string of n UTF-16 units is at most 3n UTF-8 bytes: only a body that may pass the cap is encoded
  if (a.body.length * 3 <= max) return { status: a.status, headers, body: a.body, rawBytes: Buffer.byteLength(a.body, 'utf8'), truncated: false, ms: performance.now() - started };
  const bytes = encoder.encode(a.body);
  if (bytes.byteLength <= max) return { status: a.status, headers, body: decoder.decode(bytes), rawBytes: bytes.byteLength, truncated: false, ms: performance.now() - started };
  return { status: a.status, headers, body: decoder.decode(bytes.subarray(0, max)), rawBytes: bytes.byteLength, truncated: true, capBytes: max, ms: performance.now() - started };
}

/** Longest stretch of answering without a turn of the event loop. */
const turnEveryMs = 5;

/** An in-process target over a plain answerer; every failure becomes a TransportError. */
export function createDirectTarget(answer: DirectAnswerer, options: EmbeddedOptions): Target {
  const max = options.maxBodyBytes ?? defaultMaxBodyBytes;
  let lastTurn = performance.now();
  const send: Send = async (req: WireRequest, opts: SendOptions = {}) => {
    // Answers come back in microtasks only, so rules sending case after case would keep timers (another rule's
    // wait, the progress line) and signals (Ctrl-C) from running for seconds: give the loop a turn now and then.
    if (performance.now() - lastTurn > turnEveryMs) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      lastTurn = performance.now();
    }
    if (opts.signal?.aborted) throw new TransportError('aborted', 'the run was interrupted');
    const started = performance.now();
    let request: DirectRequest;
    try {
      request = directRequestOf(req);
    } catch (error) {
      throw new TransportError('other', `the request cannot be built: ${firstLine(error)}`);
    }
    let answered: DirectAnswer;
    try {
      answered = answer(request);
    } catch (error) {
      throw new TransportError('protocol', `a handler threw: ${firstLine(error)}`);
    }
    return wireAnswerOf(answered, max, started);
  };
  return inProcessTarget(send, options);
}
