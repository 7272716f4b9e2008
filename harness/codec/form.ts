// Reading application/x-www-form-urlencoded bodies (and GET query strings) strictly.
import type { CopySnapshotInput, Tag } from '../../specs/types.js';

export interface FormParse {
  pairs: [string, string][];
  /** malformed percent-escapes, invalid UTF-8 */
  errors: string[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeComponent(raw: string, errors: string[]): string {
  const text = raw.replace(/\+/g, ' ');
  if (!text.includes('%')) return text;
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '%') {
      const hex = text.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) {
        errors.push(`malformed percent-escape "${text.slice(i, i + 3)}"`);
        bytes.push(0x25);
        continue;
      }
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      for (const b of Buffer.from(ch, 'utf8')) bytes.push(b);
    }
  }
  try {
    return utf8.decode(Uint8Array.from(bytes));
  } catch {
    errors.push('percent-decoded bytes are not valid UTF-8');
    return Buffer.from(bytes).toString('utf8');
  }
}

/** Split and decode a form body; never throws. */
export function parseForm(body: string | Uint8Array): FormParse {
  const errors: string[] = [];
  let text: string;
  if (typeof body === 'string') text = body;
  else {
    try {
      text = utf8.decode(body);
    } catch {
      errors.push('body is not valid UTF-8');
      text = Buffer.from(body).toString('latin1');
    }
  }
  const pairs: [string, string][] = [];
  if (text.length === 0) return { pairs, errors };
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = decodeComponent(eq < 0 ? part : part.slice(0, eq), errors);
    const value = eq < 0 ? '' : decodeComponent(part.slice(eq + 1), errors);
    pairs.push([key, value]);
  }
  return { pairs, errors };
}

/** Keys given more than once. */
export function duplicateKeys(pairs: readonly [string, string][]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const [k] of pairs) (seen.has(k) ? dup : seen).add(k);
  return [...dup];
}

/** First value per key (duplicates are reported separately, never merged silently). */
export function paramsOf(pairs: readonly [string, string][]): Map<string, string> {
  const map = new Map<string, string>();
  for (const [k, v] of pairs) if (!map.has(k)) map.set(k, v);
  return map;
}

export interface DecodedCopyRequest {
  action?: string;
  version?: string;
  input: CopySnapshotInput;
  duplicates: string[];
  /** tag index gaps, unknown keys */
  problems: string[];
}

const scalarMembers = ['SourceSnapshotName', 'TargetSnapshotName', 'TargetBucket', 'KmsKeyId'] as const;
const tagKey = /^Tags\.Tag\.(\d+)\.(Key|Value)$/;

/** A CopySnapshot input from form pairs: Tags.Tag.N ordered numerically, `Tags=` an empty list. */
export function decodeCopySnapshot(pairs: readonly [string, string][]): DecodedCopyRequest {
  const params = paramsOf(pairs);
  const input: CopySnapshotInput = {};
  const problems: string[] = [];
  for (const name of scalarMembers) {
    const v = params.get(name);
    if (v !== undefined) input[name] = v;
  }
  const tags = new Map<number, Tag>();
  for (const [key, value] of params) {
    const m = tagKey.exec(key);
    if (m) {
      const n = Number(m[1]);
      const tag = tags.get(n) ?? {};
      tag[m[2] as 'Key' | 'Value'] = value;
      tags.set(n, tag);
    } else if (key !== 'Action' && key !== 'Version' && key !== 'Tags' && !(scalarMembers as readonly string[]).includes(key)) {
      problems.push(`unknown parameter ${key}`);
    }
  }
  if (tags.size > 0) {
    const indexes = [...tags.keys()].sort((a, b) => a - b);
    indexes.forEach((n, i) => {
      if (n !== i + 1) problems.push(`tag index ${n} where ${i + 1} was expected`);
    });
    input.Tags = indexes.map((n) => tags.get(n)!);
  } else if (params.has('Tags')) input.Tags = [];
  const out: DecodedCopyRequest = { input, duplicates: duplicateKeys(pairs), problems };
  const action = params.get('Action');
  const version = params.get('Version');
  if (action !== undefined) out.action = action;
  if (version !== undefined) out.version = version;
  return out;
}
