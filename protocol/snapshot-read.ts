// A <Snapshot> element typed as the model says: Integer → number, Boolean → boolean,
// Timestamp → Date, NodeSnapshots → array. Every value that is not of its type is reported.
import type { Snapshot } from '@aws-sdk/client-elasticache';
import { nodeSnapshotMembers, snapshotMembers } from '../specs/members.js';
import type { ResultMember } from '../specs/types.js';
import { textOf, type XmlNode } from './xml-parse.js';

const integer = /^-?\d+$/;
const isoTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function scalar(m: ResultMember, value: string, where: string, errors: string[]): unknown {
  switch (m.type) {
    case 'Integer':
      if (!integer.test(value) || !Number.isSafeInteger(Number(value))) errors.push(`${where}.${m.name} "${value}" is not an integer`);
      else return Number(value);
      return undefined;
    case 'Boolean':
      if (value !== 'true' && value !== 'false') errors.push(`${where}.${m.name} "${value}" is not true/false`);
      else return value === 'true';
      return undefined;
    case 'Timestamp': {
      const date = new Date(value);
      if (!isoTimestamp.test(value) || Number.isNaN(date.getTime())) errors.push(`${where}.${m.name} "${value}" is not an ISO-8601 timestamp`);
      else return date;
      return undefined;
    }
    default:
      return value;
  }
}

function nodeList(raw: unknown): unknown[] {
  if (raw === '' || raw === undefined) return [];
  const items = (raw as XmlNode)?.NodeSnapshot;
  return Array.isArray(items) ? items : items === undefined ? [] : [items];
}

function typed(record: XmlNode, members: readonly ResultMember[], where: string, errors: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const m of members) {
    const raw = record[m.name];
    if (raw === undefined) continue;
    if (Array.isArray(raw)) {
      errors.push(`${where}.${m.name} appears ${raw.length} times`);
      continue;
    }
    if (m.type === 'NodeSnapshotList') {
      if (raw !== '' && (typeof raw !== 'object' || raw === null)) {
        errors.push(`${where}.${m.name} is not a list of NodeSnapshot`);
        continue;
      }
      out[m.name] = nodeList(raw).map((n, i) =>
        typeof n === 'object' && n !== null ? typed(n as XmlNode, nodeSnapshotMembers, `${where}.NodeSnapshots[${i}]`, errors) : {},
      );
      continue;
    }
    const value = textOf(raw);
    if (value === undefined) errors.push(`${where}.${m.name} is not a scalar`);
    else {
      const v = scalar(m, value, where, errors);
      if (v !== undefined) out[m.name] = v;
    }
  }
  return out;
}

/** The Snapshot in `element`, typed; type errors go to `errors`. */
export function readSnapshot(element: unknown, errors: string[], where = 'Snapshot'): Snapshot {
  if (element === '' ) return {};
  if (typeof element !== 'object' || element === null || Array.isArray(element)) {
    errors.push(`${where} is not a structure`);
    return {};
  }
  return typed(element as XmlNode, snapshotMembers, where, errors) as Snapshot;
}
