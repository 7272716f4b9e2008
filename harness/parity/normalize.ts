// Normalization: what two endpoints' answers must agree on, with what may differ (request IDs, times, account,
// region, the run's own name prefix, fixture names) replaced by placeholders. Named transformers, in the spirit
// of LocalStack's snapshot transformers: each does one replacement and says so in the cassette header.
import type { Fixtures } from '../../specs/types.js';
import type { Snapshot } from '@aws-sdk/client-elasticache';
import { findSnapshot, readAnswer, readSnapshotList, readTagList, type ParsedAnswer } from '../../protocol/index.js';
import { mediaTypeOf } from '../../protocol/body-sniff.js';
import { redact } from '../../protocol/redact.js';
import type { NormalizedAnswer } from '../parity-types.js';

/** An answer as the normalizers read it. */
type WireText = { status: number; headers: Record<string, string>; body: string };

/** What the transformers replace, for one side of a comparison. */
export interface NormalizeScope {
  namePrefix: string;
  /** the run's ID (the ownership tag's value) */
  runId?: string;
  fixtures: Fixtures;
  region: string;
}

export interface Transformer {
  name: string;
  apply(text: string, scope: NormalizeScope): string;
}

export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Replace `value` (any casing) by `<label>`; a casing other than the value's own becomes `<label~case>`. */
function replaceName(text: string, value: string, label: string): string {
  if (value === '') return text;
  return text.replace(new RegExp(escapeRegExp(value), 'gi'), (m) => (m === value ? `<${label}>` : `<${label}~case>`));
}

const fixtureKeys = ['sourceSnapshot', 'pendingSnapshot', 'exportBucket', 'existingExportTarget', 'cluster'] as const;

/** The transformers, in the order they apply. Names are stable: cassettes list them. */
export const transformers: readonly Transformer[] = [
  {
    name: 'arn',
    // arn:aws:elasticache:us-east-1:123456789012:snapshot:x → arn:<partition>:elasticache:<region>:<account>:snapshot:x
    apply: (t) => t.replace(/arn:aws[a-z-]*:([a-z0-9-]+):[a-z0-9-]*:\d*:/g, 'arn:<partition>:$1:<region>:<account>:'),
  },
  { name: 'account-id', apply: (t) => t.replace(/\b\d{12}\b/g, '<account>') },
  { name: 'timestamp', apply: (t) => t.replace(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?/g, '<timestamp>') },
  { name: 'run-prefix', apply: (t, s) => replaceName(t, s.namePrefix, 'prefix') },
  { name: 'run-id', apply: (t, s) => (s.runId ? replaceName(t, s.runId, 'run-id') : t) },
  {
    name: 'fixture-names',
    apply: (t, s) => {
      const names: [string, string][] = [];
      for (const key of fixtureKeys) {
        const v = s.fixtures[key];
        if (typeof v === 'string') names.push([v, `fixture:${key}`]);
      }
      for (const [condition, bucket] of Object.entries(s.fixtures.buckets ?? {})) if (bucket) names.push([bucket, `fixture:bucket:${condition}`]);
      // longest first: a fixture name inside another must not break the longer one
      names.sort((a, b) => b[0].length - a[0].length);
      return names.reduce((acc, [value, label]) => replaceName(acc, value, label), t);
    },
  },
  { name: 'region', apply: (t, s) => (s.region ? t.replace(new RegExp(`\\b${escapeRegExp(s.region)}\\b`, 'g'), '<region>') : t) },
];

/** Every replacement a normalized answer went through, as a cassette header lists them. */
export const transformerNames = ['request-id', ...transformers.map((t) => t.name), 'status-settling'];

export function normalizeText(text: string, scope: NormalizeScope): string {
  return redact(transformers.reduce((acc, t) => t.apply(acc, scope), text));
}

/** Numbers request IDs by first appearance across a whole sequence: `<request-id:1>`, `<request-id:2>` … */
export class RequestIdRefs {
  private readonly seen = new Map<string, number>();
  ref(id: string | undefined): string {
    if (id === undefined || id === '') return 'absent';
    let n = this.seen.get(id);
    if (n === undefined) this.seen.set(id, (n = this.seen.size + 1));
    return `<request-id:${n}>`;
  }
}

function typeOf(value: unknown): string {
  if (value instanceof Date) return 'timestamp';
  if (Array.isArray(value)) return 'list';
  if (value === null) return 'null';
  return typeof value;
}

/** The members of a typed Snapshot and their types, in name order. */
function memberTypes(snapshot: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(snapshot).sort()) if (snapshot[key] !== undefined) out[key] = typeOf(snapshot[key]);
  return out;
}

function fromParsed(parsed: ParsedAnswer, headers: Record<string, string>, scope: NormalizeScope, refs: RequestIdRefs): NormalizedAnswer {
  const n: NormalizedAnswer = { outcome: parsed.kind, status: parsed.status, contentType: mediaTypeOf(headers['content-type']) };
  if (parsed.kind === 'malformed') {
    n.problem = normalizeText(parsed.reason, scope);
    return n;
  }
  n.envelope = parsed.rootName;
  if (parsed.namespace !== undefined) n.namespace = parsed.namespace;
  n.requestId = refs.ref(parsed.requestId);
  const header = headers['x-amzn-requestid'];
  n.requestIdHeader = header === undefined ? 'absent' : header === parsed.requestId ? 'same as body' : refs.ref(header);
  if (parsed.kind === 'error') {
    if (parsed.code !== undefined) n.code = parsed.code;
    if (parsed.type !== undefined) n.type = parsed.type;
    if (parsed.message !== undefined) n.message = normalizeText(parsed.message, scope);
    if (parsed.missing.length) n.missing = [...parsed.missing].sort();
    return n;
  }
  if (parsed.snapshot) {
    const s = parsed.snapshot as Record<string, unknown>;
    n.snapshot = memberTypes(s);
    if (typeof s.SnapshotName === 'string') n.snapshotName = normalizeText(s.SnapshotName, scope);
    if (typeof s.SnapshotStatus === 'string') n.snapshotStatus = s.SnapshotStatus;
  }
  return n;
}

/** A CopySnapshot (or any single-snapshot) answer, normalized. */
export function normalizeAnswer(answer: WireText, scope: NormalizeScope, refs: RequestIdRefs): NormalizedAnswer {
  return fromParsed(readAnswer(answer.status, answer.headers, answer.body), answer.headers, scope, refs);
}

/** No answer at all: the transport failure's kind is what is compared (its message holds ports and timings). */
export function normalizeNoAnswer(kind: string): NormalizedAnswer {
  return { outcome: 'no-answer', problem: kind };
}

/**
 * A DescribeSnapshots-by-name answer: whether `name` is listed (exact spelling first, then any casing), its
 * status and stored name; an error answer is normalized like any other.
 */
export function normalizeDescribe(answer: WireText, name: string, scope: NormalizeScope, refs: RequestIdRefs): NormalizedAnswer {
  const parsed = readAnswer(answer.status, answer.headers, answer.body);
  const n = fromParsed(parsed, answer.headers, scope, refs);
  if (parsed.kind !== 'success') {
    if (parsed.kind === 'error') n.exists = false;
    return n;
  }
  delete n.snapshot;
  const hit = findSnapshot(readSnapshotList(parsed.result), name);
  n.exists = hit !== undefined;
  if (hit?.SnapshotName !== undefined) n.snapshotName = normalizeText(hit.SnapshotName, scope);
  // creating → available is a matter of timing (a copy settles in ms on a mock, minutes on AWS): one class
  if (hit?.SnapshotStatus !== undefined) n.snapshotStatus = settling.has(hit.SnapshotStatus) ? 'creating|available' : hit.SnapshotStatus;
  return n;
}

/** A ListTagsForResource answer: its tags as `key=value` lines, sorted (order is not part of the contract). */
export function normalizeTagList(answer: WireText, scope: NormalizeScope, refs: RequestIdRefs): NormalizedAnswer {
  const parsed = readAnswer(answer.status, answer.headers, answer.body);
  const n = fromParsed(parsed, answer.headers, scope, refs);
  if (parsed.kind !== 'success') return n;
  n.tags = readTagList(parsed.result)
    .map((t) => `${normalizeText(t.Key ?? '', scope)}=${t.Value === undefined ? '(no value)' : normalizeText(t.Value, scope)}`)
    .sort();
  return n;
}

const settling = new Set(['creating', 'available']);

/** `name` as a DescribeSnapshots answer lists it (exact spelling first), or undefined when it does not. */
export function listedSnapshot(answer: WireText, name: string): Snapshot | undefined {
  const parsed = readAnswer(answer.status, answer.headers, answer.body);
  return parsed.kind === 'success' ? findSnapshot(readSnapshotList(parsed.result), name) : undefined;
}
