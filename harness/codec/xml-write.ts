// Writing Query-protocol XML: success envelopes, Snapshot structures, ErrorResponse.
import type { NodeSnapshot, Snapshot } from '@aws-sdk/client-elasticache';
import { nodeSnapshotMembers, service, snapshotMembers } from '../../specs/members.js';
import type { ResultMember } from '../../specs/types.js';

/** Escape text for XML 1.0 and drop characters XML cannot carry. */
export function xmlEscape(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;');
}

function scalarText(value: unknown, type: ResultMember['type']): string {
  if (type === 'Timestamp') return value instanceof Date ? value.toISOString() : String(value);
  return String(value);
}

function membersXml(record: Record<string, unknown>, members: readonly ResultMember[]): string {
  let out = '';
  for (const m of members) {
    const value = record[m.name];
    if (value === undefined || value === null) continue;
    if (m.type === 'NodeSnapshotList') {
      const nodes = (value as NodeSnapshot[]).map((n) => `<NodeSnapshot>${membersXml(n as Record<string, unknown>, nodeSnapshotMembers)}</NodeSnapshot>`);
      out += `<NodeSnapshots>${nodes.join('')}</NodeSnapshots>`;
    } else out += `<${m.name}>${xmlEscape(scalarText(value, m.type))}</${m.name}>`;
  }
  return out;
}

/** `<Snapshot>…</Snapshot>` with members in model order. */
export function snapshotXml(snapshot: Snapshot, element = 'Snapshot'): string {
  return `<${element}>${membersXml(snapshot as Record<string, unknown>, snapshotMembers)}</${element}>`;
}

/** `<{Action}Response xmlns=…><{Action}Result>…</{Action}Result><ResponseMetadata>…` */
export function successXml(action: string, resultInnerXml: string, requestId: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${service.namespace}">` +
    `<${action}Result>${resultInnerXml}</${action}Result>` +
    `<ResponseMetadata><RequestId>${xmlEscape(requestId)}</RequestId></ResponseMetadata></${action}Response>`
  );
}

export interface ErrorFields {
  type: 'Sender' | 'Receiver';
  code: string;
  message: string;
  requestId: string;
}

/** `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>` */
export function errorXml(e: ErrorFields): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="${service.namespace}"><Error>` +
    `<Type>${xmlEscape(e.type)}</Type><Code>${xmlEscape(e.code)}</Code><Message>${xmlEscape(e.message)}</Message>` +
    `</Error><RequestId>${xmlEscape(e.requestId)}</RequestId></ErrorResponse>`
  );
}
