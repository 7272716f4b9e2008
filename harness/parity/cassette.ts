// A cassette: one endpoint's answers to a seeded parity sequence, recorded once and replayed or diffed later
// (in CI without credentials). JSON Lines: a header line, then one line per logical exchange. Versioned; its
// JSON Schema is reports/cassette.schema.json; written redacted like every other output.
import { gunzipSync, gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import type { CopySnapshotInput, Fixtures, Outcome } from '../../specs/types.js';
import { UsageError } from '../errors.js';
import { redact } from '../../protocol/redact.js';
import type { NormalizedAnswer, StepKind } from '../parity-types.js';

export const cassetteFormat = 'copysnapshot-conformance/cassette';
export const cassetteVersion = 1;

export interface CassetteHeader {
  type: 'header';
  format: typeof cassetteFormat;
  formatVersion: typeof cassetteVersion;
  toolVersion: string;
  /** the API the cassette speaks */
  api: { service: 'elasticache'; version: '2015-02-02'; action: 'CopySnapshot' };
  target: { kind: 'embedded' | 'handlers' | 'http' | 'aws'; url: string };
  region: string;
  recordedAt: string;
  seed: number;
  /** cases per rule in the sequence */
  casesPerRule: number;
  /** the recording run's ID and name prefix (`csc-<run-id>-`): replays map them to their own */
  runId: string;
  namePrefix: string;
  fixtures: Fixtures;
  /** the normalization transformers the `normalized` fields were made with, in order */
  transformers: string[];
  /** rules whose cases the sequence has (others were skipped: no fixture, no generator, or no budget) */
  rules: string[];
  /** why a rule of the run has no exchanges here */
  skipped: Record<string, string>;
}

/** A request body as stored: text when it is small valid text; gzip (base64) when large; raw bytes (base64) otherwise. */
export type StoredBody = { text: string } | { base64: string } | { gzipBase64: string; bytes: number };

export interface StoredRequest {
  method: string;
  path: string;
  query?: string;
  /** headers a raw-wire case sets itself (never credentials: signing happens when it is sent) */
  headers?: Record<string, string>;
  body: StoredBody;
  /** the SDK input, where the case is one the SDK could send */
  sdkInput?: CopySnapshotInput;
  /** describe / delete / wait steps: the snapshot name they name */
  snapshotName?: string;
}

export interface StoredResponse {
  status: number;
  contentType: string;
  /** x-amzn-RequestId, where sent */
  requestIdHeader?: string;
  /** the body as text, or gzipped (base64) when it is long: read it with `responseBody` */
  body?: string;
  bodyGzipBase64?: string;
  /** the body was cut here (bytes of the whole) */
  cutFrom?: number;
}

export interface CassetteExchange {
  type: 'exchange';
  /** position in the sequence, from 0 */
  seq: number;
  rule: string;
  /** the rule the case's request was drawn to break, where that is not `rule` (an invariant's or post-state rule's sample) */
  drawnFor?: string;
  /** `<rule>/<case>[/<step>]`: the same case path in every cassette of the same seed and cases per rule */
  case: string;
  step: StepKind;
  request: StoredRequest;
  /** what the contract expected of this step when it was recorded (request steps) */
  expect?: readonly Outcome[];
  /** the copy the case made first (uniqueness cases), for re-deriving the expectation */
  precreate?: CopySnapshotInput;
  response?: StoredResponse;
  /** no answer: timeout, reset, refused … */
  transportError?: { kind: string; message: string };
  /** for `wait` steps: whether the name became available */
  available?: boolean;
  normalized: NormalizedAnswer;
}

export interface Cassette {
  header: CassetteHeader;
  exchanges: CassetteExchange[];
}

// percent-encoded bodies (tags, long names) shrink several times under gzip; short ones stay readable
const gzipFrom = 1024;
const responseLimit = 64 * 1024;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function storeBody(body: string | Uint8Array): StoredBody {
  let text: string | undefined;
  if (typeof body === 'string') text = body;
  else {
    try {
      text = strictUtf8.decode(body);
    } catch {
      text = undefined; // invalid UTF-8 is the point of some cases: keep the bytes
    }
  }
  if (text === undefined) return { base64: Buffer.from(body as Uint8Array).toString('base64') };
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes >= gzipFrom) return { gzipBase64: gzipSync(Buffer.from(text, 'utf8')).toString('base64'), bytes };
  return { text };
}

export function loadBody(stored: StoredBody): string | Uint8Array {
  if ('text' in stored) return stored.text;
  if ('base64' in stored) return new Uint8Array(Buffer.from(stored.base64, 'base64'));
  return gunzipSync(Buffer.from(stored.gzipBase64, 'base64')).toString('utf8');
}

export function storeResponse(status: number, headers: Record<string, string>, body: string): StoredResponse {
  const clean = redact(body);
  const kept = clean.length > responseLimit ? clean.slice(0, responseLimit) : clean;
  const out: StoredResponse = { status, contentType: headers['content-type'] ?? '' };
  if (Buffer.byteLength(kept, 'utf8') >= gzipFrom) out.bodyGzipBase64 = gzipSync(Buffer.from(kept, 'utf8')).toString('base64');
  else out.body = kept;
  if (clean.length > responseLimit) out.cutFrom = Buffer.byteLength(clean, 'utf8');
  const requestId = headers['x-amzn-requestid'];
  if (requestId !== undefined) out.requestIdHeader = requestId;
  return out;
}

export function responseBody(r: StoredResponse): string {
  return r.bodyGzipBase64 !== undefined ? gunzipSync(Buffer.from(r.bodyGzipBase64, 'base64')).toString('utf8') : (r.body ?? '');
}

/** The cassette as JSON Lines, redacted (a secret never reaches a file, whatever an endpoint echoed). */
export function serializeCassette(cassette: Cassette): string {
  return [cassette.header, ...cassette.exchanges].map((line) => redact(JSON.stringify(line))).join('\n') + '\n';
}

/** Read and check a cassette file; a missing, unreadable or foreign file is a usage error (exit 2). */
export function readCassette(file: string): Cassette {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cassette ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return parseCassette(text, file);
}

export function parseCassette(text: string, file = 'cassette'): Cassette {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const parsed = lines.map((line, i) => {
    try {
      return JSON.parse(line) as { type?: unknown };
    } catch {
      throw new UsageError(`${file}: line ${i + 1} is not JSON (is this a cassette written by \`record --out\`?)`);
    }
  });
  const header = parsed[0] as CassetteHeader | undefined;
  if (!header || header.type !== 'header' || header.format !== cassetteFormat)
    throw new UsageError(`${file}: not a cassette (its first line must be a ${cassetteFormat} header; write one with \`record --out\`)`);
  if (header.formatVersion !== cassetteVersion) throw new UsageError(`${file}: cassette format version ${String(header.formatVersion)}, this tool reads version ${cassetteVersion}`);
  const exchanges = parsed.slice(1).map((line, i) => {
    const ex = line as CassetteExchange;
    if (ex.type !== 'exchange' || typeof ex.rule !== 'string' || typeof ex.case !== 'string' || typeof ex.request !== 'object' || typeof ex.normalized !== 'object')
      throw new UsageError(`${file}: line ${i + 2} is not a cassette exchange`);
    return ex;
  });
  return { header, exchanges };
}
