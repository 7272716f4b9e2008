// Reading answers with fast-xml-parser: keep the raw <Code>, the status, and type the Snapshot as modelled.
import type { Snapshot } from '@aws-sdk/client-elasticache';
import { XMLParser } from 'fast-xml-parser';
import { nodeSnapshotMembers, snapshotMembers } from '../../specs/members.js';
import type { ResultMember } from '../../specs/types.js';

export type ParsedAnswer =
  | {
      kind: 'success';
      status: number;
      rootName: string;
      namespace?: string;
      requestId?: string;
      result: Record<string, unknown>;
      snapshot?: Snapshot;
      typeErrors: string[];
    }
  | {
      kind: 'error';
      status: number;
      rootName: string;
      namespace?: string;
      type?: string;
      code?: string;
      message?: string;
      requestId?: string;
      /** envelope parts that are absent */
      missing: string[];
    }
  | { kind: 'malformed'; status: number; reason: string };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: false,
  isArray: (name) => name === 'NodeSnapshot' || name === 'Snapshot' || name === 'Tag',
});

type Node = Record<string, unknown>;

function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && '#text' in (value as Node)) return String((value as Node)['#text']);
  if (typeof value === 'object' && Object.keys(value as Node).length === 0) return '';
  return undefined;
}

function typed(record: Node, members: readonly ResultMember[], where: string, errors: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const m of members) {
    const raw = record[m.name];
    if (raw === undefined) continue;
    if (m.type === 'NodeSnapshotList') {
      const list = (raw as Node)?.NodeSnapshot;
      const nodes = Array.isArray(list) ? list : [];
      out[m.name] = nodes.map((n, i) => typed((n ?? {}) as Node, nodeSnapshotMembers, `${where}.NodeSnapshots[${i}]`, errors));
      continue;
    }
    const value = text(raw);
    if (value === undefined) {
      errors.push(`${where}.${m.name} is not a scalar`);
      continue;
    }
    if (m.type === 'Integer') {
      if (!/^-?\d+$/.test(value.trim())) errors.push(`${where}.${m.name} "${value}" is not an integer`);
      else out[m.name] = Number(value);
    } else if (m.type === 'Boolean') {
      if (value !== 'true' && value !== 'false') errors.push(`${where}.${m.name} "${value}" is not true/false`);
      else out[m.name] = value === 'true';
    } else if (m.type === 'Timestamp') {
      const date = new Date(value);
      if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(date.getTime())) errors.push(`${where}.${m.name} "${value}" is not an ISO-8601 timestamp`);
      else out[m.name] = date;
    } else out[m.name] = value;
  }
  return out;
}

/** Parse an answer; never throws. */
export function readAnswer(status: number, headers: Record<string, string>, body: string): ParsedAnswer {
  void headers;
  const trimmed = body.trim();
  if (trimmed.length === 0) return { kind: 'malformed', status, reason: 'empty body' };
  if (/<!DOCTYPE/i.test(trimmed)) return { kind: 'malformed', status, reason: 'XML with a DOCTYPE (not allowed in the protocol)' };
  if (!trimmed.startsWith('<')) return { kind: 'malformed', status, reason: trimmed.startsWith('{') ? 'JSON, not XML' : 'not XML' };
  let doc: Node;
  try {
    doc = parser.parse(trimmed, true) as Node;
  } catch (error) {
    return { kind: 'malformed', status, reason: `invalid XML: ${String((error as Error).message ?? error).split('\n')[0]}` };
  }
  const roots = Object.keys(doc).filter((k) => k !== '?xml');
  if (roots.length !== 1) return { kind: 'malformed', status, reason: `expected one root element, found ${roots.length}` };
  const rootName = roots[0]!;
  const root = (doc[rootName] ?? {}) as Node;
  if (typeof root !== 'object') return { kind: 'malformed', status, reason: `root element ${rootName} has no children` };
  const namespace = typeof root['@xmlns'] === 'string' ? (root['@xmlns'] as string) : undefined;
  if (rootName === 'ErrorResponse') {
    const error = root.Error as Node | undefined;
    const missing: string[] = [];
    if (!error || typeof error !== 'object') missing.push('Error');
    const type = text(error?.Type);
    const code = text(error?.Code);
    const message = text(error?.Message) ?? text(error?.message);
    const requestId = text(root.RequestId);
    if (error && typeof error === 'object') {
      if (type === undefined) missing.push('Error/Type');
      if (code === undefined) missing.push('Error/Code');
      if (message === undefined) missing.push('Error/Message');
    }
    if (requestId === undefined) missing.push('RequestId');
    const out: ParsedAnswer = { kind: 'error', status, rootName, missing };
    if (namespace !== undefined) out.namespace = namespace;
    if (type !== undefined) out.type = type;
    if (code !== undefined) out.code = code;
    if (message !== undefined) out.message = message;
    if (requestId !== undefined) out.requestId = requestId;
    return out;
  }
  if (!rootName.endsWith('Response')) return { kind: 'malformed', status, reason: `unexpected root element <${rootName}>` };
  const action = rootName.slice(0, -'Response'.length);
  const result = (root[`${action}Result`] ?? {}) as Node;
  const typeErrors: string[] = [];
  const out: ParsedAnswer = { kind: 'success', status, rootName, result: typeof result === 'object' ? result : {}, typeErrors };
  if (namespace !== undefined) out.namespace = namespace;
  const requestId = text((root.ResponseMetadata as Node | undefined)?.RequestId);
  if (requestId !== undefined) out.requestId = requestId;
  const snapshots = (out.result as Node).Snapshot;
  const first = Array.isArray(snapshots) ? snapshots[0] : undefined;
  if (first && typeof first === 'object') out.snapshot = typed(first as Node, snapshotMembers, 'Snapshot', typeErrors) as Snapshot;
  return out;
}
