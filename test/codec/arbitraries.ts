// Test data for the codec properties: arbitrary Unicode (astral included) salted with the characters
// that matter to form encoding and XML.
import fc from 'fast-check';
import type { Snapshot, Tag } from '@aws-sdk/client-elasticache';
import { snapshotMembers } from '../../specs/members.js';

const formAndXmlSpecials = ['&', '<', '>', '"', "'", '=', '+', '%', '%2', ' ', '~', '*', '!', '(', ')', '/', ';', '\t', '\n', '\r', ']]>', '&amp;', '&#13;', 'ü', '😀', '\u{10FFFF}', '\uFFFD'];

const surrogates = 0xdfff - 0xd800 + 1;
/**
 * One Unicode scalar value (any code point but a surrogate), as `fc.string({ unit: 'binary', maxLength: 1 })`
 * gives, without its cost: as the unit of another string, fast-check's binary unit builds a reverse map of all
 * 1.1 million code points (~1.5 s) each time such a string arbitrary is made.
 */
export const anyScalar = fc.integer({ min: 0, max: 0x10ffff - surrogates }).map((n) => String.fromCodePoint(n < 0xd800 ? n : n + surrogates));

/** Any Unicode text (no lone surrogates: the SDK cannot encode them), salted with specials. */
export const anyText = fc.string({ unit: fc.oneof(fc.constantFrom(...formAndXmlSpecials), anyScalar), maxLength: 12 });

const xmlChar = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
/** The SDK (like any XML reader that drops indentation) reads whitespace-only text with a newline as "". */
const sdkKeepsText = (s: string) => !(s.trim() === '' && s.includes('\n'));

/** Text an XML 1.0 document can carry and the SDK reads back unchanged. */
export const xmlText = anyText.filter((s) => xmlChar.test(s) && sdkKeepsText(s));

export const tag: fc.Arbitrary<Tag> = fc.oneof(
  fc.record({ Key: anyText, Value: anyText }),
  fc.record({ Key: anyText }),
  fc.record({ Value: anyText }),
);

export const copyInput = fc.record(
  {
    SourceSnapshotName: anyText,
    TargetSnapshotName: anyText,
    TargetBucket: anyText,
    KmsKeyId: anyText,
    Tags: fc.array(tag, { maxLength: 5 }),
  },
  { requiredKeys: [] },
);

const int32 = fc.integer({ min: -2147483648, max: 2147483647 });
const date = fc.date({ min: new Date('1970-01-01T00:00:00.000Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true });

function valueOf(type: string, values?: readonly string[]): fc.Arbitrary<unknown> {
  switch (type) {
    case 'Integer':
      return int32;
    case 'Boolean':
      return fc.boolean();
    case 'Timestamp':
      return date;
    default:
      return values ? fc.oneof(fc.constantFrom(...values), xmlText) : xmlText;
  }
}

export const nodeSnapshot = fc.record(
  {
    CacheClusterId: xmlText,
    NodeGroupId: xmlText,
    CacheNodeId: xmlText,
    CacheSize: xmlText,
    CacheNodeCreateTime: date,
    SnapshotCreateTime: date,
  },
  { requiredKeys: [] },
);

/** A Snapshot with any subset of its members, each of its modelled type. */
export const snapshot: fc.Arbitrary<Snapshot> = fc.record(
  Object.fromEntries(
    snapshotMembers.map((m) => [m.name, m.type === 'NodeSnapshotList' ? fc.array(nodeSnapshot, { minLength: 1, maxLength: 3 }) : valueOf(m.type, m.values)]),
  ) as Record<string, fc.Arbitrary<unknown>>,
  { requiredKeys: [] },
) as fc.Arbitrary<Snapshot>;
