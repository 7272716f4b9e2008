// Writing Query-protocol XML: success envelopes, Snapshot structures, ErrorResponse.
import type { Snapshot } from '@aws-sdk/client-elasticache';
import { nodeSnapshotMembers, service, snapshotMembers } from '../specs/members.js';
import type { ResultMember } from '../specs/types.js';

const invalidXml = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Drop what XML 1.0 cannot carry at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF); astral characters stay. */
export function stripInvalidXml(text: string): string {
  return text.replace(invalidXml, '');
}

/**
 * Escape text for an XML 1.0 element. Characters XML cannot carry at all (most C0 controls, lone
 * surrogates, U+FFFE/U+FFFF) are dropped; CR is written `&#13;` so no parser folds it into LF.
 */
export function xmlEscape(text: string): string {
  return stripInvalidXml(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;');
}

function timestampText(value: unknown): string {
  const date = value instanceof Date ? value : typeof value === 'number' ? new Date(value) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : String(value);
}

function membersXml(record: Record<string, unknown>, members: readonly ResultMember[]): string {
  let out = '';
  for (const m of members) {
    const value = record[m.name];
    if (value === undefined || value === null) continue;
    if (m.type === 'NodeSnapshotList') {
      if (!Array.isArray(value)) continue;
      const nodes = value.map((n: Record<string, unknown>) => `<NodeSnapshot>${membersXml(n, nodeSnapshotMembers)}</NodeSnapshot>`);
      out += `<NodeSnapshots>${nodes.join('')}</NodeSnapshots>`;
    } else {
      const text = m.type === 'Timestamp' ? timestampText(value) : String(value);
      out += `<${m.name}>${xmlEscape(text)}</${m.name}>`;
    }
  }
  return out;
}

/** `<Snapshot>…</Snapshot>` with members in model order; timestamps ISO-8601. */
export function snapshotXml(snapshot: Snapshot, element = 'Snapshot'): string {
  return `<${element}>${membersXml(snapshot as Record<string, unknown>, snapshotMembers)}</${element}>`;
}

/** `<{Action}Response xmlns=…><{Action}Result>…</{Action}Result><ResponseMetadata><RequestId>…` */
export function successXml(action: string, resultInnerXml: string, requestId: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${service.namespace}">` +
    `<${action}Result>${resultInnerXml}</${action}Result>` +
    `<ResponseMetadata><RequestId>${xmlEscape(requestId)}</RequestId></ResponseMetadata></${action}Response>`
  );
}

export interface ErrorFields {
  /** `Sender` for 4xx, `Receiver` for 5xx */
  type: string;
  code: string;
  message: string;
  requestId: string;
}

/** `<ErrorResponse xmlns=…><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>` */
export function errorXml(e: ErrorFields): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="${service.namespace}"><Error>` +
    `<Type>${xmlEscape(e.type)}</Type><Code>${xmlEscape(e.code)}</Code><Message>${xmlEscape(e.message)}</Message>` +
    `</Error><RequestId>${xmlEscape(e.requestId)}</RequestId></ErrorResponse>`
  );
}
