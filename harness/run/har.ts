// Every exchange of a run as a HAR 1.2 log (`--har FILE`): what a HAR viewer, a browser's network panel or a
// replay tool reads. Recorded where requests leave the run (the target's send), so the SDK's housekeeping,
// retries and cleanup are in it too; written redacted, like every other output.
import { writeFileSync } from 'node:fs';
import { redact, redactUrl } from '../../protocol/redact.js';
import type { Phase } from '../result.js';
import { TransportError, type Target, type WireAnswer, type WireRequest } from '../transport/index.js';
import { actionOf } from './counting.js';

/** Bodies past this are cut in the HAR (a 1 MiB case body would make the file unreadable); the size stays. */
const bodyLimit = 64 * 1024;
const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

interface HarHeader {
  name: string;
  value: string;
}

export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: { method: string; url: string; httpVersion: string; cookies: []; headers: HarHeader[]; queryString: HarHeader[]; postData?: { mimeType: string; text: string }; headersSize: -1; bodySize: number };
  response: { status: number; statusText: string; httpVersion: string; cookies: []; headers: HarHeader[]; content: { size: number; mimeType: string; text: string; comment?: string }; redirectURL: string; headersSize: -1; bodySize: number; _error?: string };
  cache: Record<string, never>;
  timings: { send: number; wait: number; receive: number };
  /** custom fields (HAR allows `_`-prefixed ones): the run phase and the Query action */
  _phase: Phase;
  _action: string;
}

const headerList = (headers: Record<string, string> | undefined): HarHeader[] =>
  Object.entries(headers ?? {}).map(([name, value]) => ({ name, value: redact(value) }));

function cut(text: string): { text: string; comment?: string } {
  const clean = redact(text); // redact before cutting: a cut secret is still a secret
  return clean.length > bodyLimit ? { text: clean.slice(0, bodyLimit), comment: `cut at ${bodyLimit} characters of ${clean.length}` } : { text: clean };
}

export class HarRecorder {
  readonly entries: HarEntry[] = [];
  constructor(private readonly baseUrl: string) {}

  record(req: WireRequest, phase: Phase, started: number, answer: WireAnswer | undefined, error: unknown): void {
    const body = typeof req.body === 'string' ? req.body : decoder.decode(req.body);
    const url = new URL(req.path + (req.query !== undefined && req.query !== '' ? `?${req.query}` : ''), this.baseUrl);
    const time = Math.max(0, Date.now() - started);
    const requestBody = cut(body);
    const entry: HarEntry = {
      startedDateTime: new Date(started).toISOString(),
      time,
      request: {
        method: req.method,
        url: redactUrl(url.href),
        httpVersion: 'HTTP/1.1',
        cookies: [],
        headers: headerList(req.headers),
        queryString: [...url.searchParams].map(([name, value]) => ({ name, value: redact(value) })),
        headersSize: -1,
        bodySize: typeof req.body === 'string' ? Buffer.byteLength(req.body) : req.body.byteLength,
      },
      response: {
        status: answer?.status ?? 0,
        statusText: '',
        httpVersion: 'HTTP/1.1',
        cookies: [],
        headers: headerList(answer?.headers),
        content: { size: answer ? Buffer.byteLength(answer.body) : 0, mimeType: answer?.headers['content-type'] ?? 'x-unknown', ...cut(answer?.body ?? '') },
        redirectURL: '',
        headersSize: -1,
        bodySize: answer ? Buffer.byteLength(answer.body) : 0,
      },
      cache: {},
      timings: { send: 0, wait: time, receive: 0 },
      _phase: phase,
      _action: actionOf(req),
    };
    if (req.method !== 'GET') entry.request.postData = { mimeType: req.headers?.['content-type'] ?? 'application/x-www-form-urlencoded', text: requestBody.text };
    if (!answer) entry.response._error = redact(error instanceof TransportError ? `${error.kind}: ${error.message}` : String(error));
    this.entries.push(entry);
  }

  toHar(toolVersion: string): { log: { version: '1.2'; creator: { name: string; version: string }; entries: HarEntry[] } } {
    return { log: { version: '1.2', creator: { name: 'copysnapshot-conformance', version: toolVersion }, entries: this.entries } };
  }

  /** Write the log to `file` (its folder must exist: the CLI makes it before the run starts). */
  write(file: string, toolVersion: string): void {
    writeFileSync(file, `${JSON.stringify(this.toHar(toolVersion), null, 1)}\n`);
  }
}

/** `target` with every exchange recorded into `har` under the current phase (its SDK client's too). */
export function recordingSend(target: Target, har: HarRecorder, phase: { current: Phase }): Target['send'] {
  return async (req, opts) => {
    const started = Date.now();
    try {
      const answer = await target.send(req, opts);
      har.record(req, phase.current, started, answer, undefined);
      return answer;
    } catch (error) {
      har.record(req, phase.current, started, undefined, error);
      throw error;
    }
  };
}
